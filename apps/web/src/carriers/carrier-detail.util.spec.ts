import { describe, expect, it } from '@jest/globals';
import { HOUR_MS } from '@lanewatch/domain';
import { carrierScorecardFactory, emptyKpis } from '../api/api-types.factory';
import { breachFactory } from '../breaches/breach.factory';
import {
  breachTimeline,
  carrierPath,
  CORRIDOR_CSV_HEADER,
  corridorsCsv,
  corridorsCsvFileName,
  feedHealthItems,
  formatDuration,
  handoversCsv,
  kpiTiles,
  sortCorridors,
  sortHandovers,
} from './carrier-detail.util';

describe('carrierPath', () => {
  it('encodes the code and keeps the search', () => {
    expect(carrierPath('la poste', '?from=2026-11-01T00:00:00Z')).toBe('/carriers/la%20poste?from=2026-11-01T00:00:00Z');
  });
});

describe('kpiTiles', () => {
  it('shows each rate with its Wilson interval and sample', () => {
    const tile = kpiTiles(carrierScorecardFactory()).find(({ id }) => id === 'firstAttempt');
    expect(tile).toMatchObject({ value: '87.6%', interval: '85.0–90.0 %', sample: 'n = 801 attempts', missing: false });
  });

  it('shows transit p50 with p95 beside it', () => {
    expect(kpiTiles(carrierScorecardFactory()).find(({ id }) => id === 'transitP50')).toMatchObject({ value: '8.9 d', interval: 'p95 15.0 d' });
  });

  it('marks a carrier without data as missing, never as zero', () => {
    const tiles = kpiTiles(carrierScorecardFactory({ kpis: emptyKpis(), censoredTransit: null }));
    expect(tiles.every((tile) => tile.missing && tile.value === '—' && tile.interval === null)).toBe(true);
    expect(tiles.find(({ id }) => id === 'onTime')?.sample).toBe('no deliveries');
  });
});

describe('feedHealthItems', () => {
  it('lists latency, unmapped rate, silent and lost parcels', () => {
    const items = Object.fromEntries(feedHealthItems(carrierScorecardFactory()).map((item) => [item.label, item]));
    expect(items['Feed latency p95'].value).toBe('9.5 h');
    expect(items['Unmapped events']).toMatchObject({ value: '0.25%' });
    expect(items['Unmapped events'].detail).toContain('30 events');
    expect(items['Silent parcels']).toMatchObject({ value: '7' });
    expect(items['Silent parcels'].detail).toContain('of 120 active');
    expect(items['Lost candidates'].value).toBe('1');
  });

  it('shows dashes without a feed or silence block', () => {
    const items = feedHealthItems(carrierScorecardFactory({ feed: null, silence: null }));
    expect(items.every((item) => item.value === '—' && (item.detail === null || item.label === 'Feed latency p50'))).toBe(true);
  });
});

describe('sortHandovers', () => {
  it('puts the slowest p90 first and unknown p90 last', () => {
    const handover = (from: string, p90Hours: number | null) => ({ from, to: 'correios', count: 10, meanHours: 1, p50Hours: 1, p90Hours });
    expect(sortHandovers([handover('a', 10), handover('b', null), handover('c', 30)]).map(({ from }) => from)).toEqual(['c', 'a', 'b']);
  });
});

describe('corridor table', () => {
  const row = (corridor: string | null, serviceLevel: string | null = null) => ({ ...carrierScorecardFactory().kpis, corridor, serviceLevel });

  it('sorts corridors by name with the carrier-wide row last', () => {
    expect(sortCorridors([row(null), row('CN-FR'), row('CN-BR', 'standard'), row('CN-BR')]).map((r) => [r.corridor, r.serviceLevel])).toEqual([
      ['CN-BR', null],
      ['CN-BR', 'standard'],
      ['CN-FR', null],
      [null, null],
    ]);
  });

  it('exports every figure with empty cells for no data', () => {
    const lines = corridorsCsv([row('CN-BR'), { ...row('CN-FR'), ...emptyKpis() }]).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CORRIDOR_CSV_HEADER.join(','));
    expect(lines[1]).toBe('CN-BR,,812,8.9,15,801,0.8764,0.85,0.9,812,0.9372,0.92,0.95,790,110.5');
    expect(lines[2]).toBe('CN-FR' + ','.repeat(CORRIDOR_CSV_HEADER.length - 1));
  });

  it('names the file after the carrier and the days of the range', () => {
    expect(corridorsCsvFileName({ carrier: 'laposte', from: '2026-10-24T05:30:00.000Z', to: '2026-11-23T05:30:00.000Z' })).toBe(
      'lanewatch-laposte-corridors-2026-10-24-2026-11-23.csv',
    );
  });
});

describe('breachTimeline', () => {
  const nowMs = Date.parse('2026-11-10T00:00:00.000Z');

  it('lists the newest breach first', () => {
    const older = breachFactory({ id: 'a', openedAt: '2026-11-01T00:00:00.000Z' });
    const newer = breachFactory({ id: 'b', openedAt: '2026-11-05T00:00:00.000Z' });
    expect(breachTimeline({ breaches: [older, newer], nowMs }).map(({ breach }) => breach.id)).toEqual(['b', 'a']);
  });

  it('lets an open breach run until now', () => {
    const [entry] = breachTimeline({ breaches: [breachFactory({ openedAt: '2026-11-09T12:00:00.000Z', status: 'open' })], nowMs });
    expect(entry).toMatchObject({ endedAt: null, durationHours: 12 });
  });

  it('ends a resolved breach when it resolved', () => {
    const resolved = breachFactory({ openedAt: '2026-11-01T00:00:00.000Z', status: 'resolved', resolvedAt: '2026-11-03T00:00:00.000Z' });
    expect(breachTimeline({ breaches: [resolved], nowMs })[0]).toMatchObject({ endedAt: '2026-11-03T00:00:00.000Z', durationHours: 48 });
  });

  it('never shows a negative duration when the clock is behind the API', () => {
    const future = breachFactory({ openedAt: new Date(nowMs + HOUR_MS).toISOString() });
    expect(breachTimeline({ breaches: [future], nowMs })[0].durationHours).toBe(0);
  });
});

describe('formatDuration', () => {
  it('uses minutes, hours or days by size', () => {
    expect([formatDuration(0.5), formatDuration(5), formatDuration(72)]).toEqual(['30 min', '5.0 h', '3.0 d']);
  });
});

describe('handoversCsv', () => {
  it('writes one line per carrier pair with raw hours and empty cells for no data', () => {
    const csv = handoversCsv([
      { from: 'yanwen', to: 'correios', count: 4, meanHours: 30.25, p50Hours: 28, p90Hours: 41.5 },
      { from: 'correios', to: 'loggi', count: null, meanHours: null, p50Hours: null, p90Hours: null },
    ]);
    expect(csv).toBe('from_carrier,to_carrier,handovers,mean_hours,p50_hours,p90_hours\r\nyanwen,correios,4,30.25,28,41.5\r\ncorreios,loggi,,,,\r\n');
  });
});
