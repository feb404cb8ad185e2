import fc from 'fast-check';
import {
  addToHistogram,
  bucketOf,
  bucketValue,
  CUSTOMS_HOURS_HISTOGRAM,
  deserializeHistogram,
  Histogram,
  HistogramSpec,
  histogramCount,
  histogramPercentile,
  HistogramSum,
  LATENCY_HOURS_HISTOGRAM,
  packHistogram,
  unpackHistogram,
  mergeHistograms,
  serializeHistogram,
  TRANSIT_DAYS_HISTOGRAM,
} from './histogram.util';

const EMPTY: Histogram = new Map();
const histogramOf = (spec: HistogramSpec, values: readonly number[]): Histogram =>
  values.reduce((h, value) => addToHistogram(h, spec, value), EMPTY);

// Exact percentile_cont of kpis.md §4, written out independently of percentile.util.
const exactPercentile = (values: readonly number[], p: number): number => {
  const x = [...values].sort((a, b) => a - b);
  const r = p * (x.length - 1);
  return x[Math.floor(r)] + (r - Math.floor(r)) * (x[Math.ceil(r)] - x[Math.floor(r)]);
};

// Lists of up to 500 values in [0, max] with the shapes real groups have: ties, tight
// clusters (a corridor's usual transit time), values on the bucket grid, spread values,
// and floats of every magnitude down to denormals.
const valueLists = (max: number, grid: number) =>
  fc.array(fc.double({ min: 0, max, noNaN: true }), { minLength: 1, maxLength: 4 }).chain((centres) => {
    const centre = fc.constantFrom(...centres);
    const clamp = (value: number) => Math.min(max, Math.max(0, value));
    const value = fc.oneof(
      fc.integer({ min: 0, max: max * 1000 }).map((k) => k / 1000),
      fc.double({ min: 0, max, noNaN: true }),
      fc.integer({ min: 0, max }),
      centre,
      fc.tuple(centre, fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(grid / 10, grid, 10 * grid, max / 100)).map(([c, offset, spread]) => clamp(c + offset * spread)),
      fc.integer({ min: 0, max: Math.round(max / grid) }).map((k) => clamp(k * grid)),
    );
    return fc.array(value, { minLength: 1, maxLength: 500, size: 'max' });
  });

const percentiles = fc.oneof(fc.constantFrom(0.5, 0.9, 0.95), fc.double({ min: 0, max: 1, noNaN: true }));

const withinTolerance = (spec: HistogramSpec, absoluteTolerance: number, max: number) =>
  fc.property(valueLists(max, spec.linearWidth), percentiles, (values, p) => {
    const exact = exactPercentile(values, p);
    const approx = histogramPercentile(histogramOf(spec, values), spec, p)!;
    return Math.abs(approx - exact) <= Math.max(0.01 * Math.abs(exact), absoluteTolerance);
  });

const TOLERANCE_CASES = [
  { name: 'transit days, 0..200 d, within max(1 %, 0.05 d)', spec: TRANSIT_DAYS_HISTOGRAM, absoluteTolerance: 0.05, max: 200 },
  { name: 'customs hours, 0..200 h, within max(1 %, 0.5 h)', spec: CUSTOMS_HOURS_HISTOGRAM, absoluteTolerance: 0.5, max: 200 },
  { name: 'customs hours, 0..4,800 h (200 d), within max(1 %, 0.5 h)', spec: CUSTOMS_HOURS_HISTOGRAM, absoluteTolerance: 0.5, max: 4800 },
];

const SPECS = [TRANSIT_DAYS_HISTOGRAM, CUSTOMS_HOURS_HISTOGRAM, LATENCY_HOURS_HISTOGRAM];
const anySpec = fc.constantFrom(...SPECS);
const signedValue = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -10_000, max: 10_000 }).map((k) => k / 20));
const signedValues = fc.array(signedValue, { maxLength: 200, size: 'max' });

