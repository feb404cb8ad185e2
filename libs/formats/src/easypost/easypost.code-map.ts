import type { Milestone } from '@lanewatch/domain';

/**
 * EasyPost `status_detail` values, then `status` values (the fallback) whose milestone does not
 * depend on the side of the journey (formats.md). Generic details (status_update, in_transit,
 * unknown) are not listed: the status decides for them.
 */
export const EASYPOST_CODE_MAP: Readonly<Record<string, Milestone>> = {
  label_created: 'INFO_RECEIVED',
  received_at_origin_facility: 'ACCEPTED',
  departed_origin_facility: 'DEPARTED_ORIGIN',
  arrived_at_destination: 'ARRIVED_DESTINATION',
  transferred_to_destination_carrier: 'HANDED_OVER',
  received_at_destination_facility: 'DESTINATION_FACILITY',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivery_exception: 'DELIVERY_FAILED',
  available_for_pickup: 'AVAILABLE_FOR_PICKUP',
  arrived_at_pickup_location: 'AVAILABLE_FOR_PICKUP',
  delivered: 'DELIVERED',
  return: 'RETURN_IN_TRANSIT',
  return_to_sender: 'RETURN_IN_TRANSIT',
  lost: 'LOST',
  cancelled: 'CANCELLED',
  pre_transit: 'INFO_RECEIVED',
  damaged: 'EXCEPTION',
  delayed: 'EXCEPTION',
  missorted: 'EXCEPTION',
  refused: 'EXCEPTION',
  address_correction: 'EXCEPTION',
  failure: 'EXCEPTION',
  error: 'EXCEPTION',
};

export const EASYPOST_SIDED: Readonly<Record<string, readonly [Milestone, Milestone]>> = {
  arrived_at_facility: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  departed_facility: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  held: ['EXCEPTION', 'IMPORT_CUSTOMS_HELD'],
  awaiting_information: ['EXCEPTION', 'IMPORT_CUSTOMS_HELD'],
};

/** status_detail first; when it says nothing of its own, the status. */
export function easyPostCode(statusDetail: string | undefined, status: string | undefined): string | undefined {
  if (statusDetail && (EASYPOST_CODE_MAP[statusDetail] || EASYPOST_SIDED[statusDetail])) return statusDetail;
  return status ?? statusDetail;
}
