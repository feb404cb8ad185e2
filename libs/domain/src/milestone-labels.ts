import type { Milestone } from './milestones';

// Milestones in words for people (events.md §1); the API and exports keep the canonical names.
export const MILESTONE_LABELS: Readonly<Record<Milestone, string>> = {
  INFO_RECEIVED: 'Shipment data received',
  ACCEPTED: 'Accepted by carrier',
  ORIGIN_FACILITY: 'At origin facility',
  EXPORT_CUSTOMS_STARTED: 'Export customs started',
  EXPORT_CUSTOMS_HELD: 'Held by export customs',
  EXPORT_CUSTOMS_CLEARED: 'Export customs cleared',
  HANDED_TO_LINEHAUL: 'Handed to line-haul',
  DEPARTED_ORIGIN: 'Departed origin country',
  TRANSIT_HUB: 'At transit hub',
  ARRIVED_DESTINATION: 'Arrived in destination country',
  IMPORT_CUSTOMS_STARTED: 'Import customs started',
  IMPORT_CUSTOMS_HELD: 'Held by import customs',
  IMPORT_CUSTOMS_RELEASED: 'Released by import customs',
  HANDED_OVER: 'Handed over to next carrier',
  DESTINATION_FACILITY: 'At delivery depot',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERY_FAILED: 'Delivery attempt failed',
  AVAILABLE_FOR_PICKUP: 'Available for pickup',
  DELIVERED: 'Delivered',
  RETURN_IN_TRANSIT: 'Returning to sender',
  RETURNED: 'Returned to sender',
  EXCEPTION: 'Exception',
  LOST: 'Lost',
  DESTROYED: 'Destroyed',
  CANCELLED: 'Cancelled',
};

/** A milestone in words; a name this build does not know (a newer API) is shown as sent rather than hidden. */
export function milestoneLabel(milestone: string): string {
  return Object.prototype.hasOwnProperty.call(MILESTONE_LABELS, milestone) ? MILESTONE_LABELS[milestone as Milestone] : milestone;
}

/** Carrier reason codes (RECIPIENT_ABSENT) in words: "recipient absent". */
export function reasonLabel(reason: string): string {
  return reason.replace(/[_-]+/g, ' ').trim().toLowerCase();
}
