import { DAY_MS } from './time-units';
import { bucketValue, Histogram, HistogramSpec, kaplanMeier, SurvivalObservation } from './statistics';

/** Parcels (or legs) that started within one rollup cell: the ended ones' transit histogram and how many are still open. */
export interface TransitCohort {
  startMs: number;
  sizeMs: number;
  ended: Histogram;
  open: number;
}

export interface CensoredTransit {
  cohort: number;
  delivered: number;
  censored: number;
  medianDays: number | null;
  p90Days: number | null;
}

/**
 * kpis.md §6 censored transit: Kaplan–Meier over everything that started in the window, parcels
 * not delivered by asOf counted as censored at asOf instead of dropped. Start instants are known
 * to their rollup cell, so a censoring time is measured from the middle of its cell (±12 h for
 * a day cell). An ended parcel counts as delivered when it could have ended before asOf (cell
 * start + transit < asOf): exact for a reading at now, where every recorded end is in the past;
 * only one ending after asOf, which needs a past asOf, is censored like an open one.
 */
export function censoredTransit(input: { cohorts: TransitCohort[]; asOfMs: number; spec: HistogramSpec }): CensoredTransit {
  const observations: SurvivalObservation[] = [];
  let delivered = 0;
  let cohortSize = 0;
  for (const cohort of input.cohorts) {
    const startMs = cohort.startMs + cohort.sizeMs / 2;
    const censorDays = Math.max(0, (input.asOfMs - startMs) / DAY_MS);
    const add = (time: number, event: boolean, count: number) => {
      if (count <= 0) return;
      observations.push({ time, event, count });
      cohortSize += count;
    };
    add(censorDays, false, cohort.open);
    for (const [bucket, count] of cohort.ended) {
      const days = Math.max(0, bucketValue(input.spec, bucket));
      if (cohort.startMs + days * DAY_MS < input.asOfMs) {
        add(days, true, count);
        delivered += count;
      } else add(censorDays, false, count);
    }
  }
  const estimate = kaplanMeier(observations);
  return {
    cohort: cohortSize,
    delivered,
    censored: cohortSize - delivered,
    medianDays: cohortSize > 0 ? estimate.quantile(0.5) : null,
    p90Days: cohortSize > 0 ? estimate.quantile(0.9) : null,
  };
}
