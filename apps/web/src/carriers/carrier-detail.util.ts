import { HOUR_MS } from '@lanewatch/domain';
import type { CarrierScorecard, CorridorKpiRow, Handover } from '../api/api-types';
import type { Breach } from '../api/sla-types';
import { columnsCsv, type CsvCell, type CsvColumn, toCsv } from '../shared/csv.util';
import { formatCount, formatDays, formatHours, formatInterval, formatRate } from '../shared/kpi-format.util';

export const CARRIERS_PATH = '/carriers';

// The detail page of one carrier; `search` carries the shared date range along.
export function carrierPath(carrier: string, search = ''): string {
  return `${CARRIERS_PATH}/${encodeURIComponent(carrier)}${search}`;
}

export type KpiTile = { id: string; label: string; value: string; interval: string | null; sample: string; missing: boolean };

function sampleText(count: number | null, noun: string): string {
  return count === null ? `no ${noun}` : `n = ${formatCount(count)} ${noun}`;
}

// One tile per KPI: the figure, its Wilson 95 % interval when it is a rate, and the sample behind it.
export function kpiTiles(scorecard: CarrierScorecard): KpiTile[] {
  const { transit, customsHold, firstAttempt, onTime } = scorecard.kpis;
  const censored = scorecard.censoredTransit;
  return [
    {
      id: 'transitP50',
      label: 'Transit p50',
      value: formatDays(transit?.p50Days ?? null),
      interval: transit?.p95Days == null ? null : `p95 ${formatDays(transit.p95Days)}`,
      sample: sampleText(transit?.count ?? null, 'legs'),
      missing: transit?.p50Days == null,
    },
    {
      id: 'censoredMedian',
      label: 'Median transit (Kaplan–Meier)',
      value: formatDays(censored?.medianDays ?? null),
      interval: censored?.censored == null ? null : `${formatCount(censored.censored)} still in transit`,
      sample: sampleText(censored?.cohort ?? null, 'parcels'),
      missing: censored?.medianDays == null,
    },
    {
      id: 'firstAttempt',
      label: 'First-attempt rate',
      value: formatRate(firstAttempt?.rate ?? null),
      interval: formatInterval(firstAttempt?.ci95 ?? null),
      sample: sampleText(firstAttempt?.attempted ?? null, 'attempts'),
      missing: firstAttempt?.rate == null,
    },
    {
      id: 'onTime',
      label: 'On-time rate',
      value: formatRate(onTime?.rate ?? null),
      interval: formatInterval(onTime?.ci95 ?? null),
      sample: sampleText(onTime?.delivered ?? null, 'deliveries'),
      missing: onTime?.rate == null,
    },
    {
      id: 'customsHold',
      label: 'Customs hold p90',
      value: formatHours(customsHold?.p90Hours ?? null),
      interval: customsHold?.p50Hours == null ? null : `p50 ${formatHours(customsHold.p50Hours)}`,
      sample: sampleText(customsHold?.count ?? null, 'holds'),
      missing: customsHold?.p90Hours == null,
    },
  ];
}

export type FeedHealthItem = { label: string; value: string; detail: string | null };

export function feedHealthItems(scorecard: CarrierScorecard): FeedHealthItem[] {
  const { feed, silence } = scorecard;
  return [
    { label: 'Events received', value: formatCount(feed?.events ?? null), detail: null },
    { label: 'Feed latency p50', value: formatHours(feed?.latencyP50Hours ?? null), detail: 'from the event to its arrival' },
    { label: 'Feed latency p95', value: formatHours(feed?.latencyP95Hours ?? null), detail: null },
    {
      label: 'Unmapped events',
      value: formatRate(feed?.unmappedRate ?? null),
      detail: feed?.unmapped == null ? null : `${formatCount(feed.unmapped)} events; ${formatInterval(feed.unmappedCi95) ?? 'no interval'}`,
    },
    {
      label: 'Silent parcels',
      value: formatCount(silence?.silent ?? null),
      detail:
        silence?.active == null ? null : `${formatRate(silence.silentRate)} of ${formatCount(silence.active)} active; ${formatInterval(silence.silentCi95) ?? 'no interval'}`,
    },
    { label: 'Lost candidates', value: formatCount(silence?.lost ?? null), detail: null },
  ];
}

