// Journey order matters: events.md §1 uses it as the tie-break for events with the same instant.
export const MILESTONES = [
  'INFO_RECEIVED',
  'ACCEPTED',
  'ORIGIN_FACILITY',
  'EXPORT_CUSTOMS_STARTED',
  'EXPORT_CUSTOMS_HELD',
  'EXPORT_CUSTOMS_CLEARED',
  'HANDED_TO_LINEHAUL',
  'DEPARTED_ORIGIN',
  'TRANSIT_HUB',
  'ARRIVED_DESTINATION',
  'IMPORT_CUSTOMS_STARTED',
  'IMPORT_CUSTOMS_HELD',
  'IMPORT_CUSTOMS_RELEASED',
  'HANDED_OVER',
  'DESTINATION_FACILITY',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
  'AVAILABLE_FOR_PICKUP',
  'DELIVERED',
  'RETURN_IN_TRANSIT',
  'RETURNED',
  'EXCEPTION',
  'LOST',
  'DESTROYED',
  'CANCELLED',
] as const;

export type Milestone = (typeof MILESTONES)[number];

export const TERMINAL_MILESTONES: readonly Milestone[] = ['DELIVERED', 'RETURNED', 'LOST', 'DESTROYED', 'CANCELLED'];

export const DELIVERY_SUBTYPES = ['recipient', 'pickup_point', 'locker', 'neighbour', 'safe_place'] as const;

export type DeliverySubtype = (typeof DELIVERY_SUBTYPES)[number];

const milestoneSet: ReadonlySet<string> = new Set(MILESTONES);

export function isMilestone(value: string): value is Milestone {
  return milestoneSet.has(value);
}
