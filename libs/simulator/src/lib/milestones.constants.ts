// The simulator speaks the product's own milestone model: one definition, in the domain.
import { DELIVERED_SUBTYPES, TERMINAL_MILESTONES as TERMINAL_SET } from '@lanewatch/domain';
import type { DeliveredSubtype, Milestone } from '@lanewatch/domain';

export { isMilestone, MILESTONES } from '@lanewatch/domain';
export type { Milestone };
export type DeliverySubtype = DeliveredSubtype;
export const DELIVERY_SUBTYPES = DELIVERED_SUBTYPES;
export const TERMINAL_MILESTONES: readonly Milestone[] = [...TERMINAL_SET];
