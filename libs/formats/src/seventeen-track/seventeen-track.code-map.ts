import type { Milestone } from '@lanewatch/domain';

/** 17TRACK sub_status values whose milestone does not depend on the side of the journey (formats.md). */
export const SEVENTEEN_TRACK_CODE_MAP: Readonly<Record<string, Milestone>> = {
  InfoReceived: 'INFO_RECEIVED',
  InTransit_PickedUp: 'ACCEPTED',
  InTransit_Departure: 'DEPARTED_ORIGIN',
  InTransit_Arrival: 'ARRIVED_DESTINATION',
  OutForDelivery_Other: 'OUT_FOR_DELIVERY',
  DeliveryFailure_Other: 'DELIVERY_FAILED',
  DeliveryFailure_NoBody: 'DELIVERY_FAILED',
  DeliveryFailure_Security: 'DELIVERY_FAILED',
  DeliveryFailure_Rejected: 'DELIVERY_FAILED',
  DeliveryFailure_InvalidAddress: 'DELIVERY_FAILED',
  AvailableForPickup_Other: 'AVAILABLE_FOR_PICKUP',
  Delivered_Other: 'DELIVERED',
  Exception_Returning: 'RETURN_IN_TRANSIT',
  Exception_Returned: 'RETURNED',
  Exception_Lost: 'LOST',
  Exception_Destroyed: 'DESTROYED',
  Exception_Cancel: 'CANCELLED',
  Exception_Other: 'EXCEPTION',
  Exception_NoBody: 'EXCEPTION',
  Exception_Security: 'EXCEPTION',
  Exception_Damage: 'EXCEPTION',
  Exception_Rejected: 'EXCEPTION',
  Exception_Delayed: 'EXCEPTION',
};

export const SEVENTEEN_TRACK_SIDED: Readonly<Record<string, readonly [Milestone, Milestone]>> = {
  InTransit_CustomsProcessing: ['EXPORT_CUSTOMS_STARTED', 'IMPORT_CUSTOMS_STARTED'],
  InTransit_CustomsRequiringInformation: ['EXPORT_CUSTOMS_HELD', 'IMPORT_CUSTOMS_HELD'],
  InTransit_CustomsReleased: ['EXPORT_CUSTOMS_CLEARED', 'IMPORT_CUSTOMS_RELEASED'],
};
