import type { KpiFamilies, KpiMetric, Timeseries, TimeseriesPoint, TimeseriesSeries } from '../api/api-types';
import { formatUtcDay } from '../shared/kpi-format.util';
import { columnsCsv, type CsvColumn } from '../shared/csv.util';

export type TrendUnit = 'days' | 'hours' | 'rate';

type TrendLineDefinition<M extends KpiMetric> = {
  key: string;
  label: string;
  colour: string;
  dashed: boolean;
  pick: (value: KpiFamilies[M]) => number | null;
};

export type TrendMetricDefinition<M extends KpiMetric> = {
  metric: M;
  label: string;
  unit: TrendUnit;
  emptyText: string;
  sampleLabel: string;
  sample: (value: KpiFamilies[M]) => number | null;
  lines: readonly TrendLineDefinition<M>[];
};

const MEDIAN_COLOUR = '#1f5fbf';
const TAIL_COLOUR = '#b45309';

export const TREND_METRICS: { [M in KpiMetric]: TrendMetricDefinition<M> } = {
  transit: {
    metric: 'transit',
    label: 'Transit time',
    unit: 'days',
    emptyText: 'No deliveries in this range',
    sampleLabel: 'legs',
    sample: (value) => value.count,
    lines: [
      { key: 'p50', label: 'p50 transit (days)', colour: MEDIAN_COLOUR, dashed: false, pick: (value) => value.p50Days },
      { key: 'p95', label: 'p95 transit (days)', colour: TAIL_COLOUR, dashed: true, pick: (value) => value.p95Days },
    ],
  },
  firstAttempt: {
    metric: 'firstAttempt',
    label: 'First-attempt rate',
    unit: 'rate',
    emptyText: 'No delivery attempts in this range',
    sampleLabel: 'attempts',
    sample: (value) => value.attempted,
    lines: [{ key: 'rate', label: 'First-attempt rate', colour: MEDIAN_COLOUR, dashed: false, pick: (value) => value.rate }],
  },
  onTime: {
    metric: 'onTime',
    label: 'On-time rate',
    unit: 'rate',
    emptyText: 'No deliveries in this range',
    sampleLabel: 'deliveries',
    sample: (value) => value.delivered,
    lines: [{ key: 'rate', label: 'On-time rate', colour: MEDIAN_COLOUR, dashed: false, pick: (value) => value.rate }],
  },
  customsHold: {
    metric: 'customsHold',
    label: 'Customs hold',
    unit: 'hours',
    emptyText: 'No customs releases in this range',
    sampleLabel: 'holds',
    sample: (value) => value.count,
    lines: [
      { key: 'p50', label: 'p50 hold (hours)', colour: MEDIAN_COLOUR, dashed: false, pick: (value) => value.p50Hours },
      { key: 'p90', label: 'p90 hold (hours)', colour: TAIL_COLOUR, dashed: true, pick: (value) => value.p90Hours },
    ],
  },
};

export const TREND_METRIC_ORDER = ['transit', 'firstAttempt', 'onTime', 'customsHold'] as const satisfies readonly KpiMetric[];

export function isKpiMetric(value: string): value is KpiMetric {
  return (TREND_METRIC_ORDER as readonly string[]).includes(value);
}

// A missing figure stays null so the line breaks there: a day without deliveries is not a day of 0 days.
export type TrendRow = {
  startMs: number;
  endMs: number;
  label: string;
  sample: number | null;
  values: Record<string, number | null>;
};

type ToTrendRowsInput<M extends KpiMetric> = {
  points: readonly TimeseriesPoint<M>[];
  definition: TrendMetricDefinition<M>;
  locale?: string;
};

export function toTrendRows<M extends KpiMetric>({ points, definition, locale }: ToTrendRowsInput<M>): TrendRow[] {
  return points.map((point) => {
    const values: Record<string, number | null> = {};
    for (const line of definition.lines) {
      values[line.key] = point.value === null ? null : line.pick(point.value);
    }
    return {
      startMs: point.startMs,
      endMs: point.endMs,
      label: formatUtcDay(point.startMs, { locale, withYear: false }),
      sample: point.value === null ? null : definition.sample(point.value),
      values,
    };
  });
}

export function hasTrendData(rows: readonly TrendRow[]): boolean {
  return rows.some((row) => Object.values(row.values).some((value) => value !== null));
}

// The request filters by carrier and groups by carrier; an API that ignores the grouping still
// answers with a single series, which is then the carrier's.
export function seriesForCarrier<M extends KpiMetric>(timeseries: Timeseries<M>, carrier: string): TimeseriesSeries<M> | null {
  const exact = timeseries.series.find((series) => series.carrier === carrier);
  if (exact) {
    return exact;
  }
  const [only, ...rest] = timeseries.series;
  return only !== undefined && rest.length === 0 && only.carrier === null ? only : null;
}

// The figures table of a trend chart as CSV: UTC bucket edges, one column per line (raw values in
// the metric's unit, empty where the bucket has no data) and the sample.
export function trendRowsCsv({ rows, lines, unit, sampleLabel }: { rows: readonly TrendRow[]; lines: readonly { key: string; label: string }[]; unit: TrendUnit; sampleLabel: string }): string {
  const columns: CsvColumn<TrendRow>[] = [
    { header: 'from (UTC)', value: (row) => new Date(row.startMs).toISOString() },
    { header: 'to (UTC)', value: (row) => new Date(row.endMs).toISOString() },
    ...lines.map((line) => ({ header: `${line.label} (${unit})`, value: (row: TrendRow) => row.values[line.key] ?? null })),
    { header: `sample (${sampleLabel})`, value: (row) => row.sample },
  ];
  return columnsCsv(columns, rows);
}
