import fc from 'fast-check';
import { rate, wilsonInterval } from './wilson.util';

const counts = fc.integer({ min: 0, max: 100_000 }).chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

describe('rate', () => {
  it('is null when there are no trials', () => {
    expect(rate(0, 0)).toBeNull();
  });

  it('is successes / trials', () => {
    expect(rate(702, 801)).toBe(702 / 801);
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 5)).toBe(1);
  });

  it('rejects more successes than trials, negative and fractional counts', () => {
    expect(() => rate(3, 2)).toThrow('successes must be an integer within [0, trials = 2], got 3');
    expect(() => rate(-1, 2)).toThrow(RangeError);
    expect(() => rate(1, 2.5)).toThrow('trials must be a non-negative integer, got 2.5');
  });
});

describe('wilsonInterval', () => {
  it('is null when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('matches the published 95 % interval for 5 of 10 (R binom.wilson: 0.2365931, 0.7634069)', () => {
    const interval = wilsonInterval(5, 10)!;
    expect(interval.lower).toBeCloseTo(0.2365931, 7);
    expect(interval.upper).toBeCloseTo(0.7634069, 7);
  });

  it('starts at exactly 0 for no successes, with upper z²/(n + z²)', () => {
    const z = 1.959963984540054;
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo((z * z) / (10 + z * z), 12) });
  });

  it('ends at exactly 1 when every trial succeeded', () => {
    // The formula alone gives 0.9999999999999999 here.
    expect(wilsonInterval(10, 10)).toEqual({ lower: expect.closeTo(0.7224672, 7), upper: 1 });
    expect(wilsonInterval(1, 1)!.upper).toBe(1);
  });

  it('gives the interval for the first-attempt example of kpis.md §5 (702 of 801)', () => {
    const interval = wilsonInterval(702, 801)!;
    expect(interval.lower).toBeCloseTo(0.8517994, 7);
    expect(interval.upper).toBeCloseTo(0.8974165, 7);
  });

  it('widens with a larger z', () => {
    const narrow = wilsonInterval(30, 100, 1)!;
    const wide = wilsonInterval(30, 100, 2.576)!;
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('collapses to the rate at z = 0', () => {
    expect(wilsonInterval(3, 12, 0)).toEqual({ lower: 0.25, upper: 0.25 });
  });

  it('rejects invalid counts and z', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, -1)).toThrow('z must be a non-negative finite number, got -1');
  });

  it('lies within [0, 1] and contains the rate', () => {
    fc.assert(
      fc.property(counts, ([successes, trials]) => {
        const interval = wilsonInterval(successes, trials);
        if (trials === 0) return expect(interval).toBeNull();
        const p = successes / trials;
        expect(interval!.lower).toBeGreaterThanOrEqual(0);
        expect(interval!.upper).toBeLessThanOrEqual(1);
        expect(interval!.lower).toBeLessThanOrEqual(p);
        expect(interval!.upper).toBeGreaterThanOrEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  it('mirrors when successes and failures swap', () => {
    fc.assert(
      fc.property(counts, ([successes, trials]) => {
        fc.pre(trials > 0);
        const interval = wilsonInterval(successes, trials)!;
        const mirrored = wilsonInterval(trials - successes, trials)!;
        expect(mirrored.lower).toBeCloseTo(1 - interval.upper, 12);
        expect(mirrored.upper).toBeCloseTo(1 - interval.lower, 12);
      }),
      { numRuns: 1000 },
    );
  });
});
