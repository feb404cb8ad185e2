import type { KpiGroupRow } from '../api/api-types';
import { type CsvCell, toCsv } from '../shared/csv.util';
import { formatDays, formatHours, formatRate } from '../shared/kpi-format.util';

export type CorridorMetricId = 'transitP50' | 'transitP95' | 'customsHoldP90' | 'firstAttemptRate' | 'onTimeRate';

export type CorridorMetric = {
  id: CorridorMetricId;
  label: string;
  // Rates are better high, durations better low; the heat scale darkens towards worse.
  higherIsBetter: boolean;
  value: (row: KpiGroupRow) => number | null;
  sample: (row: KpiGroupRow) => number | null;
  format: (value: number | null) => string;
};

export const CORRIDOR_METRICS: readonly CorridorMetric[] = [
  {
    id: 'transitP50',
    label: 'Transit p50',
    higherIsBetter: false,
    value: (row) => row.transit?.p50Days ?? null,
    sample: (row) => row.transit?.count ?? null,
    format: (value) => formatDays(value),
  },
  {
    id: 'transitP95',
    label: 'Transit p95',
    higherIsBetter: false,
    value: (row) => row.transit?.p95Days ?? null,
    sample: (row) => row.transit?.count ?? null,
    format: (value) => formatDays(value),
  },
  {
    id: 'customsHoldP90',
    label: 'Customs hold p90',
    higherIsBetter: false,
    value: (row) => row.customsHold?.p90Hours ?? null,
    sample: (row) => row.customsHold?.count ?? null,
    format: (value) => formatHours(value),
  },
  {
    id: 'firstAttemptRate',
    label: 'First-attempt rate',
    higherIsBetter: true,
    value: (row) => row.firstAttempt?.rate ?? null,
    sample: (row) => row.firstAttempt?.attempted ?? null,
    format: (value) => formatRate(value),
  },
  {
    id: 'onTimeRate',
    label: 'On-time rate',
    higherIsBetter: true,
    value: (row) => row.onTime?.rate ?? null,
    sample: (row) => row.onTime?.delivered ?? null,
    format: (value) => formatRate(value),
  },
];

export const DEFAULT_CORRIDOR_METRIC: CorridorMetricId = 'transitP95';

// An unknown `metric` in a link falls back to the default rather than failing the page.
export function corridorMetric(id: string | null): CorridorMetric {
  return CORRIDOR_METRICS.find((metric) => metric.id === id) ?? corridorMetric(DEFAULT_CORRIDOR_METRIC);
}

export function splitCorridor(corridor: string): { origin: string; destination: string } | null {
  const match = /^([A-Z]{2})-([A-Z]{2})$/.exec(corridor);
  return match ? { origin: match[1], destination: match[2] } : null;
}

export type HeatmapCell = {
  corridor: string;
  origin: string;
  destination: string;
  value: number | null;
  sample: number | null;
  // 0 best … 1 worst among the lanes with data; null without data.
  heat: number | null;
  text: string;
  label: string;
};

export type Heatmap = { origins: string[]; destinations: string[]; cells: Map<string, HeatmapCell> };

export function heatmapKey(origin: string, destination: string): string {
  return `${origin}-${destination}`;
}

// Rows without a well-formed corridor (none expected) are left out rather than drawn on a wrong axis.
export function buildHeatmap({ rows, metric }: { rows: readonly KpiGroupRow[]; metric: CorridorMetric }): Heatmap {
  const lanes = rows.flatMap((row) => {
    const split = row.corridor === null ? null : splitCorridor(row.corridor);
    return split === null ? [] : [{ row, ...split, value: metric.value(row) }];
  });
  const values = lanes.map(({ value }) => value).filter((value): value is number => value !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const cells = new Map<string, HeatmapCell>();
  for (const { row, origin, destination, value } of lanes) {
    const sample = metric.sample(row);
    let heat: number | null = null;
    if (value !== null) {
      const position = max === min ? 0 : (value - min) / (max - min);
      heat = metric.higherIsBetter ? 1 - position : position;
    }
    const text = metric.format(value);
    const sampleText = sample === null ? 'no sample' : `n = ${sample}`;
    const reading = value === null ? 'no data' : text;
    cells.set(heatmapKey(origin, destination), {
      corridor: `${origin}-${destination}`,
      origin,
      destination,
      value,
      sample,
      heat,
      text,
      label: `${origin} to ${destination}: ${metric.label} ${reading}, ${sampleText}. Show carriers on this lane.`,
    });
  }
  const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();
  return {
    origins: sorted(lanes.map(({ origin }) => origin)),
    destinations: sorted(lanes.map(({ destination }) => destination)),
    cells,
  };
}

const LANE_CSV_HEADER = [
  'carrier',
  'corridor',
  'transit_count',
  'transit_p50_days',
  'transit_p95_days',
  'customs_hold_count',
  'customs_hold_p90_hours',
  'first_attempt_attempted',
  'first_attempt_rate',
  'on_time_delivered',
  'on_time_rate',
];

export function laneCarriersCsv(rows: readonly KpiGroupRow[]): string {
  const body: CsvCell[][] = rows.map((row) => [
    row.carrier,
    row.corridor,
    row.transit?.count ?? null,
    row.transit?.p50Days ?? null,
    row.transit?.p95Days ?? null,
    row.customsHold?.count ?? null,
    row.customsHold?.p90Hours ?? null,
    row.firstAttempt?.attempted ?? null,
    row.firstAttempt?.rate ?? null,
    row.onTime?.delivered ?? null,
    row.onTime?.rate ?? null,
  ]);
  return toCsv({ header: LANE_CSV_HEADER, rows: body });
}

export function laneCarriersCsvFileName({ corridor, from, to }: { corridor: string; from: string; to: string }): string {
  return `lanewatch-lane-${corridor}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
}
