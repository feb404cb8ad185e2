import { SlaMetric } from './sla-metric.util';

type Stat = number | null;

/** A KPI API row (kpis.md §5), as far as SLA metrics read it. A family with no data may be null. */
export interface SlaKpiRow {
  transit?: { count: number; meanDays: Stat; stddevDays: Stat; p50Days: Stat; p90Days: Stat; p95Days: Stat } | null;
  customsHold?: { count: number; meanHours: Stat; p90Hours: Stat } | null;
  firstAttempt?: { attempted: number; delivered: number; rate: Stat } | null;
  onTime?: { delivered: number; onTime: number; rate: Stat } | null;
  /** The policy's contract clock (contracts.md §1), read with its contract. */
  clock?: { count: number; meanDays: Stat; p90Days: Stat; p95Days: Stat; withinAllowance: { legs: number; within: number; rate: Stat } | null } | null;
}

/** Feed health for the same scope and window (kpis.md §6): the data-quality metrics. */
export interface SlaFeedHealth {
  feedLatency?: { events: number; p95Hours: Stat } | null;
  unmapped?: { events: number; unmapped: number; rate: Stat } | null;
  silent?: { active: number; silent: number; rate: Stat } | null;
}

/** A KPI row, a feed-health object, or both spread into one. */
export type SlaMeasurementSource = SlaKpiRow & SlaFeedHealth;

export interface SlaMeasurement {
  value: number | null;
  /** The metric's count: the trials of a rate, the number of values of a statistic. */
  sample: number;
  /** Rates only: the successes behind `value`, for the Wilson guard; null for other metrics. */
  successes: number | null;
}

const TRANSIT_FIELD = {
  transit_mean_days: 'meanDays',
  transit_p50_days: 'p50Days',
  transit_p90_days: 'p90Days',
  transit_p95_days: 'p95Days',
  transit_stddev_days: 'stddevDays',
} as const;

const noData = (): SlaMeasurement => ({ value: null, sample: 0, successes: null });

const statistic = (value: Stat | undefined, sample: number): SlaMeasurement => ({ value: value ?? null, sample, successes: null });
// From the counts, not the row's `rate`: the same successes / trials (kpis.md §4) without any rounding
// a presenter may have applied.
const rateOf = (successes: number, trials: number): SlaMeasurement =>
  trials > 0 ? { value: successes / trials, sample: trials, successes } : noData();

/** The value and sample a policy's metric reads from the KPI row of its scope and window. */
export function slaMeasurement(metric: SlaMetric, source: SlaMeasurementSource): SlaMeasurement {
  switch (metric) {
    case 'transit_mean_days':
    case 'transit_p50_days':
    case 'transit_p90_days':
    case 'transit_p95_days':
    case 'transit_stddev_days': {
      const transit = source.transit;
      if (!transit) return noData();
      return statistic(transit[TRANSIT_FIELD[metric]], transit.count);
    }
    case 'customs_hold_mean_hours':
    case 'customs_hold_p90_hours': {
      const hold = source.customsHold;
      if (!hold) return noData();
      return statistic(metric === 'customs_hold_mean_hours' ? hold.meanHours : hold.p90Hours, hold.count);
    }
    case 'first_attempt_rate':
      return source.firstAttempt ? rateOf(source.firstAttempt.delivered, source.firstAttempt.attempted) : noData();
    case 'on_time_rate':
      return source.onTime ? rateOf(source.onTime.onTime, source.onTime.delivered) : noData();
    case 'feed_latency_p95_hours':
      return source.feedLatency ? statistic(source.feedLatency.p95Hours, source.feedLatency.events) : noData();
    case 'unmapped_rate':
      return source.unmapped ? rateOf(source.unmapped.unmapped, source.unmapped.events) : noData();
    case 'silent_rate':
      return source.silent ? rateOf(source.silent.silent, source.silent.active) : noData();
    case 'clock_mean_days':
      return source.clock ? statistic(source.clock.meanDays, source.clock.count) : noData();
    case 'clock_p90_days':
      return source.clock ? statistic(source.clock.p90Days, source.clock.count) : noData();
    case 'clock_p95_days':
      return source.clock ? statistic(source.clock.p95Days, source.clock.count) : noData();
    case 'clock_within_rate': {
      const within = source.clock?.withinAllowance;
      return within ? rateOf(within.within, within.legs) : noData();
    }
  }
}

