import { createHash } from 'node:crypto';
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

const fold = (value: string | null) => (value ?? '').trim().toLowerCase();

/**
 * events.md §6: same carrier + eventId, or without eventId the same carrier, tracking number,
 * instant, milestone-or-code and case-folded location. Returned as a hex SHA-256 so the
 * database can enforce it with a fixed-width unique key.
 */
export function eventIdentity(input: IdentityInput): string {
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
  // JSON encoding keeps the parts apart whatever characters they contain (a separator could occur in a field).
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
