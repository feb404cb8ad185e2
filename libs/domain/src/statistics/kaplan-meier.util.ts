// Product-limit (Kaplan–Meier) survival estimate for censored transit (kpis.md §6):
// parcels not yet delivered at `asOf` are censored there instead of being dropped, so
// the estimate does not flatter a carrier whose slow parcels are still on the road.

export interface SurvivalObservation {
  time: number;
  // true: the event (delivery) happened at `time`; false: censored at `time`.
  event: boolean;
  // How many parcels share this observation (default 1): rollup cells hand over counts, and one
  // weighted observation per bucket keeps the estimate's cost independent of the parcel count.
  count?: number;
}

export interface SurvivalPoint {
  time: number;
  survival: number;
}

export interface KaplanMeierEstimate {
  // One point per distinct event time, holding S(t) just after that time's step;
  // S = 1 before the first point and stays at the last point's value after it.
  curve: SurvivalPoint[];
  // Smallest event time t with S(t) ≤ 1 − q; null when the curve never gets that low.
  quantile(q: number): number | null;
}

// The product of ratios is rounded; without slack, a curve that reaches exactly 1 − q
// in exact arithmetic (e.g. 5 of 10 delivered, median) could miss its step.
const SURVIVAL_TOLERANCE = 1e-12;

export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierEstimate {
  observations.forEach((observation, i) => {
    if (!Number.isFinite(observation.time)) {
      throw new RangeError(`observations[${i}].time must be a finite number, got ${observation.time}`);
    }
    if (observation.count !== undefined && !(Number.isSafeInteger(observation.count) && observation.count >= 0)) {
      throw new RangeError(`observations[${i}].count must be a whole number ≥ 0, got ${observation.count}`);
    }
  });
  const weight = (observation: SurvivalObservation) => observation.count ?? 1;
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const curve: SurvivalPoint[] = [];
  let atRisk = sorted.reduce((total, observation) => total + weight(observation), 0);
  let survival = 1;
  for (let start = 0; start < sorted.length; ) {
    const time = sorted[start].time;
    let events = 0;
    let observed = 0;
    let end = start;
    for (; end < sorted.length && sorted[end].time === time; end++) {
      observed += weight(sorted[end]);
      if (sorted[end].event) events += weight(sorted[end]);
    }
    // Events come before censorings at the same time: everyone observed at `time`,
    // censored or not, is still at risk of the event at `time`.
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      curve.push({ time, survival });
    }
    atRisk -= observed;
    start = end;
  }
  // The caller gets its own copy, so mutating it cannot change later quantiles.
  return {
    curve: curve.map((point) => ({ ...point })),
    quantile(q: number): number | null {
      if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be within [0, 1], got ${q}`);
      const threshold = 1 - q + SURVIVAL_TOLERANCE;
      return curve.find((point) => point.survival <= threshold)?.time ?? null;
    },
  };
}
