import { DAY_MS } from '@lanewatch/domain';
import { describe, expect, it } from '@jest/globals';
import type { Timeseries, TimeseriesPoint, TransitStats } from '../api/api-types';
import { describeSparkline, type SparkPoint, sparklineBucket, transitSparklines } from './sparkline.util';

const NOV_2 = Date.parse('2026-11-02T00:00:00Z');

function pointFactory(startMs: number, value: TransitStats | null): TimeseriesPoint<'transit'> {
  return {
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + 7 * DAY_MS).toISOString(),
    startMs,
    endMs: startMs + 7 * DAY_MS,
    value,
  };
}

function timeseriesFactory(series: Timeseries<'transit'>['series']): Timeseries<'transit'> {
  return { metric: 'transit', bucket: 'week', from: '2026-11-02T00:00:00Z', to: '2026-11-30T00:00:00Z', series };
}

const stats = (p50Days: number, count: number): TransitStats => ({
  count,
  meanDays: p50Days,
  stddevDays: null,
  varianceDays: null,
  p50Days,
  p90Days: null,
  p95Days: null,
});

const series = (carrier: string | null, points: TimeseriesPoint<'transit'>[]) => ({ carrier, corridor: null, serviceLevel: null, points });

describe('sparklineBucket', () => {
  it('uses days below three weeks and weeks from three weeks on', () => {
    expect(sparklineBucket({ fromMs: 0, toMs: 20 * DAY_MS })).toBe('day');
    expect(sparklineBucket({ fromMs: 0, toMs: 21 * DAY_MS })).toBe('week');
  });
});

describe('transitSparklines', () => {
  it('gives each carrier its points in time order with the p50 and sample', () => {
    const timeseries = timeseriesFactory([
      series('correios', [pointFactory(NOV_2 + 7 * DAY_MS, stats(8, 10)), pointFactory(NOV_2, stats(9, 12))]),
      series('dhl', [pointFactory(NOV_2, stats(2.5, 3))]),
    ]);
    const lines = transitSparklines(timeseries);
    expect(lines.get('correios')).toEqual([
      { startMs: NOV_2, value: 9, sample: 12 },
      { startMs: NOV_2 + 7 * DAY_MS, value: 8, sample: 10 },
    ]);
    expect(lines.get('dhl')).toEqual([{ startMs: NOV_2, value: 2.5, sample: 3 }]);
  });

  it('keeps a bucket without legs as null, never 0', () => {
    const timeseries = timeseriesFactory([series('correios', [pointFactory(NOV_2, null)])]);
    expect(transitSparklines(timeseries).get('correios')).toEqual([{ startMs: NOV_2, value: null, sample: null }]);
  });

  it('skips a series without a carrier', () => {
    expect(transitSparklines(timeseriesFactory([series(null, [pointFactory(NOV_2, stats(1, 1))])])).size).toBe(0);
  });
});

describe('describeSparkline', () => {
  const locale = 'en-US';
  const weekly = (values: (number | null)[]): SparkPoint[] =>
    values.map((value, index) => ({ startMs: NOV_2 + index * 7 * DAY_MS, value, sample: value === null ? null : 10 }));

  it('says first, last, the change and the slowest week', () => {
    expect(describeSparkline({ points: weekly([9, 11, 8.5]), bucket: 'week', locale })).toBe(
      'Median transit per week, 3 weeks: 9.0 d to 8.5 d, down 12.0 h; slowest 11.0 d (week of Nov 9)',
    );
  });

  it('counts the buckets without data', () => {
    expect(describeSparkline({ points: weekly([8, null, 9]), bucket: 'week', locale })).toBe(
      'Median transit per week, 3 weeks: 8.0 d to 9.0 d, up 1.0 d; slowest 9.0 d (week of Nov 16); 1 week without data',
    );
  });

  it('says flat and names a day for daily points', () => {
    expect(describeSparkline({ points: weekly([5, 5]), bucket: 'day', locale })).toBe(
      'Median transit per day, 2 days: 5.0 d to 5.0 d, flat; slowest 5.0 d (Nov 2)',
    );
  });

  it('says so for a single point', () => {
    expect(describeSparkline({ points: weekly([null, 4]), bucket: 'week', locale })).toContain('4.0 d to 4.0 d, one point only');
  });

  it('says so when there is no point at all', () => {
    expect(describeSparkline({ points: weekly([null, null]), bucket: 'week', locale })).toBe(
      'Median transit per week: no legs delivered or handed over in this range',
    );
  });
});
