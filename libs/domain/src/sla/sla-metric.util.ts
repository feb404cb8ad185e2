// The metrics an SLA policy can watch (sla.md §1) and how each one is measured.

export const SLA_METRICS = [
  'transit_mean_days',
  'transit_p50_days',
  'transit_p90_days',
  'transit_p95_days',
  'transit_stddev_days',
  'customs_hold_mean_hours',
  'customs_hold_p90_hours',
  'first_attempt_rate',
  'on_time_rate',
  'feed_latency_p95_hours',
  'unmapped_rate',
  'silent_rate',
  // contracts.md §1: on the contract's clock; only in a contract file, where the policy has a contract.
  'clock_mean_days',
  'clock_p90_days',
  'clock_p95_days',
  'clock_within_rate',
] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export type SlaMetricFamily = 'transit' | 'customs_hold' | 'first_attempt' | 'on_time' | 'feed_latency' | 'unmapped' | 'silent' | 'clock';
export type SlaMetricUnit = 'days' | 'hours' | 'rate';
export type SlaScopeField = 'carrier' | 'corridor' | 'serviceLevel';

export interface SlaMetricInfo {
  family: SlaMetricFamily;
  unit: SlaMetricUnit;
  /** A share of trials in [0, 1]: thresholds are bounded and a Wilson interval exists. */
  isRate: boolean;
  /** Feed-health metrics (kpis.md §6) rather than parcel performance. */
  dataQuality: boolean;
  /** The scope fields the metric can be broken down by; the others must stay null. */
  scopeFields: readonly SlaScopeField[];
}

const ALL_SCOPES: readonly SlaScopeField[] = ['carrier', 'corridor', 'serviceLevel'];
// Feed latency and unmapped events are properties of a carrier's feed (kpis.md §6 "per carrier"):
// an event has no corridor or service level of its own.
const CARRIER_ONLY: readonly SlaScopeField[] = ['carrier'];

const performance = (family: SlaMetricFamily, unit: SlaMetricUnit): SlaMetricInfo => ({
  family,
  unit,
  isRate: unit === 'rate',
  dataQuality: false,
  scopeFields: ALL_SCOPES,
});

export const SLA_METRIC_INFO: Readonly<Record<SlaMetric, SlaMetricInfo>> = {
  transit_mean_days: performance('transit', 'days'),
  transit_p50_days: performance('transit', 'days'),
  transit_p90_days: performance('transit', 'days'),
  transit_p95_days: performance('transit', 'days'),
  transit_stddev_days: performance('transit', 'days'),
  customs_hold_mean_hours: performance('customs_hold', 'hours'),
  customs_hold_p90_hours: performance('customs_hold', 'hours'),
  first_attempt_rate: performance('first_attempt', 'rate'),
  on_time_rate: performance('on_time', 'rate'),
  feed_latency_p95_hours: { family: 'feed_latency', unit: 'hours', isRate: false, dataQuality: true, scopeFields: CARRIER_ONLY },
  unmapped_rate: { family: 'unmapped', unit: 'rate', isRate: true, dataQuality: true, scopeFields: CARRIER_ONLY },
  silent_rate: { family: 'silent', unit: 'rate', isRate: true, dataQuality: true, scopeFields: ALL_SCOPES },
  clock_mean_days: performance('clock', 'days'),
  clock_p90_days: performance('clock', 'days'),
  clock_p95_days: performance('clock', 'days'),
  clock_within_rate: performance('clock', 'rate'),
};

/** Metrics measured on a contract's clock: a policy needs its contract to have them. */
export function isClockMetric(metric: SlaMetric): boolean {
  return SLA_METRIC_INFO[metric].family === 'clock';
}

export function isSlaMetric(value: unknown): value is SlaMetric {
  return typeof value === 'string' && (SLA_METRICS as readonly string[]).includes(value);
}

export function isRateMetric(metric: SlaMetric): boolean {
  return SLA_METRIC_INFO[metric].isRate;
}

export type SlaMeasurementLevel = 'leg' | 'shipment' | 'event';

/**
 * What a policy's metric is computed on (sla.md §1, kpis.md §3): a carrier scope ("*" included, since
 * every instance then has a carrier) reads that carrier's leg facts; no carrier scope reads shipment
 * facts. Feed latency and unmapped rate are counted on events whatever the scope.
 */
export function slaMeasurementLevel(policy: { metric: SlaMetric; carrier: string | null }): SlaMeasurementLevel {
  const { family } = SLA_METRIC_INFO[policy.metric];
  if (family === 'feed_latency' || family === 'unmapped') return 'event';
  return policy.carrier === null ? 'shipment' : 'leg';
}
