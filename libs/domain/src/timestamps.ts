import { DateTime } from 'luxon';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?/;
const OFFSET_SUFFIX = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;
/** No carrier event, and so no evaluation or KPI, predates 2000-01-01. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);

export interface ParsedInstant {
  /** Epoch milliseconds: the instant, whatever offset wrote it. */
  epochMs: number;
  /** The offset the sender wrote, in minutes east of UTC, kept to show local time. */
  offsetMinutes: number;
}

export type InstantResult = { ok: true; value: ParsedInstant } | { ok: false; error: string };

/** Parses an ISO 8601 date-time that must carry a UTC offset or Z (events.md §2). */
export function parseInstantWithOffset(field: string, input: string): InstantResult {
  const value = input.trim();
  if (!ISO_DATE_TIME.test(value)) {
    return { ok: false, error: `${field} must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00` };
  }
  if (!OFFSET_SUFFIX.test(value)) {
    return { ok: false, error: `${field} must include a UTC offset (e.g. -03:00) or Z` };
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) {
    return { ok: false, error: `${field} is not a valid date-time (${parsed.invalidExplanation ?? parsed.invalidReason})` };
  }
  return { ok: true, value: { epochMs: parsed.toMillis(), offsetMinutes: parsed.offset } };
}

/**
 * A query bound: an instant with its UTC offset on a grid of `stepMs` (a quarter hour, an hour, a day),
 * as epoch milliseconds; null when it is not an instant. Problems go to `errors`, `offGrid` naming the
 * grid (`must fall on a whole UTC hour …`); an instant off the grid is still returned.
 */
export function gridInstant(input: { name: string; value: string; stepMs: number; offGrid: string; errors: string[] }): number | null {
  const parsed = parseInstantWithOffset(input.name, input.value);
  if (!parsed.ok) {
    input.errors.push(parsed.error);
    return null;
  }
  if (parsed.value.epochMs % input.stepMs !== 0) input.errors.push(`${input.name} ${input.offGrid}`);
  return parsed.value.epochMs;
}

export type OccurredAtCheck = { ok: true; value: ParsedInstant } | { ok: false; error: string };

/** occurredAt: with an offset, not before 2000-01-01, not more than 24 h after receipt. */
export function checkOccurredAt(input: string, receivedAt: Date): OccurredAtCheck {
  const parsed = parseInstantWithOffset('occurredAt', input);
  if (!parsed.ok) return parsed;
  if (parsed.value.epochMs < EARLIEST_MS) {
    return { ok: false, error: 'occurredAt must not be before 2000-01-01' };
  }
  if (parsed.value.epochMs > receivedAt.getTime() + 24 * 3600 * 1000) {
    return { ok: false, error: 'occurredAt is more than 24 hours after the time of receipt' };
  }
  return parsed;
}

export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
