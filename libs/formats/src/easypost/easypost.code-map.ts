import type { Milestone } from '@lanewatch/domain';

/**
 * EasyPost `status_detail` values, then `status` values (the fallback) whose milestone does not
 * depend on the side of the journey: formats.md's table, from EasyPost's Tracker documentation
 * (status and status_detail lists); pre_transit, delivered and out_for_delivery are also carried by
 * every recorded tracker of the real corpus (fixtures/real/SOURCES.md). Generic details
 * (status_update, unknown) are not listed: the status decides for them.
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
  // The generic in_transit status ("Sorting Complete" in the recorded USPS trackers) is a facility scan.
  in_transit: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  held: ['EXCEPTION', 'IMPORT_CUSTOMS_HELD'],
  awaiting_information: ['EXCEPTION', 'IMPORT_CUSTOMS_HELD'],
};

/** Statuses that decide the milestone over any detail that is not terminal (formats.md). */
const DECISIVE_STATUSES: Readonly<Record<string, Milestone>> = {
  delivered: 'DELIVERED',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  available_for_pickup: 'AVAILABLE_FOR_PICKUP',
  return_to_sender: 'RETURN_IN_TRANSIT',
};
const TERMINAL: ReadonlySet<Milestone> = new Set<Milestone>(['DELIVERED', 'RETURNED', 'LOST', 'DESTROYED', 'CANCELLED']);
/** A failure whose detail or message says the delivery was attempted (formats.md). */
const ATTEMPTED = /not available|not home|unavailable|business (?:was )?closed|no access|refused|attempt/i;

export interface EasyPostCode {
  code: string | undefined;
  /** Set when the status decides over the detail: the milestone is explicit. */
  milestone?: Milestone;
}

/**
 * status_detail first; when it says nothing of its own, the status. A decisive status wins over a
 * detail that is not terminal (a "Delivered" detail whose status_detail is arrived_at_destination),
 * and a failure that was an attempt is a failed delivery.
 */
export function easyPostCode(statusDetail: string | undefined, status: string | undefined, message: string | undefined): EasyPostCode {
  const detailKnown = statusDetail && (EASYPOST_CODE_MAP[statusDetail] || EASYPOST_SIDED[statusDetail]);
  const code = detailKnown ? statusDetail : (status ?? statusDetail);
  const decisive = status ? DECISIVE_STATUSES[status] : undefined;
  const detailMilestone = detailKnown && statusDetail ? EASYPOST_CODE_MAP[statusDetail] : undefined;
  if (decisive && code !== status && !(detailMilestone && TERMINAL.has(detailMilestone)) && detailMilestone !== decisive) {
    return { code, milestone: decisive };
  }
  if (status === 'failure' && ATTEMPTED.test(`${statusDetail ?? ''} ${message ?? ''}`.replace(/_/g, ' '))) {
    return { code, milestone: 'DELIVERY_FAILED' };
  }
  return { code };
}
