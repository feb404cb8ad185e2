import { DAY_MS } from './time-units';
import { censoredTransit } from './censored-transit';
import { bucketOf, TRANSIT_DAYS_HISTOGRAM } from './statistics';

const histogramOf = (values: number[]) => {
  const out = new Map<number, number>();
  for (const value of values) {
    const bucket = bucketOf(TRANSIT_DAYS_HISTOGRAM, value);
    out.set(bucket, (out.get(bucket) ?? 0) + 1);
  }
  return out;
};

describe('censoredTransit', () => {
  const start = Date.UTC(2026, 10, 1);

  it('equals the plain median when everything started has been delivered', () => {
    const result = censoredTransit({
      cohorts: [{ startMs: start, sizeMs: DAY_MS, ended: histogramOf([4, 6, 8, 10, 12]), open: 0 }],
      asOfMs: start + 60 * DAY_MS,
      spec: TRANSIT_DAYS_HISTOGRAM,
    });
    expect(result).toMatchObject({ cohort: 5, delivered: 5, censored: 0 });
    expect(result.medianDays).toBeCloseTo(8, 1);
  });

  it('does not let slow parcels still on the road flatter the median', () => {
    // 4 delivered fast, 6 still open after 20 days: the plain median of the delivered says 3 days.
    const result = censoredTransit({
      cohorts: [{ startMs: start, sizeMs: DAY_MS, ended: histogramOf([2, 3, 3, 4]), open: 6 }],
      asOfMs: start + 20.5 * DAY_MS,
      spec: TRANSIT_DAYS_HISTOGRAM,
    });
    expect(result).toMatchObject({ cohort: 10, delivered: 4, censored: 6 });
    // S(t) never falls to 0.5: the honest median is unknown yet, not 3 days.
    expect(result.medianDays).toBeNull();
  });

  it('censors at asOf a parcel whose delivery came after asOf', () => {
    const result = censoredTransit({
      cohorts: [{ startMs: start, sizeMs: DAY_MS, ended: histogramOf([2, 30]), open: 0 }],
      asOfMs: start + 10.5 * DAY_MS,
      spec: TRANSIT_DAYS_HISTOGRAM,
    });
    expect(result).toMatchObject({ cohort: 2, delivered: 1, censored: 1 });
  });

  it('counts a parcel delivered shortly before asOf as delivered though its cell middle says otherwise', () => {
    // 6 delivered after 2.7 days, 4 still open; asOf 3 days after the start day began.
    const result = censoredTransit({
      cohorts: [{ startMs: start, sizeMs: DAY_MS, ended: histogramOf([2.7, 2.7, 2.7, 2.7, 2.7, 2.7]), open: 4 }],
      asOfMs: start + 3 * DAY_MS,
      spec: TRANSIT_DAYS_HISTOGRAM,
    });
    expect(result).toMatchObject({ cohort: 10, delivered: 6, censored: 4 });
    expect(result.medianDays).toBeCloseTo(2.7, 1);
  });

  it('answers null on an empty cohort', () => {
    expect(censoredTransit({ cohorts: [], asOfMs: start, spec: TRANSIT_DAYS_HISTOGRAM })).toEqual({
      cohort: 0,
      delivered: 0,
      censored: 0,
      medianDays: null,
      p90Days: null,
    });
  });
});
