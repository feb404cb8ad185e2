// The rows GET /kpis, /kpis/timeseries and /scorecards answer with (kpis.md §5-6): browser-safe
// contract types the read model builds and the dashboard reads. A figure with no data is null.
type Stat = number | null;

export interface TransitKpi {
  count: number;
  meanDays: Stat;
  stddevDays: Stat;
  varianceDays: Stat;
  p50Days: Stat;
  p90Days: Stat;
  p95Days: Stat;
}
export interface CustomsHoldKpi {
  count: number;
  meanHours: Stat;
  p50Hours: Stat;
  p90Hours: Stat;
}
export interface FirstAttemptKpi {
  attempted: number;
  delivered: number;
  rate: Stat;
}
export interface OnTimeKpi {
  delivered: number;
  onTime: number;
  rate: Stat;
}

export interface KpiGroup {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
}

export interface KpiRow extends KpiGroup {
  transit: TransitKpi | null;
  customsHold: CustomsHoldKpi | null;
  firstAttempt: FirstAttemptKpi | null;
  onTime: OnTimeKpi | null;
  /** only when the read names a contract */
  clock?: ClockKpi | null;
}

/** clockDays of a contract's legs (contracts.md §1), like transit; withinAllowance: legs of lanes with an allowance. */
export interface ClockKpi extends TransitKpi {
  withinAllowance: { legs: number; within: number; rate: Stat } | null;
}

/** A Wilson 95 % interval as the API sends it beside a rate. */
export interface RateInterval {
  low: number;
  high: number;
}
