import fc from 'fast-check';
import { KEEPS_ALL, KEEPS_CORRIDOR, KEEPS_SERVICE_LEVEL, keepsFor, keptCopies, rollupRanges, ROLLUP_TIERS, tierBucketEnd, tierBucketStart } from './kpi-contributions';

const ms = (iso: string) => Date.parse(iso);
const show = (ranges: ReturnType<typeof rollupRanges>) =>
  ranges.map((range) => `${range.tier}:${new Date(range.fromMs).toISOString().slice(0, 16)}..${new Date(range.toMs).toISOString().slice(0, 16)}`);

describe('rollupRanges', () => {
  it('reads whole months, then days, then quarter hours at the edges', () => {
    expect(show(rollupRanges(ms('2026-08-30T22:15:00Z'), ms('2026-11-02T01:30:00Z')))).toEqual([
      '1:2026-08-30T22:15..2026-08-31T00:00',
      '0:2026-08-31T00:00..2026-09-01T00:00',
      '2:2026-09-01T00:00..2026-11-01T00:00',
      '0:2026-11-01T00:00..2026-11-02T00:00',
      '1:2026-11-02T00:00..2026-11-02T01:30',
    ]);
  });

  it('reads whole ISO weeks between the months and the days', () => {
    // 2026-11-01 is a Sunday: one day, two Monday-to-Monday weeks, then four days.
    expect(show(rollupRanges(ms('2026-08-01T00:00:00Z'), ms('2026-11-20T00:00:00Z')))).toEqual([
      '2:2026-08-01T00:00..2026-11-01T00:00',
      '0:2026-11-01T00:00..2026-11-02T00:00',
      '3:2026-11-02T00:00..2026-11-16T00:00',
      '0:2026-11-16T00:00..2026-11-20T00:00',
    ]);
  });

  it('week cells start on a Monday at 00:00 UTC and last seven days', () => {
    const start = tierBucketStart(3, ms('2026-12-02T13:45:00Z'));
    expect(new Date(start).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(start).getUTCDay()).toBe(1);
    expect(tierBucketEnd(3, start) - start).toBe(7 * 86_400_000);
    expect(tierBucketStart(3, ms('1970-01-01T00:00:00Z'))).toBe(ms('1969-12-29T00:00:00Z'));
  });

  it('covers any window exactly with aligned cells no coarser than asked, whatever the granularity', () => {
    const quarter = 15 * 60_000;
    const allowed = { month: [0, 1, 2, 3], week: [0, 1, 3], day: [0, 1] } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 365 * 96 }),
        fc.integer({ min: 0, max: 400 * 96 }),
        fc.constantFrom('month' as const, 'week' as const, 'day' as const),
        (startQuarter, lengthQuarters, coarsest) => {
          const fromMs = ms('2025-01-01T00:00:00Z') + startQuarter * quarter;
          const toMs = fromMs + lengthQuarters * quarter;
          const ranges = rollupRanges(fromMs, toMs, coarsest);
          if (lengthQuarters === 0) return ranges.length === 0;
          let at = fromMs;
          for (const range of ranges) {
            if (range.fromMs !== at || range.toMs <= range.fromMs) return false;
            if (!(allowed[coarsest] as readonly number[]).includes(range.tier) || !ROLLUP_TIERS.includes(range.tier)) return false;
            if (tierBucketStart(range.tier, range.fromMs) !== range.fromMs || tierBucketStart(range.tier, range.toMs) !== range.toMs) return false;
            at = range.toMs;
          }
          return at === toMs;
        },
      ),
    );
  });

  it('uses whole weeks but no month cells when asked for weeks (per-week series)', () => {
    expect(show(rollupRanges(ms('2026-08-01T00:00:00Z'), ms('2026-08-20T06:00:00Z'), 'week'))).toEqual([
      '0:2026-08-01T00:00..2026-08-03T00:00',
      '3:2026-08-03T00:00..2026-08-17T00:00',
      '0:2026-08-17T00:00..2026-08-20T00:00',
      '1:2026-08-20T00:00..2026-08-20T06:00',
    ]);
  });

  it('covers the window exactly, without gaps or overlaps', () => {
    for (const [from, to] of [
      ['2026-01-01T00:00:00Z', '2026-12-31T23:45:00Z'],
      ['2026-02-28T23:45:00Z', '2026-03-01T00:15:00Z'],
      ['2026-05-05T05:00:00Z', '2026-05-05T06:00:00Z'],
    ]) {
      const ranges = rollupRanges(ms(from), ms(to));
      expect(ranges[0].fromMs).toBe(ms(from));
      expect(ranges[ranges.length - 1].toMs).toBe(ms(to));
      ranges.slice(1).forEach((range, index) => expect(range.fromMs).toBe(ranges[index].toMs));
      for (const range of ranges) {
        expect(tierBucketStart(range.tier, range.fromMs)).toBe(range.fromMs);
      }
    }
  });

  it('uses no month cells when asked for days (per-day series)', () => {
    expect(rollupRanges(ms('2026-01-01T00:00:00Z'), ms('2026-04-01T00:00:00Z'), 'day').map((range) => range.tier)).toEqual([0]);
  });

  it('refuses bounds off the quarter hour', () => {
    expect(() => rollupRanges(ms('2026-01-01T00:07:00Z'), ms('2026-01-02T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('rollup copies (keeps)', () => {
  it('a read takes the day, week or month copy keeping exactly the dimensions it groups or filters by', () => {
    for (const tier of [0, 2, 3] as const) {
      expect(keepsFor('l', tier, { corridor: false, serviceLevel: false })).toBe(0);
      expect(keepsFor('s', tier, { corridor: true, serviceLevel: false })).toBe(KEEPS_CORRIDOR);
      expect(keepsFor('h', tier, { corridor: false, serviceLevel: true })).toBe(KEEPS_SERVICE_LEVEL);
      expect(keepsFor('l', tier, { corridor: true, serviceLevel: true })).toBe(KEEPS_ALL);
    }
  });

  it('quarter hours are kept and read whole only', () => {
    for (const level of ['s', 'l', 'h', 'e'] as const) {
      expect(keptCopies(level, 1)).toEqual([KEEPS_ALL]);
      expect(keepsFor(level, 1, { corridor: false, serviceLevel: false })).toBe(KEEPS_ALL);
    }
  });

  it('every copy a read can ask for is written, and feed cells (no lane) only as they are', () => {
    for (const tier of [0, 1, 2, 3] as const) {
      for (const level of ['s', 'l', 'h'] as const) {
        for (const corridor of [false, true]) {
          for (const serviceLevel of [false, true]) expect(keptCopies(level, tier)).toContain(keepsFor(level, tier, { corridor, serviceLevel }));
        }
      }
      expect(keptCopies('e', tier)).toEqual([KEEPS_ALL]);
      expect(keepsFor('e', tier, { corridor: false, serviceLevel: false })).toBe(KEEPS_ALL);
    }
  });
});
