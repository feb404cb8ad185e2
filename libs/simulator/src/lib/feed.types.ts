import type { DeliverySubtype, Milestone } from './milestones.constants';

export type CarrierKind = 'postal' | 'courier' | 'linehaul' | 'platform';

// Which part of the journey a carrier owns in the simulated world; not part of the API.
export type CarrierRole = 'first-mile' | 'last-mile';

// 'code' carriers post raw codes only and rely on the code map registered for them.
export type EventStyle = 'milestone' | 'code';

export type ServiceLevel = 'standard' | 'economy' | 'premium';

export interface EventLocation {
  country: string;
  city?: string;
  facility?: string;
}

export interface HandoverReference {
  carrier: string;
  trackingNumber: string;
}

export interface ShipmentBlock {
  origin: string;
  destination: string;
  serviceLevel: ServiceLevel;
  promisedBy: string;
  orderRef: string;
}

// Exactly the body of one element of `events` in POST /api/v1/events (events.md §2).
export interface CanonicalEvent {
  trackingNumber: string;
  carrier?: string;
  milestone?: Milestone;
  code?: string;
  occurredAt: string;
  eventId?: string;
  location?: EventLocation;
  message?: string;
  reason?: string;
  subtype?: DeliverySubtype;
  handover?: HandoverReference;
  shipment?: ShipmentBlock;
}

export interface SimulatedCarrier {
  code: string;
  name: string;
  kind: CarrierKind;
  country?: string;
  role: CarrierRole;
  eventStyle: EventStyle;
  codeMap?: Record<string, Milestone>;
}

export interface CorridorDefinition {
  code: string;
  origin: string;
  destination: string;
  lastMileCarriers: string[];
  promisedDays: Record<ServiceLevel, number>;
}

export interface JourneyLeg {
  carrier: string;
  trackingNumber: string;
  events: CanonicalEvent[];
}

export type JourneyStatus =
  | 'info_received'
  | 'in_transit'
  | 'delivered'
  | 'return_in_transit'
  | 'returned'
  | 'lost'
  | 'destroyed'
  | 'cancelled';

// Ground truth as of `now`, named after the facts of kpis.md §1 so tests and benchmarks can
// compare what Lanewatch derives with what the simulator knows happened.
export interface JourneyOutcome {
  status: JourneyStatus;
  deliveredAt?: string;
  deliverySubtype?: DeliverySubtype;
  firstAttemptAt?: string;
  firstAttemptDelivered?: boolean;
  /** Attempt outcomes seen: DELIVERY_FAILED events plus a DELIVERED one. */
  deliveryAttempts: number;
  importCustomsHeld: boolean;
  onTime?: boolean;
}

export interface Journey {
  id: string;
  corridor: string;
  serviceLevel: ServiceLevel;
  shipment: ShipmentBlock;
  legs: JourneyLeg[];
  outcome: JourneyOutcome;
}

export interface Feed {
  seed: number;
  now: string;
  spanDays: number;
  carriers: SimulatedCarrier[];
  corridors: CorridorDefinition[];
  serviceLevels: ServiceLevel[];
  journeys: Journey[];
  eventCount: number;
}
