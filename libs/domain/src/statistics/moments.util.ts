// Running mean and sum of squared deviations (Welford), mergeable across rollup cells
// (Chan et al.) and removable, because a cell is updated in place when a fact changes:
// its old value is removed and its new value added.
//
// Removal is subtraction, so it inherits cancellation: m2 carries an absolute error of
// about operations × ε × value². Ordinary churn stays near 1e−14 relative, but a cell that
// shrinks from many wide values to a few tight ones can break kpis.md §4's 1e−6 (measured
// 5e−5 after removing 100,000 values of 0–200 d down to 20 within 0.1 d); rebuilding the
// cell from its facts is the cure.

export interface Moments {
  count: number;
  mean: number;
  m2: number;
}

export const EMPTY_MOMENTS: Moments = Object.freeze({ count: 0, mean: 0, m2: 0 });

export function addToMoments(m: Moments, x: number): Moments {
  assertFinite(x, 'x');
  const count = m.count + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / count;
  return { count, mean, m2: m.m2 + delta * (x - mean) };
}

// Exact algebraic inverse of addToMoments.
export function removeFromMoments(m: Moments, x: number): Moments {
  assertFinite(x, 'x');
  if (m.count < 1) throw new RangeError(`cannot remove ${x} from empty moments`);
  const count = m.count - 1;
  if (count === 0) return EMPTY_MOMENTS;
  const mean = m.mean - (x - m.mean) / count;
  // A single value has no spread by definition; anything else here is rounding.
  if (count === 1) return { count, mean, m2: 0 };
  const m2 = m.m2 - (x - mean) * (x - m.mean);
  return { count, mean, m2: m2 > 0 ? m2 : 0 };
}

export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  return {
    count,
    mean: a.mean + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
  };
}

/**
 * Exact algebraic inverse of mergeMoments: the moments of `total` without the values of `part`
 * (which must have been merged in). Subtraction, so the same cancellation as removeFromMoments.
 */
export function unmergeMoments(total: Moments, part: Moments): Moments {
  if (part.count === 0) return total;
  const count = total.count - part.count;
  if (count < 0) throw new RangeError(`cannot take ${part.count} values from moments of ${total.count}`);
  if (count === 0) return EMPTY_MOMENTS;
  const mean = (total.mean * total.count - part.mean * part.count) / count;
  if (count === 1) return { count, mean, m2: 0 };
  const delta = part.mean - mean;
  const m2 = total.m2 - part.m2 - (delta * delta * count * part.count) / total.count;
  return { count, mean, m2: m2 > 0 ? m2 : 0 };
}

export function momentStatistics(m: Moments): {
  count: number;
  mean: number | null;
  variance: number | null;
  stddev: number | null;
} {
  if (m.count < 2) return { count: m.count, mean: m.count === 0 ? null : m.mean, variance: null, stddev: null };
  const variance = m.m2 / (m.count - 1);
  return { count: m.count, mean: m.mean, variance, stddev: Math.sqrt(variance) };
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}
