import { describe, expect, it } from '@jest/globals';
import { parseHealthReport, parseKpiGroups, parseScorecards, parseTimeseries } from './api-types';
import { carrierScorecardFactory } from './api-types.factory';

// The bodies of the contract (issue: scorecards and time series), as the API is meant to send them.
const SCORECARDS_BODY = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-08T00:00:00.000Z',
  asOf: '2026-11-08T00:00:00.000Z',
  carriers: [
    {
      carrier: 'correios',
      name: 'Correios',
      kpis: {
        transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, varianceDays: 8.24, p50Days: 8.9, p90Days: 13.2, p95Days: 15.0 },
        customsHold: { count: 790, meanHours: 51.2, p50Hours: 38.0, p90Hours: 110.5 },
        firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: { low: 0.85, high: 0.9 } },
        onTime: { delivered: 812, onTime: 761, rate: 0.9372, ci95: { low: 0.92, high: 0.95 } },
      },
      censoredTransit: { cohort: 900, delivered: 812, censored: 88, medianDays: 9.1, p90Days: 14.2 },
      feed: {
        events: 12000,
        latencyP50Hours: 2.1,
        latencyP95Hours: 9.5,
        unmapped: 30,
        unmappedRate: 0.0025,
        unmappedCi95: { low: 0.0017, high: 0.0036 },
      },
      silence: { active: 120, silent: 7, silentRate: 0.058, silentCi95: { low: 0.03, high: 0.1 }, lost: 1 },
      handovers: [{ from: 'cainiao', to: 'correios', count: 300, meanHours: 20.1, p50Hours: 18.0, p90Hours: 40.2 }],
      corridors: [
        {
          carrier: 'correios',
          corridor: 'CN-BR',
          serviceLevel: null,
          transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, varianceDays: 8.24, p50Days: 8.9, p90Days: 13.2, p95Days: 15.0 },
          customsHold: null,
          firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: { low: 0.85, high: 0.9 } },
          onTime: null,
        },
      ],
    },
    {
      carrier: 'quiet',
      name: 'Quiet Post',
      kpis: { transit: null, customsHold: null, firstAttempt: { attempted: 0, delivered: 0, rate: null, ci95: null }, onTime: null },
      censoredTransit: { cohort: 0, delivered: 0, censored: 0, medianDays: null, p90Days: null },
      feed: { events: 0, latencyP50Hours: null, latencyP95Hours: null, unmapped: 0, unmappedRate: null, unmappedCi95: null },
      silence: { active: 0, silent: 0, silentRate: null, silentCi95: null, lost: 0 },
      handovers: [],
      corridors: [],
    },
  ],
};

describe('parseScorecards', () => {
  it('reads the contract example field for field', () => {
    const parsed = parseScorecards(SCORECARDS_BODY);
    expect(parsed.asOf).toBe('2026-11-08T00:00:00.000Z');
    expect(parsed.carriers[0]).toEqual(
      carrierScorecardFactory({
        handovers: [{ from: 'cainiao', to: 'correios', count: 300, meanHours: 20.1, p50Hours: 18, p90Hours: 40.2 }],
        corridors: [
          {
            corridor: 'CN-BR',
            serviceLevel: null,
            transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, varianceDays: 8.24, p50Days: 8.9, p90Days: 13.2, p95Days: 15 },
            customsHold: null,
            firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: { low: 0.85, high: 0.9 } },
            onTime: null,
          },
        ],
      }),
    );
  });

  it('keeps nulls as nulls, never zeros', () => {
    const quiet = parseScorecards(SCORECARDS_BODY).carriers[1];
    expect(quiet.kpis.transit).toBeNull();
    expect(quiet.kpis.firstAttempt).toEqual({ attempted: 0, delivered: 0, rate: null, ci95: null });
    expect(quiet.censoredTransit?.medianDays).toBeNull();
    expect(quiet.feed?.unmappedCi95).toBeNull();
  });

  it('reads missing families and lists as no data, so an older API still renders', () => {
    const parsed = parseScorecards({ ...SCORECARDS_BODY, asOf: undefined, carriers: [{ carrier: 'dhl' }] });
    expect(parsed.asOf).toBeNull();
    expect(parsed.carriers[0]).toEqual({
      carrier: 'dhl',
      name: 'dhl',
      kpis: { transit: null, customsHold: null, firstAttempt: null, onTime: null },
      censoredTransit: null,
      feed: null,
      silence: null,
      handovers: [],
      corridors: [],
    });
  });

  it('names the path of a figure of the wrong type', () => {
    const body = structuredClone(SCORECARDS_BODY);
    (body.carriers[0].kpis.transit as Record<string, unknown>).p95Days = '15.0';
    expect(() => parseScorecards(body)).toThrow('scorecards.carriers[0].kpis.transit.p95Days must be a number or null');
  });

  it('refuses a body without a carriers list', () => {
    expect(() => parseScorecards({ from: SCORECARDS_BODY.from, to: SCORECARDS_BODY.to })).toThrow('scorecards.carriers must be an array');
    expect(() => parseScorecards([])).toThrow('expected a JSON object');
  });
});

