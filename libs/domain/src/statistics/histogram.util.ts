import { assertPercentile, interpolateAtRank } from './percentile.util';

// A mergeable log-linear histogram for the percentiles of kpis.md §4: counts per bucket
// add up across rollup cells, so p50/p90/p95 of any group come from summing cells
// instead of re-reading every fact.
//
// Buckets are [k·linearWidth, (k+1)·linearWidth) below linearLimit, then
// [linearLimit·growth^j, linearLimit·growth^(j+1)). Negative values (feed latency under
// clock skew) use the mirrored buckets, index −1 − k. A bucket is represented by its
// midpoint, so every value is off by at most max(linearWidth/2, |value|·(growth − 1)/2).
//
// For non-negative data, percentile_cont is exact = (1 − f)·x⌊r⌋ + f·x⌈r⌉ with both terms
// ≥ 0, and the histogram interpolates the same way between representatives, so its error
// is below (1 − f)·(linearWidth/2 + x⌊r⌋·(growth − 1)/2) + f·(linearWidth/2 + x⌈r⌉·(growth − 1)/2)
//   = linearWidth/2 + exact·(growth − 1)/2 ≤ max(linearWidth, (growth − 1)·exact).
// With linearWidth = the absolute tolerance and growth = 1.01 that is within
// max(0.05 d, 1 %) for transit and max(0.5 h, 1 %) for customs.
// linearLimit = linearWidth / (growth − 1) makes the first geometric bucket as wide as
// the linear ones, so resolution never jumps at the seam.

export interface HistogramSpec {
  linearWidth: number;
  linearLimit: number;
  growth: number;
}

export const TRANSIT_DAYS_HISTOGRAM: HistogramSpec = Object.freeze({ linearWidth: 0.05, linearLimit: 5, growth: 1.01 });

export const CUSTOMS_HOURS_HISTOGRAM: HistogramSpec = Object.freeze({ linearWidth: 0.5, linearLimit: 50, growth: 1.01 });

// Feed latency is mostly minutes to a few hours, and occasionally days or negative
// (carrier clocks ahead of ours): 3-minute buckets to 5 h, then 1 %. A value is off by at
// most max(1.5 min, 0.5 %); a percentile of non-negative latencies by max(3 min, 1 %).
export const LATENCY_HOURS_HISTOGRAM: HistogramSpec = Object.freeze({ linearWidth: 0.05, linearLimit: 5, growth: 1.01 });

// bucket index -> count; only counts > 0 are stored.
export type Histogram = ReadonlyMap<number, number>;

export interface SerializedHistogram {
  b: number[];
  c: number[];
}

interface Geometry {
  width: number;
  limit: number;
  growth: number;
  linearBuckets: number;
}

function geometryOf(spec: HistogramSpec): Geometry {
  const { linearWidth, linearLimit, growth } = spec;
  if (!(Number.isFinite(linearWidth) && linearWidth > 0)) throw new RangeError(`linearWidth must be a positive number, got ${linearWidth}`);
  if (!(Number.isFinite(linearLimit) && linearLimit > 0)) throw new RangeError(`linearLimit must be a positive number, got ${linearLimit}`);
  if (!(Number.isFinite(growth) && growth > 1)) throw new RangeError(`growth must be a number above 1, got ${growth}`);
  const linearBuckets = Math.round(linearLimit / linearWidth);
  if (linearBuckets < 1 || Math.abs(linearBuckets * linearWidth - linearLimit) > 1e-9 * linearLimit) {
    throw new RangeError(`linearLimit (${linearLimit}) must be a whole multiple of linearWidth (${linearWidth})`);
  }
  return { width: linearWidth, limit: linearLimit, growth, linearBuckets };
}

// Every bucket edge comes from this one function, and bucketOf/bucketValue both use it,
// so a value always lies inside the bucket whose midpoint represents it.
function lowerEdge(g: Geometry, index: number): number {
  return index < g.linearBuckets ? index * g.width : g.limit * Math.pow(g.growth, index - g.linearBuckets);
}

