// percentile_cont as kpis.md §4 (and PostgreSQL) define it: rank r = p·(n − 1),
// interpolated linearly between the values at ranks ⌊r⌋ and ⌈r⌉.

export function percentileCont(sortedValues: readonly number[], p: number): number | null {
  sortedValues.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new RangeError(`sortedValues[${i}] must be a finite number, got ${value}`);
    if (i > 0 && value < sortedValues[i - 1]) {
      throw new RangeError(`sortedValues must be ascending: sortedValues[${i - 1}] = ${sortedValues[i - 1]} > sortedValues[${i}] = ${value}`);
    }
  });
  return interpolateAtRank(sortedValues.length, p, (rank) => sortedValues[rank]);
}

// Shared by the exact path and the histogram so both use the same rank arithmetic;
// `valueAtRank` gets 0-based ranks in [0, count).
export function interpolateAtRank(count: number, p: number, valueAtRank: (rank: number) => number): number | null {
  assertPercentile(p);
  if (count === 0) return null;
  const rank = p * (count - 1);
  const lowerRank = Math.floor(rank);
  const upperRank = Math.ceil(rank);
  const lower = valueAtRank(lowerRank);
  if (upperRank === lowerRank) return lower;
  return lower + (rank - lowerRank) * (valueAtRank(upperRank) - lower);
}

export function assertPercentile(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1], got ${p}`);
}
