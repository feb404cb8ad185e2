import type { SlaMetric } from '@lanewatch/domain';
import type { CarrierScorecard, Interval } from '../api/api-types';
import type { CsvCell } from '../shared/csv.util';
import { formatCount, formatDays, formatHours, formatInterval, formatRate, NO_DATA } from '../shared/kpi-format.util';
import type { SortValue } from '../shared/table-sort.util';

export type ValueKind = 'text' | 'days' | 'hours' | 'rate' | 'count';

// SLA colouring (sla.md): a column measured by an SLA metric names it, and
// scorecard-verdict.util.ts judges the cell against the enabled policies that scope the carrier.
export type Verdict = 'good' | 'warning' | 'bad';

// The figure and sample a policy reads come from the row through the domain (slaMeasurement), as the evaluator reads them.
export type ColumnSla = { metric: SlaMetric };

type CsvField = { header: string; value: (row: CarrierScorecard) => CsvCell };

export type ScorecardColumn = {
  id: string;
  // Columns with the same group share a header cell above their own.
  group: string | null;
  label: string;
  description: string;
  kind: ValueKind;
  value: (row: CarrierScorecard) => SortValue;
  interval?: (row: CarrierScorecard) => Interval | null;
  detail?: (row: CarrierScorecard) => string | null;
  sla?: ColumnSla;
  // One table column may export several CSV fields (a rate and its interval bounds).
  csv: readonly CsvField[];
  // Exported, not a table column: its figure is the detail line of a neighbour (the samples, "lost"),
  // so the scorecard fits 1280 px without scrolling (issue 15, point 10).
  csvOnly?: true;
};

const sampleDetail = (sample: number | null | undefined): string | null => (sample == null ? null : `n ${formatCount(sample)}`);

function csvInterval(prefix: string, interval: (row: CarrierScorecard) => Interval | null): CsvField[] {
  return [
    { header: `${prefix}_ci95_low`, value: (row) => interval(row)?.low ?? null },
    { header: `${prefix}_ci95_high`, value: (row) => interval(row)?.high ?? null },
  ];
}

const firstAttemptInterval = (row: CarrierScorecard) => row.kpis.firstAttempt?.ci95 ?? null;
const onTimeInterval = (row: CarrierScorecard) => row.kpis.onTime?.ci95 ?? null;
const unmappedInterval = (row: CarrierScorecard) => row.feed?.unmappedCi95 ?? null;

