// Rates and their Wilson score intervals (kpis.md §4 and §6). Wilson rather than the
// normal approximation because SLA groups are often small or near 0 % / 100 %, where the
// normal interval collapses to zero width or leaves [0, 1].

// z for a two-sided 95 % interval: Φ⁻¹(0.975).
const Z_95 = 1.959963984540054;

export function rate(successes: number, trials: number): number | null {
  assertCounts(successes, trials);
  return trials === 0 ? null : successes / trials;
}

export function wilsonInterval(successes: number, trials: number, z = Z_95): { lower: number; upper: number } | null {
  assertCounts(successes, trials);
  if (!(Number.isFinite(z) && z >= 0)) throw new RangeError(`z must be a non-negative finite number, got ${z}`);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 and n successes the bound is exactly 0 or 1; the formula only reaches it up to rounding.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}

function assertCounts(successes: number, trials: number): void {
  if (!(Number.isSafeInteger(trials) && trials >= 0)) throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  if (!(Number.isSafeInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be an integer within [0, trials = ${trials}], got ${successes}`);
  }
}
