import { ClockEvent, excludedEpisodes, unionWithin } from './clock-episodes';
import { businessDaysFor, clockMeasureMs } from './clock-measure';
import { ContractClock } from './contract-clock.schema';

const DAY_MS = 86_400_000;

type Instant = Date | number;
const ms = (instant: Instant): number => (typeof instant === 'number' ? instant : instant.getTime());
const msOrNull = (instant: Instant | null | undefined): number | null => (instant === null || instant === undefined ? null : ms(instant));

export interface ClockLegInput {
  legStartAt: Instant | null;
  legEndAt: Instant | null;
  /** The leg's events with a milestone (any order, duplicates allowed). */
  events: ReadonlyArray<{ milestone: string; occurredAt: Instant; reason?: string | null }>;
  /** The leg's import customs facts (kpis.md §1 restricted to the leg). */
  customsStartAt?: Instant | null;
  customsReleasedAt?: Instant | null;
}

/**
 * A leg's clockDays on a contract's clock (contracts.md §1): the clock's measure of [legStartAt, legEndAt)
 * less the measure of the union of the excluded episodes inside it; null without both ends.
 */
export function clockDaysOfLeg(input: ClockLegInput, clock: ContractClock): number | null {
  const startMs = msOrNull(input.legStartAt);
  const endMs = msOrNull(input.legEndAt);
  if (startMs === null || endMs === null) return null;
  if (endMs <= startMs) return 0;
  const leg = { startMs, endMs };
  const businessDays = businessDaysFor(clock);
  let total = clockMeasureMs(leg, clock, businessDays);
  if (clock.exclude.length > 0) {
    const events: ClockEvent[] = input.events.map((event) => ({ milestone: event.milestone, occurredAtMs: ms(event.occurredAt), reason: event.reason ?? null }));
    const episodes = excludedEpisodes({
      events,
      customsStartAtMs: msOrNull(input.customsStartAt),
      customsReleasedAtMs: msOrNull(input.customsReleasedAt),
      exclude: clock.exclude,
    });
    for (const episode of unionWithin(episodes, leg)) total -= clockMeasureMs(episode, clock, businessDays);
  }
  return Math.max(0, total) / DAY_MS;
}
