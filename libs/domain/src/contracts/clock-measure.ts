import { DateTime } from 'luxon';
import { businessDaysOf, BusinessDays } from './business-calendar';
import { ContractClock } from './contract-clock.schema';

const DAY_MS = 86_400_000;

/** A half-open interval of instants [startMs, endMs). */
export interface InstantInterval {
  startMs: number;
  endMs: number;
}

/**
 * The clock's measure of [a, b) in days (contracts.md §1): elapsed time, less every part on a local day
 * that is not a business day when the clock counts business days. A local day is [its local midnight,
 * the next local midnight) in the clock's zone, as long in real time as it is (23 or 25 hours across a
 * daylight-saving change).
 */
export function clockMeasureDays(interval: InstantInterval, clock: ContractClock): number {
  return clockMeasureMs(interval, clock, businessDaysFor(clock)) / DAY_MS;
}

/** Business days of a clock, or null when every day counts. */
export function businessDaysFor(clock: ContractClock): BusinessDays | null {
  return clock.days === 'business' && clock.calendar !== null ? businessDaysOf(clock.calendar) : null;
}

export function clockMeasureMs({ startMs, endMs }: InstantInterval, clock: ContractClock, businessDays: BusinessDays | null): number {
  if (!(endMs > startMs)) return 0;
  if (businessDays === null) return endMs - startMs;
  let day = DateTime.fromMillis(startMs, { zone: clock.timeZone }).startOf('day');
  let total = 0;
  while (day.toMillis() < endMs) {
    const next = day.plus({ days: 1 }).startOf('day');
    const dayStart = day.toMillis();
    const nextStart = next.toMillis();
    if (businessDays.isBusinessDay(day.toISODate() as string, day.weekday)) total += Math.min(endMs, nextStart) - Math.max(startMs, dayStart);
    day = next;
  }
  return total;
}
