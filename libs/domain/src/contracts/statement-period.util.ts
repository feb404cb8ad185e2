import { DateTime } from 'luxon';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isStatementMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value) && Number(value.slice(0, 4)) >= 2000 && Number(value.slice(0, 4)) <= 2100;
}

/** The calendar month `YYYY-MM` in `timeZone` as UTC instants [from, to) (contracts.md §2). */
export function statementMonthBounds(month: string, timeZone: string): { fromMs: number; toMs: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const start = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone: timeZone });
  if (!start.isValid) throw new RangeError(`time zone ${timeZone} is not valid`);
  return { fromMs: start.toMillis(), toMs: start.plus({ months: 1 }).toMillis() };
}

/**
 * The local days (YYYY-MM-DD in `timeZone`) of [fromMs, toMs) that intersect one of the intervals
 * [startMs, endMs): a day counts when a breach was active at any instant of it. Sorted, each once.
 */
export function localDaysTouched(input: { timeZone: string; fromMs: number; toMs: number; intervals: { startMs: number; endMs: number }[] }): string[] {
  const days = new Set<string>();
  for (const interval of input.intervals) {
    const start = Math.max(interval.startMs, input.fromMs);
    const end = Math.min(interval.endMs, input.toMs);
    if (!(end > start)) continue;
    let day = DateTime.fromMillis(start, { zone: input.timeZone }).startOf('day');
    while (day.toMillis() < end) {
      days.add(day.toISODate() ?? '');
      day = day.plus({ days: 1 }).startOf('day');
    }
  }
  return [...days].sort();
}
