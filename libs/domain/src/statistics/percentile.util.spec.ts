import fc from 'fast-check';
import { percentileCont } from './percentile.util';

describe('percentileCont', () => {
  it('is null for no values', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it('returns the only value for n = 1 at every p', () => {
    expect(percentileCont([7.25], 0)).toBe(7.25);
    expect(percentileCont([7.25], 0.5)).toBe(7.25);
    expect(percentileCont([7.25], 1)).toBe(7.25);
  });

  it('interpolates between the two values for n = 2', () => {
    expect(percentileCont([2, 4], 0)).toBe(2);
    expect(percentileCont([2, 4], 0.5)).toBe(3);
    expect(percentileCont([2, 4], 0.9)).toBeCloseTo(3.8, 12);
    expect(percentileCont([2, 4], 1)).toBe(4);
  });

  it('takes the middle value as the median of an odd count', () => {
    expect(percentileCont([1, 2, 10], 0.5)).toBe(2);
  });

  it('averages the two middle values as the median of an even count', () => {
    expect(percentileCont([1, 2, 10, 11], 0.5)).toBe(6);
  });

  it('matches PostgreSQL percentile_cont for p90 of 1..10 (rank 8.1)', () => {
    // SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 10) x → 9.1
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
  });

  it('returns the tied value when both neighbouring ranks are ties', () => {
    expect(percentileCont([1, 3, 3, 3, 9], 0.6)).toBe(3);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => percentileCont([1, 2], 1.01)).toThrow('p must be within [0, 1], got 1.01');
    expect(() => percentileCont([1, 2], -0.1)).toThrow(RangeError);
    expect(() => percentileCont([], Number.NaN)).toThrow(RangeError);
  });

  it('rejects values that are not ascending, naming the position', () => {
    expect(() => percentileCont([1, 3, 2], 0.5)).toThrow('sortedValues[1] = 3 > sortedValues[2] = 2');
  });

  it('rejects values that are not finite', () => {
    expect(() => percentileCont([1, Number.NaN], 0.5)).toThrow('sortedValues[1] must be a finite number, got NaN');
    expect(() => percentileCont([Number.POSITIVE_INFINITY], 0.5)).toThrow(RangeError);
  });

  it('stays within the values at ranks ⌊r⌋ and ⌈r⌉ and is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200, size: 'max' }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const r = p * (sorted.length - 1);
          const value = percentileCont(sorted, p)!;
          expect(value).toBeGreaterThanOrEqual(sorted[Math.floor(r)]);
          expect(value).toBeLessThanOrEqual(sorted[Math.ceil(r)]);
          const [low, high] = p <= q ? [p, q] : [q, p];
          expect(percentileCont(sorted, low)!).toBeLessThanOrEqual(percentileCont(sorted, high)!);
        },
      ),
      { numRuns: 500 },
    );
  });
});
