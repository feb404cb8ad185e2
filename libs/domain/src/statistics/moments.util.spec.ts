import fc from 'fast-check';
import { addToMoments, EMPTY_MOMENTS, mergeMoments, Moments, momentStatistics, removeFromMoments } from './moments.util';

const momentsOf = (values: readonly number[]): Moments => values.reduce(addToMoments, EMPTY_MOMENTS);

// Two-pass reference straight from kpis.md §4.
const twoPass = (values: readonly number[]) => {
  const n = values.length;
  const mean = values.reduce((sum, x) => sum + x, 0) / n;
  const squares = values.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  return { mean, m2: squares, variance: n < 2 ? null : squares / (n - 1) };
};

// Transit days and customs hours as they occur: 0..5000, at millisecond precision.
const domainValue = fc.integer({ min: 0, max: 5_000_000 }).map((thousandths) => thousandths / 1000);
const domainValues = fc.array(domainValue, { maxLength: 300, size: 'max' });

// Close in relative terms, or in absolute terms against the data's own scale (for 0 ± rounding).
const expectClose = (actual: number, expected: number, scale: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-12 * scale);

const expectMomentsClose = (actual: Moments, expected: Moments, values: readonly number[]) => {
  const scale = Math.max(1, ...values.map(Math.abs));
  expect(actual.count).toBe(expected.count);
  expectClose(actual.mean, expected.mean, scale);
  expectClose(actual.m2, expected.m2, scale * scale * Math.max(1, values.length));
};

