import fc from 'fast-check';
import { kaplanMeier, SurvivalObservation } from './kaplan-meier.util';

const delivered = (time: number): SurvivalObservation => ({ time, event: true });
const censored = (time: number): SurvivalObservation => ({ time, event: false });

// S(t) read off the step curve: 1 before the first step.
const survivalAt = (curve: { time: number; survival: number }[], t: number): number =>
  curve.filter((point) => point.time <= t).at(-1)?.survival ?? 1;

const observation = fc.record({ time: fc.integer({ min: 0, max: 60 }).map((t) => t / 2), event: fc.boolean() });

describe('kaplanMeier', () => {
  it('has an empty curve and no quantiles for no observations', () => {
    const estimate = kaplanMeier([]);
    expect(estimate.curve).toEqual([]);
    expect(estimate.quantile(0.5)).toBeNull();
  });

  it('drops to 0 at the only event for n = 1', () => {
    const estimate = kaplanMeier([delivered(4)]);
    expect(estimate.curve).toEqual([{ time: 4, survival: 0 }]);
    expect(estimate.quantile(0.5)).toBe(4);
  });

  it('stays at 1 with no quantile when the only parcel is censored', () => {
    const estimate = kaplanMeier([censored(4)]);
    expect(estimate.curve).toEqual([]);
    expect(estimate.quantile(0.1)).toBeNull();
  });

  it('is the empirical step function without censoring', () => {
    const estimate = kaplanMeier([delivered(5), delivered(2), delivered(9), delivered(2), delivered(7)]);
    expect(estimate.curve).toEqual([
      { time: 2, survival: 0.6 },
      { time: 5, survival: expect.closeTo(0.4, 12) },
      { time: 7, survival: expect.closeTo(0.2, 12) },
      { time: 9, survival: 0 },
    ]);
  });

  it('finds the median exactly at a step that reaches 0.5 (5 of 10 delivered)', () => {
    // In floating point the product (9/10)(8/9)(7/8)(6/7)(5/6) need not be exactly 0.5.
    const estimate = kaplanMeier([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(delivered));
    expect(estimate.quantile(0.5)).toBe(5);
    expect(estimate.quantile(0.9)).toBe(9);
    expect(estimate.quantile(0.1)).toBe(1);
    expect(estimate.quantile(1)).toBe(10);
  });

  it('censoring raises the later survival steps', () => {
    const allDelivered = kaplanMeier([delivered(1), delivered(2), delivered(3), delivered(4)]);
    const oneStillOnTheRoad = kaplanMeier([delivered(1), censored(2), delivered(3), delivered(4)]);
    expect(survivalAt(allDelivered.curve, 3)).toBeCloseTo(0.25, 12);
    // At 3 only two parcels are at risk: S(3) = 0.75 · (1 − 1/2).
    expect(oneStillOnTheRoad.curve).toEqual([
      { time: 1, survival: 0.75 },
      { time: 3, survival: 0.375 },
      { time: 4, survival: 0 },
    ]);
  });

  it('keeps a parcel censored at t at risk for the events at t', () => {
    const estimate = kaplanMeier([delivered(1), delivered(2), censored(2), delivered(3)]);
    // At 2: four at risk minus one delivered at 1 = 3 (including the censored one), one event.
    expect(estimate.curve[1]).toEqual({ time: 2, survival: expect.closeTo(0.75 * (2 / 3), 12) });
  });

  it('has no median when censoring keeps the curve above 0.5', () => {
    const estimate = kaplanMeier([delivered(3), delivered(4), censored(5), censored(5), censored(5), censored(6)]);
    expect(survivalAt(estimate.curve, 100)).toBeCloseTo(4 / 6, 12);
    expect(estimate.quantile(0.5)).toBeNull();
    expect(estimate.quantile(0.3)).toBe(4);
  });

  it('rejects q outside [0, 1] and times that are not finite', () => {
    expect(() => kaplanMeier([delivered(1)]).quantile(1.5)).toThrow('q must be within [0, 1], got 1.5');
    expect(() => kaplanMeier([delivered(1), censored(Number.NaN)])).toThrow('observations[1].time must be a finite number, got NaN');
  });

  it('does not let a caller who edits the curve change its quantiles', () => {
    const estimate = kaplanMeier([delivered(1), delivered(2), delivered(3), delivered(4)]);
    estimate.curve[0].survival = 0;
    expect(estimate.quantile(0.5)).toBe(2);
    estimate.curve.splice(0);
    expect(estimate.quantile(0.5)).toBe(2);
  });

  it('without censoring, S(t) is the share of values above t and quantile(q) the ⌈q·n⌉-th smallest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 200, size: 'max' }), fc.integer({ min: 1, max: 100 }), (times, percent) => {
        const estimate = kaplanMeier(times.map(delivered));
        const sorted = [...times].sort((a, b) => a - b);
        for (const point of estimate.curve) {
          expect(point.survival).toBeCloseTo(sorted.filter((t) => t > point.time).length / sorted.length, 12);
        }
        expect(estimate.curve.map((point) => point.time)).toEqual([...new Set(sorted)]);
        const q = percent / 100;
        expect(estimate.quantile(q)).toBe(sorted[Math.ceil(Math.round(q * sorted.length * 1e9) / 1e9) - 1]);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the observations', () => {
    fc.assert(
      fc.property(
        fc.array(observation, { maxLength: 100, size: 'max' }).chain((observations) => fc.tuple(fc.constant(observations), fc.shuffledSubarray(observations, { minLength: observations.length }))),
        ([observations, shuffled]) => {
          expect(kaplanMeier(shuffled).curve).toEqual(kaplanMeier(observations).curve);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never rises, and turning a censoring into an event never raises the curve', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 100, size: 'max' }), fc.nat(), (observations, pick) => {
        const estimate = kaplanMeier(observations);
        estimate.curve.forEach((point, i) => {
          expect(point.survival).toBeGreaterThanOrEqual(0);
          expect(point.survival).toBeLessThan(i === 0 ? 1 : estimate.curve[i - 1].survival);
        });
        const censoredAt = observations.map((o, i) => (o.event ? -1 : i)).filter((i) => i >= 0);
        fc.pre(censoredAt.length > 0);
        const changed = censoredAt[pick % censoredAt.length];
        const asEvent = kaplanMeier(observations.map((o, i) => (i === changed ? { ...o, event: true } : o)));
        for (const t of new Set(observations.map((o) => o.time))) {
          expect(survivalAt(asEvent.curve, t)).toBeLessThanOrEqual(survivalAt(estimate.curve, t) + 1e-12);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an observation with a count is that many parcels: the same curve as repeating it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(observation, fc.integer({ min: 0, max: 5 })), { maxLength: 40 }), (weighted) => {
        const repeated = weighted.flatMap(([o, count]) => Array.from({ length: count }, () => o));
        const estimate = kaplanMeier(weighted.map(([o, count]) => ({ ...o, count })));
        const expected = kaplanMeier(repeated);
        expect(estimate.curve.map((point) => point.time)).toEqual(expected.curve.map((point) => point.time));
        estimate.curve.forEach((point, i) => expect(point.survival).toBeCloseTo(expected.curve[i].survival, 12));
        for (const q of [0.5, 0.9]) expect(estimate.quantile(q)).toBe(expected.quantile(q));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => kaplanMeier([{ time: 1, event: true, count: 1.5 }])).toThrow('observations[0].count must be a whole number ≥ 0, got 1.5');
  });
});