// Slowest hand-overs first: those are the gaps worth a conversation.
export function sortHandovers(handovers: readonly Handover[]): Handover[] {
  return [...handovers].sort((a, b) => (b.p90Hours ?? -1) - (a.p90Hours ?? -1) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

export const CORRIDOR_CSV_HEADER = [
  'corridor',
  'service_level',
  'transit_legs',
  'transit_p50_days',
  'transit_p95_days',
  'first_attempt_attempted',
  'first_attempt_rate',
  'first_attempt_ci95_low',
  'first_attempt_ci95_high',
  'on_time_delivered',
  'on_time_rate',
  'on_time_ci95_low',
  'on_time_ci95_high',
  'customs_holds',
  'customs_hold_p90_hours',
] as const;

export function corridorCsvRow(row: CorridorKpiRow): CsvCell[] {
  return [
    row.corridor,
    row.serviceLevel,
    row.transit?.count ?? null,
    row.transit?.p50Days ?? null,
    row.transit?.p95Days ?? null,
    row.firstAttempt?.attempted ?? null,
    row.firstAttempt?.rate ?? null,
    row.firstAttempt?.ci95?.low ?? null,
    row.firstAttempt?.ci95?.high ?? null,
    row.onTime?.delivered ?? null,
    row.onTime?.rate ?? null,
    row.onTime?.ci95?.low ?? null,
    row.onTime?.ci95?.high ?? null,
    row.customsHold?.count ?? null,
    row.customsHold?.p90Hours ?? null,
  ];
}

export function corridorsCsv(rows: readonly CorridorKpiRow[]): string {
  return toCsv({ header: CORRIDOR_CSV_HEADER, rows: rows.map(corridorCsvRow) });
}

export function corridorsCsvFileName({ carrier, from, to }: { carrier: string; from: string; to: string }): string {
  return `lanewatch-${carrier}-corridors-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
}

// Corridors by name; the carrier-wide row (no corridor) last.
export function sortCorridors(rows: readonly CorridorKpiRow[]): CorridorKpiRow[] {
  const key = (row: CorridorKpiRow) => `${row.corridor ?? '\uffff'}|${row.serviceLevel ?? ''}`;
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

export type TimelineEntry = { breach: Breach; endedAt: string | null; durationHours: number };

// Newest first; a breach still open or acknowledged lasts until `nowMs`.
export function breachTimeline({ breaches, nowMs }: { breaches: readonly Breach[]; nowMs: number }): TimelineEntry[] {
  return [...breaches]
    .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || a.id.localeCompare(b.id))
    .map((breach) => {
      const endedAt = breach.status === 'resolved' ? breach.resolvedAt : null;
      const endMs = endedAt === null ? nowMs : Date.parse(endedAt);
      return { breach, endedAt, durationHours: Math.max(0, (endMs - Date.parse(breach.openedAt)) / HOUR_MS) };
    });
}

// The shared duration formatter (minutes, hours below a day, days from there on).
export function formatDuration(hours: number): string {
  return formatHours(hours);
}

export const HANDOVER_CSV_COLUMNS: readonly CsvColumn<Handover>[] = [
  { header: 'from_carrier', value: (row) => row.from },
  { header: 'to_carrier', value: (row) => row.to },
  { header: 'handovers', value: (row) => row.count },
  { header: 'mean_hours', value: (row) => row.meanHours },
  { header: 'p50_hours', value: (row) => row.p50Hours },
  { header: 'p90_hours', value: (row) => row.p90Hours },
];

export function handoversCsv(rows: readonly Handover[]): string {
  return columnsCsv(HANDOVER_CSV_COLUMNS, rows);
}
