import { packHistogram, rollupRanges } from '@lanewatch/domain';
import { FramedCell, forEachFramedCell, rollupStatement } from './kpi-query.repository';

// What the read's string_agg builds: int4send(count) || int4send(successes) || float8send(mean)
// || float8send(m2) || int4send(length(histogram)) || histogram, cell after cell.
const frame = (cells: FramedCell[]) =>
  Buffer.concat(
    cells.flatMap((cell) => {
      const head = Buffer.alloc(28);
      head.writeInt32BE(cell.count, 0);
      head.writeInt32BE(cell.successes, 4);
      head.writeDoubleBE(cell.mean, 8);
      head.writeDoubleBE(cell.m2, 16);
      head.writeUInt32BE(cell.histogram.length, 24);
      return [head, Buffer.from(cell.histogram)];
    }),
  );
const read = (framed: Uint8Array) => {
  const out: FramedCell[] = [];
  forEachFramedCell(framed, (cell) => out.push({ ...cell, histogram: Buffer.from(cell.histogram) }));
  return out;
};

describe('forEachFramedCell', () => {
  it('gives back every cell of a read row, with or without a histogram', () => {
    const cells: FramedCell[] = [
      { count: 3, successes: 0, mean: 9.41, m2: 8.24, histogram: Buffer.from(packHistogram(new Map([[3, 2], [180, 1]]))) },
      { count: 801, successes: 702, mean: 0, m2: 0, histogram: Buffer.alloc(0) },
      { count: 2, successes: 0, mean: -0.75, m2: 1e-12, histogram: Buffer.from(packHistogram(new Map(Array.from({ length: 300 }, (_, i) => [i - 20, i + 1] as [number, number])))) },
    ];
    expect(read(frame(cells))).toEqual(cells);
    expect(read(new Uint8Array())).toEqual([]);
  });

  it('refuses bytes cut inside a cell or its histogram', () => {
    const framed = frame([{ count: 2, successes: 1, mean: 1, m2: 0.5, histogram: Buffer.from(packHistogram(new Map([[1, 1], [9, 1]]))) }]);
    expect(() => read(framed.subarray(0, 20))).toThrow('framed cells end inside a cell');
    expect(() => read(framed.subarray(0, framed.length - 1))).toThrow('framed cells end inside a histogram');
  });
});

describe('rollupStatement', () => {
  const ranges = rollupRanges(Date.parse('2026-08-01T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'), 'week');

  it('sums per group key, period and family, whatever the number of cells', () => {
    const { sql } = rollupStatement({ level: 'l', families: ['transit'], ranges, groupBy: ['carrier_id'], period: 'week', histograms: true });
    expect(sql).toMatch(/GROUP BY carrier_id, period, family$/);
  });

  it('refuses cells coarser than the period they would be counted in', () => {
    const months = rollupRanges(Date.parse('2026-08-01T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'));
    expect(() => rollupStatement({ level: 's', families: ['transit'], ranges: months, groupBy: [], period: 'week', histograms: false })).toThrow('a per-week read cannot use tier 2 cells');
    expect(() => rollupStatement({ level: 's', families: ['transit'], ranges, groupBy: [], period: 'day', histograms: false })).toThrow('a per-day read cannot use tier 3 cells');
  });
});