function nonNegativeBucketOf(g: Geometry, x: number): number {
  // −0 would otherwise come back as index −0.
  if (x === 0) return 0;
  if (x < g.limit) {
    let k = Math.min(g.linearBuckets - 1, Math.floor(x / g.width));
    // x / width can round across an edge; settle on the bucket whose edges hold x.
    while (k > 0 && lowerEdge(g, k) > x) k--;
    while (k + 1 < g.linearBuckets && lowerEdge(g, k + 1) <= x) k++;
    return k;
  }
  let j = g.linearBuckets + Math.max(0, Math.floor(Math.log(x / g.limit) / Math.log(g.growth)));
  while (j > g.linearBuckets && lowerEdge(g, j) > x) j--;
  while (lowerEdge(g, j + 1) <= x) j++;
  return j;
}

export function bucketOf(spec: HistogramSpec, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`value must be a finite number, got ${value}`);
  const g = geometryOf(spec);
  return value < 0 ? -1 - nonNegativeBucketOf(g, -value) : nonNegativeBucketOf(g, value);
}

export function bucketValue(spec: HistogramSpec, index: number): number {
  if (!Number.isSafeInteger(index)) throw new RangeError(`bucket index must be an integer, got ${index}`);
  const g = geometryOf(spec);
  if (index < 0) return -bucketValue(spec, -1 - index);
  return (lowerEdge(g, index) + lowerEdge(g, index + 1)) / 2;
}

/** The smallest value of the bucket holding `value` (≥ 0): where that bucket starts. */
export function bucketLowerEdge(spec: HistogramSpec, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`value must be a finite number ≥ 0, got ${value}`);
  const g = geometryOf(spec);
  return lowerEdge(g, nonNegativeBucketOf(g, value));
}

export function addToHistogram(h: Histogram, spec: HistogramSpec, value: number, delta = 1): Histogram {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`delta must be an integer, got ${delta}`);
  const index = bucketOf(spec, value);
  const current = h.get(index) ?? 0;
  const next = current + delta;
  if (next < 0) throw new RangeError(`cannot remove ${-delta} value(s) from bucket ${index} of ${value}: it holds ${current}`);
  const result = new Map(h);
  if (next === 0) result.delete(index);
  else result.set(index, next);
  return result;
}

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  const result = new Map(a);
  for (const [index, count] of b) result.set(index, (result.get(index) ?? 0) + count);
  return result;
}

export function histogramCount(h: Histogram): number {
  let total = 0;
  for (const count of h.values()) total += count;
  return total;
}

// `spec` must be the one the histogram was built with; the representatives come from it.
export function histogramPercentile(h: Histogram, spec: HistogramSpec, p: number): number | null {
  const sum = new HistogramSum();
  for (const [index, count] of h) sum.add(index, count);
  return sum.percentile(spec, p);
}

export function serializeHistogram(h: Histogram): SerializedHistogram {
  const buckets = sortedEntries(h);
  return { b: buckets.map(([index]) => index), c: buckets.map(([, count]) => count) };
}

// Reads what serializeHistogram wrote to jsonb; a missing column is an empty histogram.
export function deserializeHistogram(s: SerializedHistogram | null | undefined): Histogram {
  const result = new Map<number, number>();
  if (s === null || s === undefined) return result;
  if (!Array.isArray(s.b) || !Array.isArray(s.c) || s.b.length !== s.c.length) {
    throw new RangeError('histogram must have arrays b and c of the same length');
  }
  s.b.forEach((index, i) => {
    const count = s.c[i];
    if (!Number.isSafeInteger(index)) throw new RangeError(`histogram.b[${i}] must be an integer, got ${index}`);
    if (!(Number.isSafeInteger(count) && count > 0)) throw new RangeError(`histogram.c[${i}] must be a positive integer, got ${count}`);
    if (result.has(index)) throw new RangeError(`histogram.b[${i}] repeats bucket ${index}`);
    result.set(index, count);
  });
  return result;
}

function sortedEntries(h: Histogram): [number, number][] {
  return [...h.entries()].sort(([a], [b]) => a - b);
}