describe('moments', () => {
  it('reports nothing but the count for n = 0', () => {
    expect(momentStatistics(EMPTY_MOMENTS)).toEqual({ count: 0, mean: null, variance: null, stddev: null });
  });

  it('reports the mean but no variance for n = 1', () => {
    expect(momentStatistics(momentsOf([4.5]))).toEqual({ count: 1, mean: 4.5, variance: null, stddev: null });
  });

  it('uses the sample variance (n − 1) for n = 2', () => {
    expect(momentStatistics(momentsOf([1, 3]))).toEqual({ count: 2, mean: 2, variance: 2, stddev: Math.SQRT2 });
  });

  it('gives variance 0 for identical values', () => {
    expect(momentStatistics(momentsOf([9.41, 9.41, 9.41]))).toEqual({ count: 3, mean: 9.41, variance: 0, stddev: 0 });
  });

  it('matches the textbook example 2, 4, 4, 4, 5, 5, 7, 9', () => {
    const stats = momentStatistics(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(stats.mean).toBe(5);
    expect(stats.variance).toBeCloseTo(32 / 7, 12);
  });

  it('returns to EMPTY_MOMENTS when the last value is removed', () => {
    expect(removeFromMoments(momentsOf([12.5]), 12.5)).toBe(EMPTY_MOMENTS);
    expect(momentStatistics(removeFromMoments(momentsOf([12.5]), 12.5)).mean).toBeNull();
  });

  it('leaves the other value with m2 exactly 0 when one of two is removed', () => {
    expect(removeFromMoments(momentsOf([3, 8]), 8)).toEqual({ count: 1, mean: 3, m2: 0 });
    // Here the inverse formula alone would leave m2 ≈ 1.7e−18 for a single value.
    expect(removeFromMoments(momentsOf([0.1, 0.2]), 0.2)).toEqual({ count: 1, mean: expect.closeTo(0.1, 15), m2: 0 });
  });

  it('clamps an m2 that rounding drives below 0 to 0', () => {
    // Without the clamp this removal leaves m2 ≈ −8.7e−19 for the two equal values 0.1, 0.1.
    const m = removeFromMoments(momentsOf([0.1, 0.1, 0.2]), 0.2);
    expect(m.count).toBe(2);
    expect(m.m2).toBe(0);
    expect(momentStatistics(m)).toMatchObject({ variance: 0, stddev: 0 });
  });

  it('refuses to remove from empty moments', () => {
    expect(() => removeFromMoments(EMPTY_MOMENTS, 1)).toThrow('cannot remove 1 from empty moments');
  });

  it('rejects values that are not finite', () => {
    expect(() => addToMoments(EMPTY_MOMENTS, Number.NaN)).toThrow('x must be a finite number, got NaN');
    expect(() => removeFromMoments(momentsOf([1]), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('merging with EMPTY_MOMENTS on either side changes nothing', () => {
    const m = momentsOf([1, 2, 4]);
    expect(mergeMoments(m, EMPTY_MOMENTS)).toEqual(m);
    expect(mergeMoments(EMPTY_MOMENTS, m)).toEqual(m);
  });

  it('merges two single values like adding both', () => {
    expect(mergeMoments(momentsOf([1]), momentsOf([3]))).toEqual(momentsOf([1, 3]));
  });

  it('agrees with the two-pass definition of kpis.md §4 (relative error ≤ 1e−9)', () => {
    fc.assert(
      fc.property(domainValues, (values) => {
        fc.pre(values.length > 0);
        const stats = momentStatistics(momentsOf(values));
        const reference = twoPass(values);
        expectMomentsClose(momentsOf(values), { count: values.length, mean: reference.mean, m2: reference.m2 }, values);
        expect(stats.count).toBe(values.length);
        if (reference.variance === null) expect(stats.variance).toBeNull();
        else expectClose(stats.variance!, reference.variance, Math.max(1, ...values) ** 2);
      }),
      { numRuns: 500 },
    );
  });

  it('merging the parts of a split equals adding every value to one accumulator', () => {
    fc.assert(
      fc.property(domainValues, domainValues, (left, right) => {
        expectMomentsClose(mergeMoments(momentsOf(left), momentsOf(right)), momentsOf([...left, ...right]), [...left, ...right]);
      }),
      { numRuns: 500 },
    );
  });

  it('merge is commutative and associative', () => {
    fc.assert(
      fc.property(domainValues, domainValues, domainValues, (a, b, c) => {
        const [ma, mb, mc] = [momentsOf(a), momentsOf(b), momentsOf(c)];
        const all = [...a, ...b, ...c];
        expectMomentsClose(mergeMoments(ma, mb), mergeMoments(mb, ma), all);
        expectMomentsClose(mergeMoments(mergeMoments(ma, mb), mc), mergeMoments(ma, mergeMoments(mb, mc)), all);
      }),
      { numRuns: 500 },
    );
  });

  it('removing an added value restores the original moments', () => {
    fc.assert(
      fc.property(domainValues, domainValue, (values, x) => {
        const before = momentsOf(values);
        const after = removeFromMoments(addToMoments(before, x), x);
        expectMomentsClose(after, before.count === 0 ? EMPTY_MOMENTS : before, [...values, x]);
        if (before.count === 0) expect(after).toBe(EMPTY_MOMENTS);
      }),
      { numRuns: 500 },
    );
  });

  it('after any sequence of updates equals the moments of the values that remain', () => {
    // A rollup cell: each step adds a fact's value or replaces an earlier one (remove old, add new).
    const step = fc.oneof(
      domainValue.map((value) => ({ kind: 'add' as const, value })),
      fc.tuple(fc.nat(), domainValue).map(([slot, value]) => ({ kind: 'replace' as const, slot, value })),
      fc.nat().map((slot) => ({ kind: 'remove' as const, slot })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400, size: 'max' }), (steps) => {
        let cell = EMPTY_MOMENTS;
        const values: number[] = [];
        const seen: number[] = [];
        for (const s of steps) {
          if (s.kind === 'add') {
            cell = addToMoments(cell, s.value);
            values.push(s.value);
            seen.push(s.value);
          } else if (values.length > 0) {
            const slot = s.slot % values.length;
            cell = removeFromMoments(cell, values[slot]);
            if (s.kind === 'replace') {
              cell = addToMoments(cell, s.value);
              values[slot] = s.value;
              seen.push(s.value);
            } else {
              values.splice(slot, 1);
            }
          }
        }
        expectMomentsClose(cell, values.length === 0 ? EMPTY_MOMENTS : momentsOf(values), seen);
      }),
      { numRuns: 300 },
    );
  });
});