const TIMESERIES_BODY = {
  metric: 'transit',
  bucket: 'day',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-03T00:00:00.000Z',
  groupBy: ['carrier'],
  series: [
    {
      carrier: 'correios',
      corridor: null,
      serviceLevel: null,
      points: [
        {
          start: '2026-11-01T00:00:00.000Z',
          end: '2026-11-02T00:00:00.000Z',
          value: { count: 10, meanDays: 9, stddevDays: 1, varianceDays: 1, p50Days: 8.5, p90Days: 11, p95Days: 12 },
        },
        { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z', value: null },
      ],
    },
  ],
};

describe('parseTimeseries', () => {
  it('reads the points of a series with their instants and values', () => {
    const parsed = parseTimeseries(TIMESERIES_BODY, 'transit');
    expect(parsed.bucket).toBe('day');
    expect(parsed.series[0].carrier).toBe('correios');
    expect(parsed.series[0].points[0]).toMatchObject({ startMs: Date.parse('2026-11-01T00:00:00Z'), value: { p50Days: 8.5 } });
    expect(parsed.series[0].points[1].value).toBeNull();
  });

  it('reads rate families with and without an interval', () => {
    const body = {
      ...TIMESERIES_BODY,
      metric: 'onTime',
      series: [
        {
          carrier: 'correios',
          points: [
            { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z', value: { delivered: 4, onTime: 3, rate: 0.75 } },
          ],
        },
      ],
    };
    expect(parseTimeseries(body, 'onTime').series[0].points[0].value).toEqual({ delivered: 4, onTime: 3, rate: 0.75, ci95: null });
  });

  it('refuses a response for another metric, which would be drawn in the wrong unit', () => {
    expect(() => parseTimeseries(TIMESERIES_BODY, 'onTime')).toThrow('metric must be "onTime"');
  });

  it('refuses an unknown bucket and a point without a start', () => {
    expect(() => parseTimeseries({ ...TIMESERIES_BODY, bucket: 'month' }, 'transit')).toThrow('bucket');
    const body = structuredClone(TIMESERIES_BODY);
    (body.series[0].points[0] as Record<string, unknown>).start = 'yesterday';
    expect(() => parseTimeseries(body, 'transit')).toThrow('timeseries.series[0].points[0].start must be an ISO 8601 instant');
  });
});

describe('parseKpiGroups', () => {
  const body = {
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-08T00:00:00Z',
    groupBy: ['corridor'],
    rows: [
      {
        carrier: null,
        corridor: 'CN-BR',
        serviceLevel: null,
        transit: { count: 10, meanDays: 9, stddevDays: 1, varianceDays: 1, p50Days: 8.5, p90Days: 12, p95Days: 13 },
        customsHold: null,
        firstAttempt: { attempted: 10, delivered: 8, rate: 0.8 },
        onTime: null,
      },
    ],
  };

  it('reads each group with its families, keeping missing families as null', () => {
    const parsed = parseKpiGroups(body);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0].corridor).toBe('CN-BR');
    expect(parsed.rows[0].carrier).toBeNull();
    expect(parsed.rows[0].transit?.p95Days).toBe(13);
    expect(parsed.rows[0].firstAttempt).toEqual({ attempted: 10, delivered: 8, rate: 0.8, ci95: null });
    expect(parsed.rows[0].onTime).toBeNull();
  });

  it('names the field of a wrong type', () => {
    expect(() => parseKpiGroups({ ...body, rows: [{ corridor: 7 }] })).toThrow('kpis.rows[0].corridor must be a string or null');
  });
});

describe('parseHealthReport', () => {
  it('reads the dependencies a signed-in user gets', () => {
    expect(parseHealthReport({ status: 'degraded', postgres: { ok: true, latencyMs: 2 }, redis: { ok: false, latencyMs: 2000 } })).toEqual({
      status: 'degraded',
      postgres: { ok: true },
      redis: { ok: false },
    });
  });

  it('an answer with the status only (what anyone without a session gets) leaves the dependencies unknown', () => {
    expect(parseHealthReport({ status: 'ok' })).toEqual({ status: 'ok', postgres: null, redis: null });
  });

  it('still refuses a malformed dependency', () => {
    expect(() => parseHealthReport({ status: 'ok', postgres: 'up' })).toThrow('health: postgres.ok must be a boolean');
  });
});
