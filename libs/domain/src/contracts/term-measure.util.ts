import { percentileCont } from '../statistics';
import type { StatementLegInput } from './statement.types';

// How a term's metric is measured over a month on leg facts (kpis.md §2-4): which instant counts a
// leg in the month, the leg's value, and the statistic over the values. Exact (no sketch): a
// statement lists every parcel behind its value.

type Statistic = 'mean' | 'stddev' | 'rate' | { percentile: number };

interface TermMetric {
  /** The closing instant of the metric's family (kpis.md §3). */
  countedAt: (leg: StatementLegInput) => string | null;
  value: (leg: StatementLegInput) => number | null;
  statistic: Statistic;
}

const transit = (statistic: Statistic): TermMetric => ({ countedAt: (leg) => leg.legEndAt, value: (leg) => leg.legTransitDays, statistic });
const customs = (statistic: Statistic): TermMetric => ({ countedAt: (leg) => leg.customsReleasedAt, value: (leg) => leg.customsHoldHours, statistic });
const clock = (statistic: Statistic): TermMetric => ({ countedAt: (leg) => leg.legEndAt, value: (leg) => leg.clockDays, statistic });
const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

const TERM_METRICS: Readonly<Record<string, TermMetric>> = {
  transit_mean_days: transit('mean'),
  transit_p50_days: transit({ percentile: 0.5 }),
  transit_p90_days: transit({ percentile: 0.9 }),
  transit_p95_days: transit({ percentile: 0.95 }),
  transit_stddev_days: transit('stddev'),
  customs_hold_mean_hours: customs('mean'),
  customs_hold_p90_hours: customs({ percentile: 0.9 }),
  first_attempt_rate: { countedAt: (leg) => leg.firstAttemptAt, value: (leg) => flag(leg.firstAttemptDelivered), statistic: 'rate' },
  on_time_rate: { countedAt: (leg) => leg.creditedDeliveredAt, value: (leg) => flag(leg.onTime), statistic: 'rate' },
  clock_mean_days: clock('mean'),
  clock_p90_days: clock({ percentile: 0.9 }),
  clock_p95_days: clock({ percentile: 0.95 }),
  clock_within_rate: {
    countedAt: (leg) => leg.legEndAt,
    value: (leg) => (leg.clockDays === null || leg.allowanceDays === null ? null : leg.clockDays <= leg.allowanceDays ? 1 : 0),
    statistic: 'rate',
  },
};

/** Data-quality metrics (feed latency, unmapped, silent) measure a feed, not parcels: no statement settles them. */
export function isSettledMetric(metric: string): boolean {
  return Object.prototype.hasOwnProperty.call(TERM_METRICS, metric);
}

export interface CountedLeg {
  leg: StatementLegInput;
  countedAt: string;
  countedAtMs: number;
  value: number;
}

/** The legs a term's metric counts in [fromMs, toMs), in a fixed order (counting instant, then leg id). */
export function legsCountedIn(metric: string, legs: readonly StatementLegInput[], fromMs: number, toMs: number): CountedLeg[] {
  const definition = TERM_METRICS[metric];
  if (!definition) return [];
  const counted: CountedLeg[] = [];
  for (const leg of legs) {
    const countedAt = definition.countedAt(leg);
    const value = definition.value(leg);
    if (countedAt === null || value === null || !Number.isFinite(value)) continue;
    const countedAtMs = Date.parse(countedAt);
    if (countedAtMs >= fromMs && countedAtMs < toMs) counted.push({ leg, countedAt: new Date(countedAtMs).toISOString(), countedAtMs, value });
  }
  return counted.sort((a, b) => a.countedAtMs - b.countedAtMs || compareIds(a.leg.legId, b.leg.legId));
}

// Leg ids are bigint text: shorter is smaller.
export const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The metric's value over the counted legs (kpis.md §4): null when there is none (stddev: fewer than 2). */
export function termValue(metric: string, values: readonly number[]): number | null {
  const definition = TERM_METRICS[metric];
  if (!definition || values.length === 0) return null;
  const { statistic } = definition;
  if (statistic === 'mean' || statistic === 'rate') return values.reduce((sum, value) => sum + value, 0) / values.length;
  if (statistic === 'stddev') {
    if (values.length < 2) return null;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
  }
  return percentileCont([...values].sort((a, b) => a - b), statistic.percentile);
}

export function isRateTermMetric(metric: string): boolean {
  return TERM_METRICS[metric]?.statistic === 'rate';
}
