import { ClockExclusion } from './contract-clock.schema';
import { InstantInterval } from './clock-measure';

export interface ClockEvent {
  milestone: string;
  occurredAtMs: number;
  reason?: string | null;
}

/** DELIVERY_FAILED reasons that are the consignee's doing, not the carrier's (contracts.md §1). */
export const CONSIGNEE_FAILURE_REASONS: readonly string[] = ['RECIPIENT_ABSENT', 'REFUSED', 'ADDRESS_ISSUE'];
const OPEN = Number.POSITIVE_INFINITY;

/**
 * The episodes a contract does not count, on one leg's events (contracts.md §1). An episode whose end
 * never came (a pickup wait still running when the leg ended) runs on: the caller clips it to the leg.
 * - import_customs: [customsStartAt, customsReleasedAt), when both exist;
 * - pickup_wait: each AVAILABLE_FOR_PICKUP to the next DELIVERED or RETURN_IN_TRANSIT at or after it;
 * - consignee_failure: each DELIVERY_FAILED for a consignee reason to the next attempt outcome: a later
 *   DELIVERED or DELIVERY_FAILED, or a DELIVERED at the same instant (kpis.md §1 puts the failure first).
 */
export function excludedEpisodes(input: {
  events: readonly ClockEvent[];
  customsStartAtMs: number | null;
  customsReleasedAtMs: number | null;
  exclude: readonly ClockExclusion[];
}): InstantInterval[] {
  const episodes: InstantInterval[] = [];
  const { events, exclude } = input;
  if (exclude.includes('import_customs') && input.customsStartAtMs !== null && input.customsReleasedAtMs !== null) {
    episodes.push({ startMs: input.customsStartAtMs, endMs: input.customsReleasedAtMs });
  }
  if (exclude.includes('pickup_wait')) {
    for (const event of events) {
      if (event.milestone !== 'AVAILABLE_FOR_PICKUP') continue;
      episodes.push({ startMs: event.occurredAtMs, endMs: earliest(events, event.occurredAtMs, (other) => other.occurredAtMs >= event.occurredAtMs && (other.milestone === 'DELIVERED' || other.milestone === 'RETURN_IN_TRANSIT')) });
    }
  }
  if (exclude.includes('consignee_failure')) {
    for (const event of events) {
      if (event.milestone !== 'DELIVERY_FAILED' || !CONSIGNEE_FAILURE_REASONS.includes(event.reason ?? '')) continue;
      const at = event.occurredAtMs;
      episodes.push({
        startMs: at,
        endMs: earliest(events, at, (other) => (other.milestone === 'DELIVERED' && other.occurredAtMs >= at) || (other.milestone === 'DELIVERY_FAILED' && other.occurredAtMs > at)),
      });
    }
  }
  return episodes;
}

function earliest(events: readonly ClockEvent[], fromMs: number, matches: (event: ClockEvent) => boolean): number {
  let best = OPEN;
  for (const event of events) if (event.occurredAtMs >= fromMs && event.occurredAtMs < best && matches(event)) best = event.occurredAtMs;
  return best;
}

/** The union of intervals clipped to [startMs, endMs): sorted, disjoint, overlapping ones merged once. */
export function unionWithin(intervals: readonly InstantInterval[], window: InstantInterval): InstantInterval[] {
  const clipped = intervals
    .map((interval) => ({ startMs: Math.max(interval.startMs, window.startMs), endMs: Math.min(interval.endMs, window.endMs) }))
    .filter((interval) => interval.endMs > interval.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: InstantInterval[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}
