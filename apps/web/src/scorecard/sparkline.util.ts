import { DAY_MS } from '@lanewatch/domain';
import type { Timeseries, TimeseriesBucket } from '../api/api-types';
import { formatDays, formatUtcDay } from '../shared/kpi-format.util';

// The sparkline's figure: median leg transit, the KPI nearly every carrier has (on-time needs a
// promised date, first attempt a last-mile leg), and the same leg facts as the scorecard row.
export const SPARKLINE_METRIC = 'transit' as const;

export type SparkPoint = { startMs: number; value: number | null; sample: number | null };

// Weekly points over three weeks or more: a daily median of a few legs is mostly noise.
export const WEEKLY_SPARKLINE_FROM_DAYS = 21;

export function sparklineBucket({ fromMs, toMs }: { fromMs: number; toMs: number }): TimeseriesBucket {
  return toMs - fromMs >= WEEKLY_SPARKLINE_FROM_DAYS * DAY_MS ? 'week' : 'day';
}

// One transit-p50 series per carrier from the single grouped time series; a bucket without legs
// stays null (a gap in the line), never 0.
export function transitSparklines(timeseries: Timeseries<typeof SPARKLINE_METRIC>): Map<string, SparkPoint[]> {
  const byCarrier = new Map<string, SparkPoint[]>();
  for (const series of timeseries.series) {
    if (series.carrier === null) {
      continue;
    }
    const points = [...series.points]
      .sort((a, b) => a.startMs - b.startMs)
      .map((point) => ({ startMs: point.startMs, value: point.value?.p50Days ?? null, sample: point.value?.count ?? null }));
    byCarrier.set(series.carrier, points);
  }
  return byCarrier;
}

type DescribeInput = { points: readonly SparkPoint[]; bucket: TimeseriesBucket; locale?: string };

// What a screen reader (and the cell's title) says instead of the drawing: first, last, the change
// between them, and the slowest point (the worst) with its bucket.
export function describeSparkline({ points, bucket, locale }: DescribeInput): string {
  const word = bucket === 'week' ? 'week' : 'day';
  const known = points.filter((point): point is SparkPoint & { value: number } => point.value !== null);
  if (known.length === 0) {
    return `Median transit per ${word}: no legs delivered or handed over in this range`;
  }
  const first = known[0];
  const last = known[known.length - 1];
  const slowest = known.reduce((high, point) => (point.value > high.value ? point : high), first);
  const change = Math.round((last.value - first.value) * 10) / 10;
  const trend =
    known.length < 2 ? 'one point only' : change === 0 ? 'flat' : `${change > 0 ? 'up' : 'down'} ${formatDays(Math.abs(change), { locale })}`;
  const gaps = points.length - known.length;
  const day = formatUtcDay(slowest.startMs, { locale, withYear: false });
  const slowestAt = bucket === 'week' ? `week of ${day}` : day;
  return (
    `Median transit per ${word}, ${points.length} ${word}s: ${formatDays(first.value, { locale })} to ${formatDays(last.value, { locale })}, ` +
    `${trend}; slowest ${formatDays(slowest.value, { locale })} (${slowestAt})` +
    (gaps > 0 ? `; ${gaps} ${gaps === 1 ? word : `${word}s`} without data` : '')
  );
}