// The stored form of a rollup cell's histogram: one compact value per cell, read and merged
// by the API, so a read costs one row per cell however many buckets a cell has filled.
// Buckets ascending; each as a zigzag varint of the index step from the previous bucket (the
// first from 0) and a varint of its count.
function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

const zigzag = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

export function packHistogram(h: Histogram): Uint8Array {
  const out: number[] = [];
  let previous = 0;
  for (const [index, count] of sortedEntries(h)) {
    if (!(Number.isSafeInteger(count) && count > 0)) throw new RangeError(`bucket ${index} must hold a positive count, got ${count}`);
    writeVarint(out, zigzag(index - previous));
    writeVarint(out, count);
    previous = index;
  }
  return Uint8Array.from(out);
}

/** Calls `visit` with each bucket of a packed histogram, ascending. */
export function forEachPackedBucket(bytes: Uint8Array, visit: (index: number, count: number) => void): void {
  // A read decodes tens of thousands of varints: one plain loop reads both numbers of a bucket
  // (the zigzag step from the previous bucket, then its count), with no closure per number.
  let offset = 0;
  let index = 0;
  let step = 0;
  let stepRead = false;
  while (offset < bytes.length) {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (offset >= bytes.length) throw new RangeError('packed histogram ends inside a number');
      const byte = bytes[offset++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 53) throw new RangeError('packed histogram holds a number beyond 2^53');
    }
    if (stepRead) {
      index += unzigzag(step);
      visit(index, value);
    } else step = value;
    stepRead = !stepRead;
  }
  if (stepRead) throw new RangeError('packed histogram ends inside a number');
}

/** Adds the packed histogram's counts into `into` (a fresh map by default) and returns it. */
export function unpackHistogram(bytes: Uint8Array, into: Map<number, number> = new Map()): Map<number, number> {
  forEachPackedBucket(bytes, (index, count) => into.set(index, (into.get(index) ?? 0) + count));
  return into;
}

/**
 * The sum of many packed histograms, as dense counts over the bucket span seen so far: a KPI read
 * merges a few hundred cells of up to a few hundred buckets each, and an array indexed by bucket
 * adds them several times faster than a Map.
 */
export class HistogramSum {
  private counts = new Float64Array(0);
  // The bucket index of counts[0].
  private low = 0;
  private total = 0;

  get count(): number {
    return this.total;
  }

  /** Adds a packed histogram's counts, or takes them away (sign −1: an unfolded removal delta). */
  addPacked(bytes: Uint8Array, sign: 1 | -1 = 1): void {
    forEachPackedBucket(bytes, (index, count) => this.add(index, sign * count));
  }

  add(index: number, count: number): void {
    if (!Number.isSafeInteger(index)) throw new RangeError(`bucket index must be an integer, got ${index}`);
    if (index < this.low || index >= this.low + this.counts.length) this.grow(index);
    this.counts[index - this.low] += count;
    this.total += count;
  }

  /** The non-empty buckets, as a Histogram. */
  toHistogram(): Map<number, number> {
    const out = new Map<number, number>();
    this.counts.forEach((count, offset) => {
      if (count > 0) out.set(this.low + offset, count);
    });
    return out;
  }

  percentile(spec: HistogramSpec, p: number): number | null {
    assertPercentile(p);
    const valueAtRank = (rank: number): number => {
      let below = 0;
      for (let offset = 0; offset < this.counts.length; offset += 1) {
        below += this.counts[offset];
        if (rank < below) return bucketValue(spec, this.low + offset);
      }
      throw new RangeError(`rank ${rank} is beyond the histogram's ${below} values`);
    };
    return interpolateAtRank(this.total, p, valueAtRank);
  }

  // Doubles the span until it holds `index`, so a read grows it a handful of times at most.
  private grow(index: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.low = index;
      return;
    }
    let low = Math.min(this.low, index);
    let high = Math.max(this.low + this.counts.length, index + 1);
    const span = Math.max(high - low, 2 * this.counts.length);
    if (index < this.low) low = high - span;
    else high = low + span;
    const counts = new Float64Array(high - low);
    counts.set(this.counts, this.low - low);
    this.counts = counts;
    this.low = low;
  }
}
