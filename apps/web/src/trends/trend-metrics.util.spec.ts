import { DAY_MS } from '@lanewatch/domain';
import { describe, expect, it } from '@jest/globals';
import type { Timeseries, TimeseriesPoint } from '../api/api-types';
import { hasTrendData, seriesForCarrier, toTrendRows, TREND_METRICS, trendRowsCsv } from './trend-metrics.util';

const START = Date.parse('2026-11-01T00:00:00Z');

function transitPoint(day: number, value: TimeseriesPoint<'transit'>['value']): TimeseriesPoint<'transit'> {
  const startMs = START + day * DAY_MS;
  return { start: new Date(startMs).toISOString(), end: new Date(startMs + DAY_MS).toISOString(), startMs, endMs: startMs + DAY_MS, value };
}

function transit(p50Days: number | null, p95Days: number | null, count = 5) {
  return { count, meanDays: null, stddevDays: null, varianceDays: null, p50Days, p90Days: null, p95Days };
}

describe('toTrendRows', () => {
  const definition = TREND_METRICS.transit;

  it('gives one row per bucket with p50 and p95', () => {
    const rows = toTrendRows({ points: [transitPoint(0, transit(8.5, 12))], definition, locale: 'en-US' });
    expect(rows).toEqual([
      { startMs: START, endMs: START + DAY_MS, label: 'Nov 1', sample: 5, values: { p50: 8.5, p95: 12 } },
    ]);
  });

  it('keeps a bucket without data as nulls so the line breaks instead of dropping to 0', () => {
    const rows = toTrendRows({ points: [transitPoint(0, transit(8, 12)), transitPoint(1, null), transitPoint(2, transit(9, 13))], definition });
    expect(rows.map((row) => row.values.p50)).toEqual([8, null, 9]);
    expect(rows[1].sample).toBeNull();
  });

  it('keeps a missing percentile as null while the other line has a value', () => {
    const rows = toTrendRows({ points: [transitPoint(0, transit(8, null, 1))], definition });
    expect(rows[0].values).toEqual({ p50: 8, p95: null });
  });

  it('reads rates for the rate metrics', () => {
    const point: TimeseriesPoint<'onTime'> = { ...transitPoint(0, null), value: { delivered: 4, onTime: 3, rate: 0.75, ci95: null } };
    expect(toTrendRows({ points: [point], definition: TREND_METRICS.onTime })[0]).toMatchObject({ sample: 4, values: { rate: 0.75 } });
  });
});

describe('hasTrendData', () => {
  it('is false when every bucket is empty', () => {
    const rows = toTrendRows({ points: [transitPoint(0, null), transitPoint(1, transit(null, null, 0))], definition: TREND_METRICS.transit });
    expect(hasTrendData(rows)).toBe(false);
  });

  it('is true when one bucket has a value', () => {
    expect(hasTrendData(toTrendRows({ points: [transitPoint(0, null), transitPoint(1, transit(7, null))], definition: TREND_METRICS.transit }))).toBe(true);
  });
});

describe('seriesForCarrier', () => {
  const base: Omit<Timeseries<'transit'>, 'series'> = { metric: 'transit', bucket: 'day', from: '', to: '' };
  const series = (carrier: string | null) => ({ carrier, corridor: null, serviceLevel: null, points: [] });

  it('picks the series of the carrier', () => {
    expect(seriesForCarrier({ ...base, series: [series('dhl'), series('correios')] }, 'correios')?.carrier).toBe('correios');
  });

  it('takes a lone ungrouped series as the carrier’s', () => {
    expect(seriesForCarrier({ ...base, series: [series(null)] }, 'correios')).not.toBeNull();
  });

  it('finds nothing when the carrier has no series', () => {
    expect(seriesForCarrier({ ...base, series: [] }, 'correios')).toBeNull();
    expect(seriesForCarrier({ ...base, series: [series('dhl')] }, 'correios')).toBeNull();
  });
});

describe('trendRowsCsv', () => {
  it('writes UTC bucket edges, raw values in the unit, empty cells for gaps and the sample', () => {
    const rows = [
      { startMs: Date.UTC(2026, 10, 2), endMs: Date.UTC(2026, 10, 9), label: 'Nov 2', sample: 12, values: { p50: 8.25, p95: 14 } },
      { startMs: Date.UTC(2026, 10, 9), endMs: Date.UTC(2026, 10, 16), label: 'Nov 9', sample: null, values: { p50: null, p95: null } },
    ];
    const csv = trendRowsCsv({ rows, lines: [{ key: 'p50', label: 'p50 transit' }, { key: 'p95', label: 'p95 transit' }], unit: 'days', sampleLabel: 'shipments' });
    expect(csv.split('\r\n')).toEqual([
      'from (UTC),to (UTC),p50 transit (days),p95 transit (days),sample (shipments)',
      '2026-11-02T00:00:00.000Z,2026-11-09T00:00:00.000Z,8.25,14,12',
      '2026-11-09T00:00:00.000Z,2026-11-16T00:00:00.000Z,,,',
      '',
    ]);
  });
});
