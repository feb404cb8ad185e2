import { type Breach, type EvidenceParcel, SLA_SEVERITIES, type SlaSeverity } from '../api/sla-types';
import { columnsCsv, type CsvCell, type CsvColumn, csvFigure, toCsv } from '../shared/csv.util';
import { formatDays, formatHours } from '../shared/kpi-format.util';

type Unit = 'rate' | 'days' | 'hours' | 'number';

export function metricUnit(metric: string): Unit {
  if (metric.endsWith('_rate')) {
    return 'rate';
  }
  if (metric.endsWith('_days')) {
    return 'days';
  }
  return metric.endsWith('_hours') ? 'hours' : 'number';
}

// "first_attempt_rate" reads "first attempt rate"; the raw name stays visible in the CSV.
export function metricLabel(metric: string): string {
  return metric.replaceAll('_', ' ').replace(/\bp(\d+)\b/, 'p$1');
}

export function formatMetricValue(metric: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) {
    return '—';
  }
  switch (metricUnit(metric)) {
    case 'rate':
      return `${(value * 100).toFixed(1)} %`;
    // Durations through the shared formatter: "9.5 d", never "227.8 h" (issue 15, point 10).
    case 'days':
      return formatDays(value);
    case 'hours':
      return formatHours(value);
    default:
      return String(value);
  }
}

export function formatThreshold({ metric, op, threshold }: Pick<Breach, 'metric' | 'op' | 'threshold'>): string {
  return `${op === 'gte' ? '≥' : '≤'} ${formatMetricValue(metric, threshold)}`;
}

// "correios · CN-BR · standard"; an aggregate scope reads "all carriers".
export function describeScope({ carrier, corridor, serviceLevel }: Pick<Breach, 'carrier' | 'corridor' | 'serviceLevel'>): string {
  const parts = [carrier ?? 'all carriers', corridor ?? 'all corridors'];
  if (serviceLevel !== null) {
    parts.push(serviceLevel);
  }
  return parts.join(' · ');
}

export function countBySeverity(breaches: readonly Breach[]): Record<SlaSeverity, number> {
  const counts = Object.fromEntries(SLA_SEVERITIES.map((severity) => [severity, 0])) as Record<SlaSeverity, number>;
  for (const breach of breaches) {
    counts[breach.severity] += 1;
  }
  return counts;
}

const SEVERITY_RANK: Record<SlaSeverity, number> = { critical: 0, major: 1, minor: 2 };

// Most urgent first, then the newest; the API sends newest first only.
export function sortBreaches(breaches: readonly Breach[]): Breach[] {
  return [...breaches].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(b.openedAt) - Date.parse(a.openedAt),
  );
}

const CSV_HEADER = [
  'id',
  'severity',
  'status',
  'policy',
  'carrier',
  'corridor',
  'service_level',
  'metric',
  'op',
  'threshold',
  'value',
  'worst_value',
  'sample',
  'window_from',
  'window_to',
  'opened_at',
  'last_evaluated_at',
  'acknowledged_at',
  'acknowledged_by',
  'resolved_at',
] as const;

export function breachesCsv(breaches: readonly Breach[]): string {
  const rows: CsvCell[][] = breaches.map((breach) => [
    breach.id,
    breach.severity,
    breach.status,
    breach.policyName,
    breach.carrier,
    breach.corridor,
    breach.serviceLevel,
    breach.metric,
    breach.op,
    csvFigure(breach.threshold, metricUnit(breach.metric)),
    csvFigure(breach.value, metricUnit(breach.metric)),
    csvFigure(breach.worstValue, metricUnit(breach.metric)),
    breach.sample,
    breach.windowFrom,
    breach.windowTo,
    breach.openedAt,
    breach.lastEvaluatedAt,
    breach.acknowledgedAt,
    breach.acknowledgedBy,
    breach.resolvedAt,
  ]);
  return toCsv({ header: CSV_HEADER, rows });
}

// Evidence values come with their unit in the reason ("longest customs hold (hours)").
export function formatEvidenceValue({ reason, value }: { reason: string; value: number | null }): string {
  return formatMetricValue(reason.includes('(hours)') ? 'evidence_hours' : 'evidence_days', value);
}

/**
 * "10 of 32 failed first attempts in the window, the latest first": how many parcels the table shows out of
 * every one that matched. Older breaches did not store the count: then the sample's failures stand in.
 */
export function evidenceCaption({ metric, sample, evidence }: Pick<Breach, 'metric' | 'sample' | 'evidence'>): string {
  const shown = evidence.parcels.length;
  const failures = evidence.successes === null ? null : sample - evidence.successes;
  const total = evidence.matching ?? failures;
  const what = metric === 'first_attempt_rate' ? 'failed first attempts' : metric === 'on_time_rate' ? 'late deliveries' : 'parcels';
  const order = metricUnit(metric) === 'rate' ? 'the latest first' : 'the worst first';
  if (total === null) {
    return `${shown} ${what} in the window, ${order}.`;
  }
  return `${shown} of ${total.toLocaleString('en')} ${what} in the window, ${order}; the CSV holds all ${total.toLocaleString('en')}.`;
}

const EVIDENCE_CSV_COLUMNS: readonly CsvColumn<EvidenceParcel>[] = [
  { header: 'carrier', value: (parcel) => parcel.carrier },
  { header: 'tracking_number', value: (parcel) => parcel.trackingNumber },
  { header: 'reason', value: (parcel) => parcel.reason },
  { header: 'failure_reason', value: (parcel) => parcel.failureReason },
  { header: 'value', value: (parcel) => csvFigure(parcel.value, parcel.reason.includes('(hours)') ? 'hours' : 'days') },
  { header: 'at', value: (parcel) => parcel.at },
];

export function evidenceCsv(parcels: readonly EvidenceParcel[]): string {
  return columnsCsv(EVIDENCE_CSV_COLUMNS, parcels);
}
