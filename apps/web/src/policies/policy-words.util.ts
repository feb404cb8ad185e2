import { SLA_METRIC_INFO, type SlaMetric, type SlaScopeField } from '@lanewatch/domain';

// The policy editor in words (issue 15 point 7): metric names and comparisons a manager reads,
// thresholds typed as they are said ("95%", "5 days"), errors without field keys.

export const METRIC_WORDS: Readonly<Record<SlaMetric, string>> = {
  first_attempt_rate: 'First-attempt delivery rate',
  on_time_rate: 'On-time delivery rate',
  transit_mean_days: 'Average transit time',
  transit_p50_days: 'Median transit time',
  transit_p90_days: 'Transit time, 90th percentile',
  transit_p95_days: 'Transit time, 95th percentile',
  transit_stddev_days: 'Transit time spread (std. deviation)',
  customs_hold_mean_hours: 'Average customs hold',
  customs_hold_p90_hours: 'Customs hold, 90th percentile',
  feed_latency_p95_hours: 'Tracking feed delay, 95th percentile',
  unmapped_rate: 'Share of unrecognised tracking events',
  silent_rate: 'Share of silent parcels',
  clock_mean_days: 'Average days on the contract clock',
  clock_p90_days: 'Days on the contract clock, 90th percentile',
  clock_p95_days: 'Days on the contract clock, 95th percentile',
  clock_within_rate: 'Share of parcels within the contract allowance',
};

export const OP_WORDS = { gte: 'at least', lte: 'at most' } as const;

const isMetric = (metric: string): metric is SlaMetric => metric in SLA_METRIC_INFO;

export function metricWords(metric: string): string {
  return isMetric(metric) ? METRIC_WORDS[metric] : metric.replaceAll('_', ' ');
}

export function metricUnitOf(metric: string): 'rate' | 'days' | 'hours' {
  return isMetric(metric) ? SLA_METRIC_INFO[metric].unit : 'days';
}

/** The scope fields a metric can be narrowed by: feed metrics are per carrier only. */
export function metricScopes(metric: string): readonly SlaScopeField[] {
  return isMetric(metric) ? SLA_METRIC_INFO[metric].scopeFields : ['carrier', 'corridor', 'serviceLevel'];
}

const UNIT_WORDS = { days: /^(d|day|days)$/i, hours: /^(h|hr|hrs|hour|hours)$/i };

/**
 * A threshold as typed: for a rate a percentage ("95%", "95 %", "95", "99,5"), stored as 0.95; for
 * a duration a number with or without its unit ("5", "5 d", "36 hours").
 */
export function parseThreshold(input: string, metric: string): { value: number } | { error: string } {
  const unit = metricUnitOf(metric);
  const match = /^([0-9]+(?:[.,][0-9]+)?)\s*(%|[a-z]+)?$/i.exec(input.trim());
  if (unit === 'rate') {
    if (input.trim() === '') return { error: 'Enter a percentage, such as 95%.' };
    if (!match || (match[2] !== undefined && match[2] !== '%')) return { error: 'Enter a percentage from 0 to 100, such as 95%.' };
    const percent = Number(match[1].replace(',', '.'));
    if (percent > 100) return { error: 'A percentage cannot be above 100%.' };
    // Rounded so 95% is stored as 0.95, not 0.9500000000000001.
    return { value: Math.round(percent * 1e6) / 1e8 };
  }
  const noun = unit === 'days' ? 'days' : 'hours';
  if (input.trim() === '') return { error: `Enter a number of ${noun}, such as ${unit === 'days' ? '5' : '48'}.` };
  if (!match || (match[2] !== undefined && !UNIT_WORDS[unit].test(match[2]))) return { error: `Enter a number of ${noun}, such as ${unit === 'days' ? '5 days' : '48 hours'}.` };
  return { value: Number(match[1].replace(',', '.')) };
}

/** The threshold as the editor shows it: "95%" for a rate, "5" (days or hours, said beside it) otherwise. */
export function formatThresholdInput(threshold: number, metric: string): string {
  if (metricUnitOf(metric) === 'rate') return `${Math.round(threshold * 1e8) / 1e6}%`;
  return String(threshold);
}

/** "95 %", "5.2 days", "36 hours": a measured or required value in words. */
export function formatValueWords(value: number | null, metric: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const unit = metricUnitOf(metric);
  if (unit === 'rate') return `${(value * 100).toFixed(1)} %`;
  return `${value.toFixed(1)} ${unit === 'days' ? 'days' : 'hours'}`;
}

/** "at least 95.0 %" / "at most 5.0 days". */
export function requirementWords(policy: { metric: string; op: string; threshold: number }): string {
  return `${policy.op === 'gte' ? OP_WORDS.gte : OP_WORDS.lte} ${formatValueWords(policy.threshold, policy.metric)}`;
}

const FIELD_WORDS: Record<string, string> = {
  name: 'Name',
  carrier: 'Carrier',
  corridor: 'Lane',
  serviceLevel: 'Service level',
  metric: 'Metric',
  op: 'Comparison',
  threshold: 'Target',
  windowDays: 'Window',
  minSample: 'Minimum sample',
  severity: 'Severity',
  enabled: 'Enabled',
};

/**
 * An API sentence shown next to its field, in words: the field key at its head is dropped (the label
 * says which field), and metric keys read as their names. `corridor must be …` → `Must be …`.
 */
export function errorInWords(error: string): string {
  let sentence = error.replace(/^([A-Za-z]+)(\.[A-Za-z]+)*\s+/, (whole, field: string) => (field in FIELD_WORDS ? '' : whole));
  sentence = sentence.replace(/\b([a-z0-9]+(?:_[a-z0-9]+)+)\b/g, (key: string) => (isMetric(key) ? metricWords(key).toLowerCase() : key));
  sentence = sentence.replace(/\bwindowDays\b/g, 'the window').replace(/\bgte\b/g, 'at least').replace(/\blte\b/g, 'at most');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
