import { packHistogram, rollupRanges } from '@lanewatch/domain';
import { rollupStatement, unframeHistograms } from './kpi-query.repository';

// What `int4send(length(histogram)) || histogram` builds, summed over cells by string_agg.
const frame = (parts: Uint8Array[]) =>
  Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(part.length);
      return [length, Buffer.from(part)];
    }),
  );

describe('unframeHistograms', () => {
  it('gives back each cell histogram of a summed read, empty ones included', () => {
    const parts = [packHistogram(new Map([[3, 2]])), new Uint8Array(), packHistogram(new Map(Array.from({ length: 300 }, (_, i) => [i - 20, i + 1] as [number, number])))];
    expect(unframeHistograms(frame(parts)).map((part) => Buffer.from(part))).toEqual(parts.map((part) => Buffer.from(part)));
    expect(unframeHistograms(new Uint8Array())).toEqual([]);
  });

  it('refuses bytes cut inside a length or a histogram', () => {
    const framed = frame([packHistogram(new Map([[1, 1], [9, 4]]))]);
    expect(() => unframeHistograms(framed.subarray(0, 2))).toThrow('framed histograms end inside a length');
    expect(() => unframeHistograms(framed.subarray(0, framed.length - 1))).toThrow('framed histograms end inside a histogram');
  });
});

describe('rollupStatement', () => {
  const ranges = rollupRanges(Date.parse('2026-08-01T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'), 'week');

  it('sums per group key, period and family, whatever the number of cells', () => {
    const { sql } = rollupStatement({ level: 'l', families: ['transit'], ranges, groupBy: ['carrier_id'], period: 'week', histograms: true });
    expect(sql).toMatch(/GROUP BY carrier_id, period, family$/);
    expect(sql).toContain('PARTITION BY carrier_id, period, family');
  });

  it('refuses cells coarser than the period they would be counted in', () => {
    const months = rollupRanges(Date.parse('2026-08-01T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'));
    expect(() => rollupStatement({ level: 's', families: ['transit'], ranges: months, groupBy: [], period: 'week', histograms: false })).toThrow('a per-week read cannot use tier 2 cells');
    expect(() => rollupStatement({ level: 's', families: ['transit'], ranges, groupBy: [], period: 'day', histograms: false })).toThrow('a per-day read cannot use tier 3 cells');
  });
});