export const SCORECARD_COLUMNS: readonly ScorecardColumn[] = [
  {
    id: 'carrier',
    group: null,
    label: 'Carrier',
    description: 'Carrier name and code',
    kind: 'text',
    value: (row) => row.name,
    detail: (row) => (row.name === row.carrier ? null : row.carrier),
    csv: [
      { header: 'carrier', value: (row) => row.carrier },
      { header: 'carrier_name', value: (row) => row.name },
    ],
  },
  {
    id: 'transitMean',
    group: 'Transit',
    label: 'Mean',
    description: 'Mean leg transit time in days, legs delivered or handed over in the range',
    kind: 'days',
    value: (row) => row.kpis.transit?.meanDays ?? null,
    detail: (row) => sampleDetail(row.kpis.transit?.count),
    sla: { metric: 'transit_mean_days' },
    csv: [{ header: 'transit_mean_days', value: (row) => row.kpis.transit?.meanDays ?? null }],
  },
  {
    id: 'transitP50',
    group: 'Transit',
    label: 'p50',
    description: 'Median leg transit time in days',
    kind: 'days',
    value: (row) => row.kpis.transit?.p50Days ?? null,
    sla: { metric: 'transit_p50_days' },
    csv: [{ header: 'transit_p50_days', value: (row) => row.kpis.transit?.p50Days ?? null }],
  },
  {
    id: 'transitP95',
    group: 'Transit',
    label: 'p95',
    description: '95th percentile of leg transit time in days',
    kind: 'days',
    value: (row) => row.kpis.transit?.p95Days ?? null,
    sla: { metric: 'transit_p95_days' },
    csv: [{ header: 'transit_p95_days', value: (row) => row.kpis.transit?.p95Days ?? null }],
  },
  {
    id: 'transitCount',
    group: 'Transit',
    label: 'n',
    description: 'Legs in the transit figures',
    kind: 'count',
    csvOnly: true,
    value: (row) => row.kpis.transit?.count ?? null,
    csv: [{ header: 'transit_count', value: (row) => row.kpis.transit?.count ?? null }],
  },
  {
    id: 'customsHoldP90',
    group: 'Customs',
    label: 'Hold p90',
    description: '90th percentile of the import customs hold in hours, holds released in the range',
    kind: 'hours',
    value: (row) => row.kpis.customsHold?.p90Hours ?? null,
    sla: { metric: 'customs_hold_p90_hours' },
    csv: [{ header: 'customs_hold_p90_hours', value: (row) => row.kpis.customsHold?.p90Hours ?? null }],
  },
  {
    id: 'firstAttemptRate',
    group: 'First attempt',
    label: 'Rate',
    description: 'Share of first delivery attempts that delivered, with its Wilson 95 % interval',
    kind: 'rate',
    value: (row) => row.kpis.firstAttempt?.rate ?? null,
    interval: firstAttemptInterval,
    detail: (row) => sampleDetail(row.kpis.firstAttempt?.attempted),
    sla: { metric: 'first_attempt_rate' },
    csv: [
      { header: 'first_attempt_rate', value: (row) => row.kpis.firstAttempt?.rate ?? null },
      ...csvInterval('first_attempt', firstAttemptInterval),
    ],
  },
  {
    id: 'firstAttemptCount',
    group: 'First attempt',
    label: 'n',
    description: 'First attempts in the range',
    kind: 'count',
    csvOnly: true,
    value: (row) => row.kpis.firstAttempt?.attempted ?? null,
    csv: [{ header: 'first_attempt_attempted', value: (row) => row.kpis.firstAttempt?.attempted ?? null }],
  },
  {
    id: 'onTimeRate',
    group: 'On time',
    label: 'Rate',
    description: 'Share of deliveries by the promised date, with its Wilson 95 % interval',
    kind: 'rate',
    value: (row) => row.kpis.onTime?.rate ?? null,
    interval: onTimeInterval,
    detail: (row) => sampleDetail(row.kpis.onTime?.delivered),
    sla: { metric: 'on_time_rate' },
    csv: [{ header: 'on_time_rate', value: (row) => row.kpis.onTime?.rate ?? null }, ...csvInterval('on_time', onTimeInterval)],
  },
  {
    id: 'onTimeCount',
    group: 'On time',
    label: 'n',
    description: 'Deliveries with a promised date in the range',
    kind: 'count',
    csvOnly: true,
    value: (row) => row.kpis.onTime?.delivered ?? null,
    csv: [{ header: 'on_time_delivered', value: (row) => row.kpis.onTime?.delivered ?? null }],
  },
  {
    id: 'feedLatencyP95',
    group: 'Feed',
    label: 'Latency p95',
    description: '95th percentile of the time from an event to its arrival at Lanewatch, in hours',
    kind: 'hours',
    value: (row) => row.feed?.latencyP95Hours ?? null,
    sla: { metric: 'feed_latency_p95_hours' },
    csv: [{ header: 'feed_latency_p95_hours', value: (row) => row.feed?.latencyP95Hours ?? null }],
  },
  {
    id: 'unmappedRate',
    group: 'Feed',
    label: 'Unmapped',
    description: 'Share of events whose raw code has no milestone, with its Wilson 95 % interval',
    kind: 'rate',
    value: (row) => row.feed?.unmappedRate ?? null,
    interval: unmappedInterval,
    sla: { metric: 'unmapped_rate' },
    csv: [{ header: 'unmapped_rate', value: (row) => row.feed?.unmappedRate ?? null }, ...csvInterval('unmapped', unmappedInterval)],
  },
  {
    id: 'silent',
    group: null,
    label: 'Silent',
    description: 'Parcels not delivered and without an event for 10 days, counted at the as-of instant; below, the lost candidates (60 days)',
    kind: 'count',
    value: (row) => row.silence?.silent ?? null,
    detail: (row) => (row.silence?.lost == null ? null : `${formatCount(row.silence.lost)} lost`),
    csv: [{ header: 'silent_parcels', value: (row) => row.silence?.silent ?? null }],
  },
  {
    id: 'lost',
    group: null,
    label: 'Lost candidates',
    description: 'Lost candidates: parcels not delivered and without an event for 60 days, at the as-of instant',
    kind: 'count',
    csvOnly: true,
    value: (row) => row.silence?.lost ?? null,
    csv: [{ header: 'lost_candidates', value: (row) => row.silence?.lost ?? null }],
  },
  {
    id: 'censoredMedian',
    group: null,
    label: 'KM median transit',
    description:
      'Kaplan–Meier median transit in days, counting parcels still under way as censored: the honest transit time during a disruption',
    kind: 'days',
    value: (row) => row.censoredTransit?.medianDays ?? null,
    detail: (row) => {
      const censored = row.censoredTransit?.censored ?? null;
      return censored === null ? null : `${formatCount(censored)} censored`;
    },
    csv: [
      { header: 'km_median_transit_days', value: (row) => row.censoredTransit?.medianDays ?? null },
      { header: 'km_censored', value: (row) => row.censoredTransit?.censored ?? null },
    ],
  },
];

/** The columns the scorecard table shows; the CSV keeps every column. */
export const SCORECARD_TABLE_COLUMNS: readonly ScorecardColumn[] = SCORECARD_COLUMNS.filter((column) => column.csvOnly !== true);

const NUMBER_FORMATS: Record<Exclude<ValueKind, 'text'>, (value: number, options: { locale?: string }) => string> = {
  days: formatDays,
  hours: formatHours,
  rate: formatRate,
  count: formatCount,
};

export type FormattedCell = { text: string; interval: string | null; detail: string | null; missing: boolean };

export function formatScorecardCell(column: ScorecardColumn, row: CarrierScorecard, locale?: string): FormattedCell {
  const value = column.value(row);
  const interval = column.interval ? formatInterval(column.interval(row), { locale }) : null;
  const detail = column.detail ? column.detail(row) : null;
  if (value === null) {
    return { text: NO_DATA, interval: null, detail, missing: true };
  }
  if (typeof value === 'string' || column.kind === 'text') {
    return { text: String(value), interval, detail, missing: false };
  }
  return { text: NUMBER_FORMATS[column.kind](value, { locale }), interval, detail, missing: false };
}

export type HeaderGroup = { label: string | null; span: number; firstColumnId: string };

// Neighbouring columns of one group share a header cell; ungrouped columns stand alone.
export function headerGroups(columns: readonly ScorecardColumn[]): HeaderGroup[] {
  const groups: HeaderGroup[] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last && column.group !== null && last.label === column.group) {
      last.span += 1;
    } else {
      groups.push({ label: column.group, span: 1, firstColumnId: column.id });
    }
  }
  return groups;
}
