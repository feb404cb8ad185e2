import { isPhysical, Milestone } from '../milestones';
import { compareFactEvents, FactEvent } from '../shipment-facts';

// AfterShip-style problem categories (lost, damaged, returned, …), from the milestone and the
// carrier's `reason` (events.md §1: EXCEPTION carries "delay, damage, address problem, refusal,
// missort, weather"). Listed from the most to the least severe: a leg gets its most severe one.
export const EXCEPTION_CATEGORIES = ['lost', 'destroyed', 'damaged', 'returned', 'refused', 'address', 'customs', 'weather', 'delay', 'other'] as const;
export type ExceptionCategory = (typeof EXCEPTION_CATEGORIES)[number];

/** Milestones that make a parcel an exception (a failed delivery attempt is counted apart). */
export const EXCEPTION_MILESTONES: readonly Milestone[] = ['EXCEPTION', 'LOST', 'DESTROYED', 'RETURN_IN_TRANSIT', 'RETURNED'];

const REASON_KEYWORDS: [RegExp, ExceptionCategory][] = [
  [/DAMAGE/, 'damaged'],
  [/REFUS|REJECT/, 'refused'],
  [/ADDRESS|ADDRESSEE_UNKNOWN|MOVED/, 'address'],
  [/CUSTOMS|DUTIES|DUTY|DOCUMENT|INSPECTION/, 'customs'],
  [/WEATHER|STORM|SNOW|FLOOD/, 'weather'],
  [/DELAY|MISSORT|MISROUT|MISSED|CAPACITY|LATE/, 'delay'],
];

/** The category of one event, or null when the event is not an exception. */
export function exceptionCategoryOf(event: { milestone: Milestone | null; reason?: string | null }): ExceptionCategory | null {
  switch (event.milestone) {
    case 'LOST':
      return 'lost';
    case 'DESTROYED':
      return 'destroyed';
    case 'RETURN_IN_TRANSIT':
    case 'RETURNED':
      return 'returned';
    case 'EXCEPTION': {
      const reason = (event.reason ?? '').toUpperCase().replace(/[^A-Z]+/g, '_');
      return REASON_KEYWORDS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
    }
    default:
      return null;
  }
}

const severity = (category: ExceptionCategory) => EXCEPTION_CATEGORIES.indexOf(category);

export interface ExceptionFacts {
  /** earliest exception event on the leg */
  exceptionAt: number | null;
  /** the most severe category among its exception events */
  exceptionCategory: ExceptionCategory | null;
  /** the leg is still open and its latest physical event is an exception: someone should act */
  exceptionOpen: boolean;
  failedAttempts: number;
  /** the reason of the first failed attempt; null without a failed attempt or when none was given */
  failureReason: string | null;
  /** latest mapped event (physical or not): lost candidates are measured from it (kpis.md §6) */
  lastMappedAt: number | null;
}

const normalisedReason = (reason: string | null | undefined) => {
  const trimmed = (reason ?? '').trim().toUpperCase();
  return trimmed.length > 0 ? trimmed : null;
};

/** A leg's exception facts from its own events; `closedAtMs` is when it stopped being its carrier's (null: open). */
export function deriveExceptionFacts(input: { events: FactEvent[]; closedAtMs: number | null }): ExceptionFacts {
  const events = input.events.filter((event) => event.milestone !== null).sort(compareFactEvents);
  let exceptionAt: number | null = null;
  let exceptionCategory: ExceptionCategory | null = null;
  let failedAttempts = 0;
  let failureReason: string | null = null;
  const seenAttempts = new Set<number>();
  for (const event of events) {
    const category = exceptionCategoryOf(event);
    if (category !== null) {
      exceptionAt ??= event.occurredAtMs;
      if (exceptionCategory === null || severity(category) < severity(exceptionCategory)) exceptionCategory = category;
    }
    if (event.milestone === 'DELIVERY_FAILED' && !seenAttempts.has(event.occurredAtMs)) {
      // The same attempt reported twice (events.md §6) is one attempt.
      seenAttempts.add(event.occurredAtMs);
      if (failedAttempts === 0) failureReason = normalisedReason(event.reason);
      failedAttempts += 1;
    }
  }
  const physical = events.filter((event) => isPhysical(event.milestone as Milestone));
  const latest = physical.length > 0 ? physical[physical.length - 1] : null;
  return {
    exceptionAt,
    exceptionCategory,
    exceptionOpen: input.closedAtMs === null && latest !== null && latest.milestone === 'EXCEPTION',
    failedAttempts,
    failureReason,
    lastMappedAt: events.length > 0 ? events[events.length - 1].occurredAtMs : null,
  };
}

/**
 * Why a late delivery was late (Metapack's reasons for lates), from the whole journey's events up
 * to the delivery: the most severe exception, else the first failed attempt's reason, else an
 * import or export customs hold, else no recorded cause.
 */
export function lateReasonOf(input: { events: FactEvent[]; deliveredAtMs: number }): string {
  const before = input.events.filter((event) => event.milestone !== null && event.occurredAtMs <= input.deliveredAtMs).sort(compareFactEvents);
  let worst: ExceptionCategory | null = null;
  for (const event of before) {
    const category = exceptionCategoryOf(event);
    if (category !== null && (worst === null || severity(category) < severity(worst))) worst = category;
  }
  if (worst !== null) return `exception:${worst}`;
  const failed = before.find((event) => event.milestone === 'DELIVERY_FAILED');
  if (failed) return `failed_attempt:${normalisedReason(failed.reason) ?? 'UNKNOWN'}`;
  if (before.some((event) => event.milestone === 'IMPORT_CUSTOMS_HELD' || event.milestone === 'EXPORT_CUSTOMS_HELD')) return 'customs_hold';
  return 'no_recorded_cause';
}
