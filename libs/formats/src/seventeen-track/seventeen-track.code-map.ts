import type { Milestone } from '@lanewatch/domain';

/**
 * 17TRACK sub_status values, then stage values (for events that carry only a stage), whose milestone
 * does not depend on the side of the journey: formats.md's table, from 17TRACK's API v2 status and
 * stage lists (api.17track.net/en/doc, "Tracking status" and "Milestone/stage").
 */
export const SEVENTEEN_TRACK_CODE_MAP: Readonly<Record<string, Milestone>> = {
  // Stages (formats.md: `sub_status` first, then `stage`).
  PickedUp: 'ACCEPTED',
  Departure: 'DEPARTED_ORIGIN',
  Arrival: 'ARRIVED_DESTINATION',
  AvailableForPickup: 'AVAILABLE_FOR_PICKUP',
  OutForDelivery: 'OUT_FOR_DELIVERY',
  Delivered: 'DELIVERED',
  DeliveryFailure: 'DELIVERY_FAILED',
  Returning: 'RETURN_IN_TRANSIT',
  Returned: 'RETURNED',
  Exception: 'EXCEPTION',
  // Sub-statuses.
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

/** Direction-dependent sub-statuses: [origin side, destination side]; a generic in-transit scan is a facility scan. */
export const SEVENTEEN_TRACK_SIDED: Readonly<Record<string, readonly [Milestone, Milestone]>> = {
  InTransit_Other: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit_CustomsProcessing: ['EXPORT_CUSTOMS_STARTED', 'IMPORT_CUSTOMS_STARTED'],
  InTransit_CustomsRequiringInformation: ['EXPORT_CUSTOMS_HELD', 'IMPORT_CUSTOMS_HELD'],
  InTransit_CustomsReleased: ['EXPORT_CUSTOMS_CLEARED', 'IMPORT_CUSTOMS_RELEASED'],
};
