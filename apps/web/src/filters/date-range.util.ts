import { DAY_MS, MAX_KPI_WINDOW_DAYS, QUARTER_HOUR_MS } from '@lanewatch/domain';
// The API's limit.
export const MAX_WINDOW_DAYS = MAX_KPI_WINDOW_DAYS;
// Above this many days a daily chart gets too dense to read; weeks keep it near 60 points or fewer.
export const WEEKLY_BUCKETS_ABOVE_DAYS = 45;

export type DateRange = { fromMs: number; toMs: number };
export type Bucket = 'day' | 'week';

export const DATE_RANGE_PRESETS = [
  { id: 'last-7-days', label: 'Last 7 days', days: 7 },
  { id: 'last-30-days', label: 'Last 30 days', days: 30 },
  { id: 'last-90-days', label: 'Last 90 days', days: 90 },
] as const;

export type DateRangePresetId = (typeof DATE_RANGE_PRESETS)[number]['id'];
export const DEFAULT_PRESET_ID: DateRangePresetId = 'last-30-days';

export function startOfUtcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) * DAY_MS;
}

// Presets end at the next UTC midnight so that today (still filling in) is included, and both
// bounds sit on midnight, which the API's quarter-hour rule accepts.
export function presetRange({ presetId, nowMs }: { presetId: DateRangePresetId; nowMs: number }): DateRange {
  const preset = DATE_RANGE_PRESETS.find(({ id }) => id === presetId);
  if (!preset) {
    throw new RangeError(`unknown date range preset ${presetId}`);
  }
  const toMs = startOfUtcDay(nowMs) + DAY_MS;
  return { fromMs: toMs - preset.days * DAY_MS, toMs };
}

export function matchPreset({ range, nowMs }: { range: DateRange; nowMs: number }): DateRangePresetId | null {
  const preset = DATE_RANGE_PRESETS.find(({ id }) => {
    const candidate = presetRange({ presetId: id, nowMs });
    return candidate.fromMs === range.fromMs && candidate.toMs === range.toMs;
  });
  return preset?.id ?? null;
}

// The API answers 400 for these; checking first lets a bad link fall back with a readable note.
export function describeRangeProblem({ fromMs, toMs }: DateRange): string | null {
  if (fromMs % QUARTER_HOUR_MS !== 0 || toMs % QUARTER_HOUR_MS !== 0) {
    return 'the start and end must fall on a quarter hour';
  }
  if (fromMs >= toMs) {
    return 'the start must be before the end';
  }
  if (toMs - fromMs > MAX_WINDOW_DAYS * DAY_MS) {
    return `the range must be at most ${MAX_WINDOW_DAYS} days`;
  }
  return null;
}

export function chooseBucket({ fromMs, toMs }: DateRange): Bucket {
  return toMs - fromMs > WEEKLY_BUCKETS_ABOVE_DAYS * DAY_MS ? 'week' : 'day';
}

// <input type="date"> speaks YYYY-MM-DD; the dashboard reads those days in UTC like the API's buckets.
export function toUtcDateInput(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function parseUtcDateInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return null;
  }
  const epochMs = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over to March; a round trip catches it.
  return Number.isNaN(epochMs) || toUtcDateInput(epochMs) !== value ? null : epochMs;
}

// The form shows the last day included; the window ends at the midnight after it.
export function inclusiveDateInputs({ fromMs, toMs }: DateRange): { firstDay: string; lastDay: string } {
  return { firstDay: toUtcDateInput(fromMs), lastDay: toUtcDateInput(Math.max(fromMs, toMs - 1)) };
}

export type DateInputsResult = { ok: true; range: DateRange } | { ok: false; error: string };

export function rangeFromDateInputs({ firstDay, lastDay }: { firstDay: string; lastDay: string }): DateInputsResult {
  const fromMs = parseUtcDateInput(firstDay);
  const lastMs = parseUtcDateInput(lastDay);
  if (fromMs === null || lastMs === null) {
    return { ok: false, error: 'Enter both days as dates.' };
  }
  if (lastMs < fromMs) {
    return { ok: false, error: 'The last day must not be before the first day.' };
  }
  const range = { fromMs, toMs: lastMs + DAY_MS };
  const problem = describeRangeProblem(range);
  return problem === null ? { ok: true, range } : { ok: false, error: `${problem[0].toUpperCase()}${problem.slice(1)}.` };
}
