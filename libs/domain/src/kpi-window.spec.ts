import { effectiveWindow, timeseriesBuckets } from './kpi-window';

const ms = (iso: string) => Date.parse(iso);

describe('effectiveWindow', () => {
  it('reads up to asOf when it falls inside the window, else up to to', () => {
    const fromMs = ms('2026-11-01T00:00:00Z');
    const toMs = ms('2026-12-01T00:00:00Z');
    expect(effectiveWindow({ fromMs, toMs })).toEqual({ fromMs, toMs });
    expect(effectiveWindow({ fromMs, toMs, asOfMs: ms('2026-11-20T00:15:00Z') })).toEqual({ fromMs, toMs: ms('2026-11-20T00:15:00Z') });
    expect(effectiveWindow({ fromMs, toMs, asOfMs: ms('2027-01-01T00:00:00Z') })).toEqual({ fromMs, toMs });
  });
});

describe('timeseriesBuckets', () => {
  it('cuts UTC days, the first and last clipped to the window', () => {
    const buckets = timeseriesBuckets(ms('2026-11-01T06:00:00Z'), ms('2026-11-03T12:00:00Z'), 'day');
    expect(buckets.map((b) => [new Date(b.key).toISOString(), new Date(b.startMs).toISOString(), new Date(b.endMs).toISOString()])).toEqual([
      ['2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ['2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'],
      ['2026-11-03T00:00:00.000Z', '2026-11-03T00:00:00.000Z', '2026-11-03T12:00:00.000Z'],
    ]);
  });

  it('keys ISO weeks by their Monday', () => {
    // 2026-11-04 is a Wednesday; its week starts on Monday 2026-11-02.
    const buckets = timeseriesBuckets(ms('2026-11-04T00:00:00Z'), ms('2026-11-16T00:00:00Z'), 'week');
    expect(buckets.map((b) => new Date(b.key).toISOString())).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    expect(new Date(buckets[0].startMs).toISOString()).toBe('2026-11-04T00:00:00.000Z');
    expect(new Date(buckets[1].endMs).toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});
