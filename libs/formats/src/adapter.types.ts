import type { FeedWarningKind, Milestone } from '@lanewatch/domain';

/** A canonical event as POST /api/v1/events takes it (events.md §2). */
export interface CanonicalEventInput {
  trackingNumber: string;
  milestone?: Milestone;
  code?: string;
  occurredAt: string;
  eventId?: string;
  location?: { country?: string; city?: string; facility?: string };
  message?: string;
  reason?: string;
  subtype?: string;
  handover?: { carrier: string; trackingNumber: string };
  shipment?: { origin?: string; destination?: string; serviceLevel?: string; orderRef?: string };
}

/** One adapted event: the canonical event, the carrier's raw entry it came from, and where it was in the payload. */
export interface AdaptedEvent {
  path: string;
  event: CanonicalEventInput;
  raw: unknown;
}

export interface AdapterIssue {
  path: string;
  errors: string[];
}

/** A warning names its kind, which the ingest counters sum per carrier and hour (mapping fidelity). */
export interface AdapterWarning extends AdapterIssue {
  kind: FeedWarningKind;
}

/** Forecasts (UPU DLV, estimated delivery dates) become the shipment's carrierEstimate, never events. */
export interface ShipmentEstimate {
  path: string;
  trackingNumber: string;
  carrierEstimate: string;
}

export interface AdapterResult {
  events: AdaptedEvent[];
  /** Entries of the payload that produced no event, with every reason. */
  rejected: AdapterIssue[];
  /** Events kept with less than the payload said (an unknown next carrier, for instance). */
  warnings: AdapterWarning[];
  estimates: ShipmentEstimate[];
}

export interface AdapterContext {
  /** The registered carrier code a format's carrier name or id stands for, or null when none matches. */
  resolveCarrier: (name: string) => string | null;
}

export function emptyResult(): AdapterResult {
  return { events: [], rejected: [], warnings: [], estimates: [] };
}

/** Payload shape errors name the path, as every other rejection does. */
export class PayloadShapeError extends Error {}