describe('histogram buckets', () => {
  it('puts the linear range in buckets of linearWidth', () => {
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 0)).toBe(0);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 0.049)).toBe(0);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 0.05)).toBe(1);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 4.999)).toBe(99);
    expect(bucketValue(TRANSIT_DAYS_HISTOGRAM, 0)).toBeCloseTo(0.025, 12);
    expect(bucketValue(TRANSIT_DAYS_HISTOGRAM, 99)).toBeCloseTo(4.975, 12);
  });

  it('puts a value that x / linearWidth rounds below its edge in the bucket that holds it', () => {
    // In floating point 43 · 0.05 is 2.15 but 2.15 / 0.05 is 42.99999999999999.
    expect(43 * 0.05).toBe(2.15);
    expect(2.15 / 0.05).toBeLessThan(43);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 2.15)).toBe(43);
  });

  it('turns geometric at linearLimit, growing by growth per bucket', () => {
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 5)).toBe(100);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 5.0499)).toBe(100);
    expect(bucketOf(TRANSIT_DAYS_HISTOGRAM, 5.0501)).toBe(101);
    expect(bucketValue(TRANSIT_DAYS_HISTOGRAM, 100)).toBeCloseTo(5.025, 12);
    expect(bucketValue(TRANSIT_DAYS_HISTOGRAM, 101)).toBeCloseTo((5.05 + 5 * 1.01 ** 2) / 2, 12);
    expect(bucketOf(CUSTOMS_HOURS_HISTOGRAM, 50)).toBe(100);
  });

  it('mirrors negative values into indexes below 0', () => {
    expect(bucketOf(LATENCY_HOURS_HISTOGRAM, -0.01)).toBe(-1);
    expect(bucketOf(LATENCY_HOURS_HISTOGRAM, -0)).toBe(0);
    expect(bucketOf(LATENCY_HOURS_HISTOGRAM, -7)).toBe(-1 - bucketOf(LATENCY_HOURS_HISTOGRAM, 7));
    expect(bucketValue(LATENCY_HOURS_HISTOGRAM, -1)).toBeCloseTo(-0.025, 12);
    expect(bucketValue(LATENCY_HOURS_HISTOGRAM, -101)).toBe(-bucketValue(LATENCY_HOURS_HISTOGRAM, 100));
  });

  it('rejects values, indexes and specs it cannot bucket', () => {
    expect(() => bucketOf(TRANSIT_DAYS_HISTOGRAM, Number.NaN)).toThrow('value must be a finite number, got NaN');
    expect(() => bucketValue(TRANSIT_DAYS_HISTOGRAM, 1.5)).toThrow('bucket index must be an integer, got 1.5');
    expect(() => bucketOf({ linearWidth: 0.05, linearLimit: 5.01, growth: 1.01 }, 1)).toThrow('linearLimit (5.01) must be a whole multiple of linearWidth (0.05)');
    expect(() => bucketOf({ linearWidth: 0.05, linearLimit: 5, growth: 1 }, 1)).toThrow('growth must be a number above 1, got 1');
    expect(() => bucketOf({ linearWidth: 0, linearLimit: 5, growth: 1.01 }, 1)).toThrow(RangeError);
  });

  it('bucketOf is monotone in the value', () => {
    fc.assert(
      fc.property(anySpec, signedValue, signedValue, (spec, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(bucketOf(spec, low)).toBeLessThanOrEqual(bucketOf(spec, high));
      }),
      { numRuns: 2000 },
    );
  });

  it('represents every value within half a bucket: max(linearWidth / 2, |value| · (growth − 1) / 2)', () => {
    fc.assert(
      fc.property(anySpec, signedValue, (spec, value) => {
        const index = bucketOf(spec, value);
        const bound = Math.max(spec.linearWidth / 2, (Math.abs(value) * (spec.growth - 1)) / 2);
        expect(Math.abs(bucketValue(spec, index) - value)).toBeLessThanOrEqual(bound * (1 + 1e-9));
        expect(bucketOf(spec, bucketValue(spec, index))).toBe(index);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('histogram counts', () => {
  it('is empty with count 0 and null percentiles when nothing was added', () => {
    expect(histogramCount(EMPTY)).toBe(0);
    expect(histogramPercentile(EMPTY, TRANSIT_DAYS_HISTOGRAM, 0.5)).toBeNull();
  });

  it('gives the representative of the only value for n = 1', () => {
    const h = histogramOf(TRANSIT_DAYS_HISTOGRAM, [3.01]);
    expect(histogramCount(h)).toBe(1);
    expect(histogramPercentile(h, TRANSIT_DAYS_HISTOGRAM, 0.95)).toBeCloseTo(3.025, 12);
  });

  it('interpolates between two representatives for n = 2', () => {
    const h = histogramOf(TRANSIT_DAYS_HISTOGRAM, [1.01, 3.01]);
    expect(histogramPercentile(h, TRANSIT_DAYS_HISTOGRAM, 0.5)).toBeCloseTo((1.025 + 3.025) / 2, 12);
    expect(histogramPercentile(h, TRANSIT_DAYS_HISTOGRAM, 0)).toBeCloseTo(1.025, 12);
    expect(histogramPercentile(h, TRANSIT_DAYS_HISTOGRAM, 1)).toBeCloseTo(3.025, 12);
  });

  it('ranks values by bucket across negative and positive indexes', () => {
    const h = histogramOf(LATENCY_HOURS_HISTOGRAM, [2.01, -1.01, 0.01]);
    expect(histogramPercentile(h, LATENCY_HOURS_HISTOGRAM, 0)).toBeCloseTo(-1.025, 12);
    expect(histogramPercentile(h, LATENCY_HOURS_HISTOGRAM, 0.5)).toBeCloseTo(0.025, 12);
  });

  it('counts repeated values in one bucket and deletes a bucket that reaches 0', () => {
    const twice = histogramOf(CUSTOMS_HOURS_HISTOGRAM, [12, 12.1]);
    expect([...twice]).toEqual([[24, 2]]);
    const once = addToHistogram(twice, CUSTOMS_HOURS_HISTOGRAM, 12.2, -1);
    expect([...once]).toEqual([[24, 1]]);
    expect(addToHistogram(once, CUSTOMS_HOURS_HISTOGRAM, 12, -1).size).toBe(0);
  });

  it('does not change the histogram it was given', () => {
    const h = histogramOf(TRANSIT_DAYS_HISTOGRAM, [1]);
    addToHistogram(h, TRANSIT_DAYS_HISTOGRAM, 1);
    mergeHistograms(h, h);
    expect([...h]).toEqual([[20, 1]]);
  });

  it('refuses to remove a value whose bucket is empty', () => {
    expect(() => addToHistogram(EMPTY, TRANSIT_DAYS_HISTOGRAM, 1, -1)).toThrow('cannot remove 1 value(s) from bucket 20 of 1: it holds 0');
    expect(() => addToHistogram(EMPTY, TRANSIT_DAYS_HISTOGRAM, 1, 0.5)).toThrow('delta must be an integer, got 0.5');
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => histogramPercentile(histogramOf(TRANSIT_DAYS_HISTOGRAM, [1]), TRANSIT_DAYS_HISTOGRAM, 2)).toThrow('p must be within [0, 1], got 2');
  });

  it('merging equals adding every value to one histogram', () => {
    fc.assert(
      fc.property(anySpec, signedValues, signedValues, (spec, left, right) => {
        expect(serializeHistogram(mergeHistograms(histogramOf(spec, left), histogramOf(spec, right)))).toEqual(
          serializeHistogram(histogramOf(spec, [...left, ...right])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('merge is commutative and associative', () => {
    fc.assert(
      fc.property(anySpec, signedValues, signedValues, signedValues, (spec, a, b, c) => {
        const [ha, hb, hc] = [histogramOf(spec, a), histogramOf(spec, b), histogramOf(spec, c)];
        expect(serializeHistogram(mergeHistograms(ha, hb))).toEqual(serializeHistogram(mergeHistograms(hb, ha)));
        expect(serializeHistogram(mergeHistograms(mergeHistograms(ha, hb), hc))).toEqual(serializeHistogram(mergeHistograms(ha, mergeHistograms(hb, hc))));
      }),
      { numRuns: 300 },
    );
  });

  it('adding then removing a value restores the original', () => {
    fc.assert(
      fc.property(anySpec, signedValues, signedValue, (spec, values, value) => {
        const original = histogramOf(spec, values);
        const restored = addToHistogram(addToHistogram(original, spec, value), spec, value, -1);
        expect(serializeHistogram(restored)).toEqual(serializeHistogram(original));
        expect(histogramCount(restored)).toBe(values.length);
      }),
      { numRuns: 300 },
    );
  });

  it('serializes sorted by bucket and reads back the same histogram', () => {
    fc.assert(
      fc.property(anySpec, signedValues, (spec, values) => {
        const serialized = serializeHistogram(histogramOf(spec, values));
        expect(serialized.b).toEqual([...serialized.b].sort((a, b) => a - b));
        expect(serialized.c.every((count) => count > 0)).toBe(true);
        expect(serializeHistogram(deserializeHistogram(JSON.parse(JSON.stringify(serialized))))).toEqual(serialized);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a missing column as an empty histogram', () => {
    expect(deserializeHistogram(null).size).toBe(0);
    expect(deserializeHistogram(undefined).size).toBe(0);
  });

  it('rejects stored histograms it did not write, saying where', () => {
    expect(() => deserializeHistogram({ b: [1, 2], c: [1] })).toThrow('histogram must have arrays b and c of the same length');
    expect(() => deserializeHistogram({ b: [1, 2], c: [1, 0] })).toThrow('histogram.c[1] must be a positive integer, got 0');
    expect(() => deserializeHistogram({ b: [1.5], c: [1] })).toThrow('histogram.b[0] must be an integer, got 1.5');
    expect(() => deserializeHistogram({ b: [3, 3], c: [1, 1] })).toThrow('histogram.b[1] repeats bucket 3');
  });
});

describe('histogram percentiles against exact percentile_cont (kpis.md §4 tolerance)', () => {
  it.each(TOLERANCE_CASES)('$name', ({ spec, absoluteTolerance, max }) => {
    fc.assert(withinTolerance(spec, absoluteTolerance, max), { numRuns: 1500 });
  });

  it('stays within max(linearWidth / 2, 0.5 % of the neighbouring values) for signed latencies', () => {
    fc.assert(
      fc.property(fc.array(signedValue, { minLength: 1, maxLength: 300, size: 'max' }), percentiles, (values, p) => {
        const x = [...values].sort((a, b) => a - b);
        const r = p * (x.length - 1);
        const bound = Math.max(LATENCY_HOURS_HISTOGRAM.linearWidth / 2, 0.005 * Math.abs(x[Math.floor(r)]), 0.005 * Math.abs(x[Math.ceil(r)]));
        const approx = histogramPercentile(histogramOf(LATENCY_HOURS_HISTOGRAM, values), LATENCY_HOURS_HISTOGRAM, p)!;
        expect(Math.abs(approx - exactPercentile(values, p))).toBeLessThanOrEqual(bound * (1 + 1e-9));
      }),
      { numRuns: 1000 },
    );
  });

  it('the tolerance property catches a histogram that is too coarse', () => {
    // Guards the property above: 3 % buckets must break the 1 % bound.
    const coarse = { linearWidth: 0.05, linearLimit: 5, growth: 1.03 };
    expect(fc.check(withinTolerance(coarse, 0.05, 200), { numRuns: 1500 }).failed).toBe(true);
  });
});

describe('packed histograms', () => {
  const histograms = fc
    .array(fc.tuple(fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: 1, max: 2 ** 40 })), { maxLength: 400 })
    .map((entries) => new Map(entries));

  it('unpack gives back exactly what was packed, whatever the buckets and counts', () => {
    fc.assert(fc.property(histograms, (h) => expect(unpackHistogram(packHistogram(h))).toEqual(h)));
  });

  it('unpacking into a map adds the counts: merging two cells', () => {
    fc.assert(
      fc.property(histograms, histograms, (a, b) => {
        const merged = unpackHistogram(packHistogram(b), unpackHistogram(packHistogram(a)));
        expect(merged).toEqual(mergeHistograms(a, b));
      }),
    );
  });

  it('a dense sum of many packed cells holds exactly the merged buckets, in any order of cells', () => {
    fc.assert(
      fc.property(fc.array(histograms, { maxLength: 12 }), (cells) => {
        const sum = new HistogramSum();
        cells.forEach((cell) => sum.addPacked(packHistogram(cell)));
        const merged = cells.reduce<Histogram>((total, cell) => mergeHistograms(total, cell), EMPTY);
        expect(sum.toHistogram()).toEqual(merged);
        expect(sum.count).toBe(histogramCount(merged));
      }),
    );
  });

  it('a dense sum answers percentiles from its own buckets, and null when empty', () => {
    const sum = new HistogramSum();
    expect(sum.percentile(TRANSIT_DAYS_HISTOGRAM, 0.5)).toBeNull();
    // Buckets far apart and added out of order: 2 values in bucket 900, 1 in bucket -3.
    sum.addPacked(packHistogram(new Map([[900, 2]])));
    sum.addPacked(packHistogram(new Map([[-3, 1]])));
    expect(sum.percentile(TRANSIT_DAYS_HISTOGRAM, 0)).toBe(bucketValue(TRANSIT_DAYS_HISTOGRAM, -3));
    expect(sum.percentile(TRANSIT_DAYS_HISTOGRAM, 1)).toBe(bucketValue(TRANSIT_DAYS_HISTOGRAM, 900));
    expect(sum.percentile(TRANSIT_DAYS_HISTOGRAM, 0.5)).toBe(bucketValue(TRANSIT_DAYS_HISTOGRAM, 900));
    expect(() => sum.add(1.5, 1)).toThrow('bucket index must be an integer, got 1.5');
    expect(() => histogramPercentile(new Map([[0.5, 1]]), TRANSIT_DAYS_HISTOGRAM, 0.5)).toThrow('bucket index must be an integer, got 0.5');
  });

  it('an empty histogram packs to no bytes', () => {
    expect(packHistogram(new Map())).toHaveLength(0);
    expect(unpackHistogram(new Uint8Array())).toEqual(new Map());
  });

  it('a saturated transit histogram stays small: about two bytes per filled bucket', () => {
    const h = new Map(Array.from({ length: 350 }, (_, index) => [index, 100] as [number, number]));
    expect(packHistogram(h).length).toBe(350 * 2);
  });

  it('refuses a zero count and a truncated value', () => {
    expect(() => packHistogram(new Map([[3, 0]]))).toThrow('bucket 3 must hold a positive count, got 0');
    expect(() => unpackHistogram(Uint8Array.from([0x80]))).toThrow('packed histogram ends inside a number');
  });
});
