// Canonical milestones in journey order (events.md §1). The position is the tie-break for equal instants.
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

export const TERMINAL_MILESTONES: ReadonlySet<Milestone> = new Set(['DELIVERED', 'RETURNED', 'LOST', 'DESTROYED', 'CANCELLED']);

const NON_PHYSICAL: ReadonlySet<Milestone> = new Set(['INFO_RECEIVED', 'CANCELLED']);

export const DELIVERED_SUBTYPES = ['recipient', 'pickup_point', 'locker', 'neighbour', 'safe_place'] as const;
export type DeliveredSubtype = (typeof DELIVERED_SUBTYPES)[number];

const ORDER = new Map<Milestone, number>(MILESTONES.map((milestone, index) => [milestone, index + 1]));

export function isMilestone(value: unknown): value is Milestone {
  return typeof value === 'string' && ORDER.has(value as Milestone);
}

export function milestoneOrder(milestone: Milestone): number {
  return ORDER.get(milestone) ?? 0;
}

/** The milestones from `first` to `last`, both included, in journey order. */
export function milestonesBetween(first: Milestone, last: Milestone): Milestone[] {
  return MILESTONES.slice(MILESTONES.indexOf(first), MILESTONES.indexOf(last) + 1);
}

export function isPhysical(milestone: Milestone): boolean {
  return !NON_PHYSICAL.has(milestone);
}

export function isTerminal(milestone: Milestone): boolean {
  return TERMINAL_MILESTONES.has(milestone);
}
