import type { Breach, SlaSeverity } from '../api/sla-types';
import { formatMetricValue, formatThreshold, metricUnit } from './breach-format.util';

const SEVERITY_RANK: Record<SlaSeverity, number> = { critical: 0, major: 1, minor: 2 };

// The manager's words for each SLA metric; an unknown metric keeps its raw name, spaced.
const METRIC_WORDS: Record<string, string> = {
  transit_mean_days: 'mean transit time',
  transit_p50_days: 'median transit time',
  transit_p90_days: 'transit time, 90th percentile',
  transit_p95_days: 'transit time, 95th percentile',
  transit_stddev_days: 'transit time spread (std. dev.)',
  customs_hold_mean_hours: 'mean customs hold',
  customs_hold_p90_hours: 'customs hold, 90th percentile',
  first_attempt_rate: 'delivered at the first attempt',
  on_time_rate: 'delivered on time',
  feed_latency_p95_hours: 'feed delay, 95th percentile',
  unmapped_rate: 'unmapped carrier codes',
  silent_rate: 'silent parcels (no scan for 10 days)',
  clock_mean_days: 'mean days on the contract clock',
  clock_p90_days: 'contract-clock days, 90th percentile',
  clock_p95_days: 'contract-clock days, 95th percentile',
  clock_within_rate: 'parcels within the contract allowance',
};

export function metricInWords(metric: string): string {
  return METRIC_WORDS[metric] ?? metric.replaceAll('_', ' ');
}

type Judged = Pick<Breach, 'metric' | 'op' | 'threshold' | 'value'>;

/** How far the value is past the target in the metric's unit: positive on the wrong side. */
export function breachGap({ op, threshold, value }: Judged): number {
  return op === 'gte' ? threshold - value : value - threshold;
}

// Relative to the target, so a rate 20 points short and a transit 2 days over compare on one scale.
function relativeGap(breach: Judged): number {
  const gap = breachGap(breach);
  return breach.threshold === 0 ? gap : gap / Math.abs(breach.threshold);
}

/** "24.4 pts below target", "2.1 d above target": the gap in words, in the metric's unit. */
export function formatGap(breach: Judged): string {
  const gap = breachGap(breach);
  const side = (breach.op === 'gte') === gap > 0 ? 'below' : 'above';
  const size = Math.abs(gap);
  switch (metricUnit(breach.metric)) {
    case 'rate':
      return `${(size * 100).toFixed(1)} pts ${side} target`;
    case 'days':
      return `${size.toFixed(1)} d ${side} target`;
    case 'hours':
      return `${size.toFixed(1)} h ${side} target`;
    default:
      return `${size} ${side} target`;
  }
}

/** Most severe first, then the widest gap relative to the target, then the longest on the wrong side. */
export function rankOpenBreaches<T extends Breach>(breaches: readonly T[]): T[] {
  return [...breaches].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      relativeGap(b) - relativeGap(a) ||
      Date.parse(a.wrongSideSince) - Date.parse(b.wrongSideSince) ||
      a.id.localeCompare(b.id),
  );
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "under a minute", "45 min", "3 h 20 min", "2 d 4 h": two units at most, rounded down. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE_MS) {
    return 'under a minute';
  }
  if (ms < HOUR_MS) {
    return `${Math.floor(ms / MINUTE_MS)} min`;
  }
  if (ms < DAY_MS) {
    const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
    return `${Math.floor(ms / HOUR_MS)} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  return `${Math.floor(ms / DAY_MS)} d${hours > 0 ? ` ${hours} h` : ''}`;
}

/** How long the metric has been on the wrong side at nowMs; a clock behind the server reads as 0. */
export function wrongSideFor({ breach, nowMs }: { breach: Pick<Breach, 'wrongSideSince'>; nowMs: number }): string {
  return formatDuration(Math.max(0, nowMs - Date.parse(breach.wrongSideSince)));
}

/** "La Poste (laposte)" when the name differs from the code; the code alone otherwise; "all carriers" for none. */
export function carrierLabel({ carrier, carrierName }: Pick<Breach, 'carrier' | 'carrierName'>): string {
  if (carrier === null) {
    return 'all carriers';
  }
  return carrierName && carrierName !== carrier ? carrierName : carrier;
}

/** "CN-FR · standard", "every corridor": the lane and service level of a breach. */
export function laneLabel({ corridor, serviceLevel }: Pick<Breach, 'corridor' | 'serviceLevel'>): string {
  return `${corridor ?? 'every corridor'}${serviceLevel === null ? '' : ` · ${serviceLevel}`}`;
}

/** The open breaches that judge one figure: same metric, and the lane when the figure is a lane's. */
export function breachesOnFigure({
  breaches,
  metrics,
  corridor,
  serviceLevel = null,
}: {
  breaches: readonly Breach[];
  metrics: readonly string[];
  // undefined: a carrier-wide figure, judged by the breaches of every lane (issue 15, point 2).
  corridor?: string | null;
  serviceLevel?: string | null;
}): Breach[] {
  return rankOpenBreaches(
    breaches.filter(
      (breach) =>
        breach.status !== 'resolved' &&
        metrics.includes(breach.metric) &&
        (corridor === undefined || breach.corridor === null || breach.corridor === corridor) &&
        (corridor === undefined || breach.serviceLevel === null || breach.serviceLevel === serviceLevel),
    ),
  );
}

/** "critical breach on CN-FR: 60.6 % vs ≥ 85.0 %": a badge's words. */
export function breachBadgeText(breach: Breach): string {
  const where = breach.corridor === null ? 'all corridors' : breach.corridor;
  return `${breach.severity} breach on ${where}${breach.serviceLevel === null ? '' : ` · ${breach.serviceLevel}`}: ${formatMetricValue(breach.metric, breach.value)} vs ${formatThreshold(breach)}`;
}
