import { addToHistogram, bucketLowerEdge, bucketOf, CUSTOMS_HOURS_HISTOGRAM, Histogram, TRANSIT_DAYS_HISTOGRAM } from './histogram.util';
import { CUSTOMS_HOLD_DISPLAY_EDGES_HOURS, DisplayBin, foldIntoDisplayBins, TRANSIT_DISPLAY_EDGES_DAYS } from './display-bins.util';

const histogramOf = (values: number[], spec = CUSTOMS_HOURS_HISTOGRAM): Histogram =>
  values.reduce<Histogram>((h, value) => addToHistogram(h, spec, value), new Map());

// What a reader of the bins expects: each value counted in the bin whose [from, to) holds it.
const countByEdges = (bins: DisplayBin[], values: number[]) =>
  bins.map((bin) => values.filter((v) => (bin.from === null || v >= bin.from) && (bin.to === null || v < bin.to)).length);

describe('bucketLowerEdge', () => {
  it('is the edge itself in the linear range', () => {
    expect(bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 6)).toBe(6);
    expect(bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 6.2)).toBe(6);
    expect(bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 0)).toBe(0);
  });

  it('is the smallest value of the geometric bucket holding the number', () => {
    const edge = bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 72);
    expect(edge).toBeLessThanOrEqual(72);
    expect(edge).toBeGreaterThan(72 / 1.01);
    expect(bucketOf(CUSTOMS_HOURS_HISTOGRAM, edge)).toBe(bucketOf(CUSTOMS_HOURS_HISTOGRAM, 72));
    expect(bucketOf(CUSTOMS_HOURS_HISTOGRAM, edge - 1e-12)).toBe(bucketOf(CUSTOMS_HOURS_HISTOGRAM, 72) - 1);
  });
});

describe('foldIntoDisplayBins', () => {
  it('gives every bin of the scale, the last open above, for an empty histogram', () => {
    const bins = foldIntoDisplayBins({ histogram: new Map(), spec: CUSTOMS_HOURS_HISTOGRAM, edges: CUSTOMS_HOLD_DISPLAY_EDGES_HOURS });
    expect(bins).toHaveLength(CUSTOMS_HOLD_DISPLAY_EDGES_HOURS.length);
    expect(bins.every((bin) => bin.count === 0)).toBe(true);
    expect(bins[0]).toEqual({ from: 0, to: 2, count: 0 });
    expect(bins.at(-1)?.to).toBeNull();
  });

  it('counts values on the linear edges in the bin they open', () => {
    const values = [0, 1.9, 2, 5.99, 6, 11.75, 12, 24, 47.9, 48];
    const bins = foldIntoDisplayBins({ histogram: histogramOf(values), spec: CUSTOMS_HOURS_HISTOGRAM, edges: CUSTOMS_HOLD_DISPLAY_EDGES_HOURS });
    expect(bins.slice(0, 9).map((bin) => [bin.from, bin.to, bin.count])).toEqual([
      [0, 2, 2],
      [2, 4, 1],
      [4, 6, 1],
      [6, 12, 2],
      [12, 18, 1],
      [18, 24, 0],
      [24, 36, 1],
      [36, 48, 1],
      [48, bins[8].to, 1],
    ]);
  });

  it('agrees with the reported edges for values next to a geometric edge', () => {
    const edge = bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 72);
    const values = [edge - 1e-9, edge, 71.9, 72, 72.5, 95, 500, 2000];
    const bins = foldIntoDisplayBins({ histogram: histogramOf(values), spec: CUSTOMS_HOURS_HISTOGRAM, edges: CUSTOMS_HOLD_DISPLAY_EDGES_HOURS });
    expect(bins.map((bin) => bin.count)).toEqual(countByEdges(bins, values));
    expect(bins.find((bin) => bin.from === edge)?.count).toBe(5);
    expect(bins.at(-1)).toEqual({ from: bucketLowerEdge(CUSTOMS_HOURS_HISTOGRAM, 336), to: null, count: 2 });
  });

  it('matches a plain count for many transit values, every bin touching the next', () => {
    const values = Array.from({ length: 2000 }, (_, i) => (i * 7.919) % 75);
    const bins = foldIntoDisplayBins({ histogram: histogramOf(values, TRANSIT_DAYS_HISTOGRAM), spec: TRANSIT_DAYS_HISTOGRAM, edges: TRANSIT_DISPLAY_EDGES_DAYS });
    expect(bins.map((bin) => bin.count)).toEqual(countByEdges(bins, values));
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
    bins.slice(1).forEach((bin, index) => expect(bin.from).toBe(bins[index].to));
  });

  it('adds a leading open bin only when values fall below the first edge', () => {
    const bins = foldIntoDisplayBins({ histogram: histogramOf([-3, 1]), spec: CUSTOMS_HOURS_HISTOGRAM, edges: [0, 2] });
    expect(bins).toEqual([
      { from: null, to: 0, count: 1 },
      { from: 0, to: 2, count: 1 },
      { from: 2, to: null, count: 0 },
    ]);
  });

  it('rejects edges that do not grow by at least one histogram bucket', () => {
    expect(() => foldIntoDisplayBins({ histogram: new Map(), spec: CUSTOMS_HOURS_HISTOGRAM, edges: [0, 2, 2.1] })).toThrow(
      'edges[2] (2.1) must lie in a later histogram bucket than edges[1] (2)',
    );
    expect(() => foldIntoDisplayBins({ histogram: new Map(), spec: CUSTOMS_HOURS_HISTOGRAM, edges: [] })).toThrow(RangeError);
  });
});
