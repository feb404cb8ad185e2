import type { NormalizedLocation } from './event-validation';

export interface IdentityInput {
  carrier: string;
  trackingNumber: string;
  eventId: string | null;
  occurredAtMs: number;
  milestone: string | null;
  code: string | null;
  location: NormalizedLocation;
}

/** What turns an event's identity key into the stored identity (a hex SHA-256: `eventIdentity` in @lanewatch/crypto). */
export type EventIdentityOf = (input: IdentityInput) => string;

const fold = (value: string | null) => (value ?? '').trim().toLowerCase();

/**
 * events.md §6: same carrier + eventId, or without eventId the same carrier, tracking number,
 * instant, milestone-or-code and case-folded location. The text the identity hash is taken of;
 * JSON encoding keeps the parts apart whatever characters they contain (a separator could occur in a field).
 */
export function eventIdentityKey(input: IdentityInput): string {
  const parts = input.eventId
    ? ['id', input.carrier, input.eventId]
    : [
        'k',
        input.carrier,
        input.trackingNumber,
        String(input.occurredAtMs),
        input.milestone ? `m:${input.milestone}` : `c:${input.code ?? ''}`,
        fold(input.location.country),
        fold(input.location.city),
        fold(input.location.facility),
      ];
  return JSON.stringify(parts);
}
