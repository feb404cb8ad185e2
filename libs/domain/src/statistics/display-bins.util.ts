import { bucketLowerEdge, bucketOf, Histogram, HistogramSpec } from './histogram.util';

/** A bar of a distribution chart: the values v with from ≤ v < to (null: unbounded on that side). */
export interface DisplayBin {
  from: number | null;
  to: number | null;
  count: number;
}

// Round numbers a reader scans easily; the bins' real edges are the histogram edges that hold them.
export const CUSTOMS_HOLD_DISPLAY_EDGES_HOURS: readonly number[] = Object.freeze([0, 2, 4, 6, 12, 18, 24, 36, 48, 72, 96, 120, 168, 240, 336]);
export const TRANSIT_DISPLAY_EDGES_DAYS: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 21, 28, 35, 45, 60]);

/**
 * Folds histogram buckets (index → count) into display bins. Each nominal edge moves down to the
 * lower edge of the histogram bucket holding it (at most one bucket width: 1 % or the linear width),
 * so every bucket falls wholly inside one bin and the counts are exact for the edges reported.
 * Values below the first edge, if any, get a leading open bin; the last bin is open above.
 */
export function foldIntoDisplayBins({ histogram, spec, edges }: { histogram: Histogram; spec: HistogramSpec; edges: readonly number[] }): DisplayBin[] {
  if (edges.length === 0) throw new RangeError('at least one display edge is needed');
  edges.forEach((edge, index) => {
    if (!Number.isFinite(edge)) throw new RangeError(`edges[${index}] must be a finite number, got ${edge}`);
    if (index > 0 && bucketOf(spec, edge) <= bucketOf(spec, edges[index - 1])) {
      throw new RangeError(`edges[${index}] (${edge}) must lie in a later histogram bucket than edges[${index - 1}] (${edges[index - 1]})`);
    }
  });
  const firstBuckets = edges.map((edge) => bucketOf(spec, edge));
  const bounds = edges.map((edge) => bucketLowerEdge(spec, edge));
  const bins: DisplayBin[] = [{ from: null, to: bounds[0], count: 0 }];
  bounds.forEach((from, index) => bins.push({ from, to: index + 1 < bounds.length ? bounds[index + 1] : null, count: 0 }));
  for (const [bucket, count] of histogram) {
    // The last edge whose bucket is at or below this one; -1: below every edge.
    let bin = -1;
    while (bin + 1 < firstBuckets.length && firstBuckets[bin + 1] <= bucket) bin++;
    bins[bin + 1].count += count;
  }
  return bins[0].count > 0 ? bins : bins.slice(1);
}
