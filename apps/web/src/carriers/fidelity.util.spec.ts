import { DAY_MS, FEED_WARNING_KINDS } from '@lanewatch/domain';
import { describe, expect, it } from '@jest/globals';
import { fidelityCsv, fidelityDays, fidelityPoints, hasFidelity, ingestFidelityCsv, parseFidelityAnswer, parseIngestFidelity, WARNING_KINDS } from './fidelity.util';

const figures = (overrides: Record<string, unknown> = {}) => ({
  events: 4,
  unmapped: 3,
  unmappedShare: 0.75,
  unclassified: 2,
  unclassifiedShare: 0.5,
  rejected: 2,
  warnings: { unknown_handover_carrier: 1, unresolved_country: 0, other: 0 },
  ...overrides,
});
const body = {
  carrier: 'correios',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-03T00:00:00.000Z',
  bucket: 'day',
  buckets: [
    { start: '2026-11-01T00:00:00.000Z', ...figures({ events: 0, unmapped: 0, unclassified: 0, unmappedShare: null, unclassifiedShare: null, rejected: 0, warnings: { unknown_handover_carrier: 0, unresolved_country: 0, other: 0 } }) },
    { start: '2026-11-02T00:00:00.000Z', ...figures() },
  ],
  totals: figures(),
};

describe('fidelity.util', () => {
  it('lists the warning kinds the API counts', () => {
    expect(WARNING_KINDS).toEqual(FEED_WARNING_KINDS);
  });

  it('parses a carrier answer and names the path of a wrong field', () => {
    expect(parseFidelityAnswer(body).buckets[1]).toEqual({ start: '2026-11-02T00:00:00.000Z', ...figures() });
    expect(() => parseFidelityAnswer({ ...body, totals: figures({ warnings: { other: 0 } }) })).toThrow('body.totals.warnings.unknown_handover_carrier must be a number');
    expect(() => parseFidelityAnswer({ ...body, bucket: 'week' })).toThrow('body.bucket must be one of hour, day');
  });

  it('keeps a day without events as no share, not 0 %', () => {
    const points = fidelityPoints(parseFidelityAnswer(body));
    expect(points).toEqual([
      { startMs: Date.parse('2026-11-01T00:00:00Z'), unmappedShare: null, unclassifiedShare: null, rejected: 0, warnings: 0 },
      { startMs: Date.parse('2026-11-02T00:00:00Z'), unmappedShare: 0.75, unclassifiedShare: 0.5, rejected: 2, warnings: 1 },
    ]);
  });

  it('widens the dashboard range to whole UTC days and keeps the last 92 of them', () => {
    const from = Date.parse('2026-11-01T05:00:00Z');
    expect(fidelityDays({ fromMs: from, toMs: Date.parse('2026-11-02T07:30:00Z') })).toEqual({
      fromMs: Date.parse('2026-11-01T00:00:00Z'),
      toMs: Date.parse('2026-11-03T00:00:00Z'),
      clipped: false,
    });
    const year = fidelityDays({ fromMs: Date.parse('2025-11-01T00:00:00Z'), toMs: Date.parse('2026-11-01T00:00:00Z') });
    expect(year).toEqual({ fromMs: Date.parse('2026-11-01T00:00:00Z') - 92 * DAY_MS, toMs: Date.parse('2026-11-01T00:00:00Z'), clipped: true });
  });

  it('exports the raw figures per day, empty cells for no share', () => {
    expect(fidelityCsv(parseFidelityAnswer(body)).split('\r\n')).toEqual([
      'day_utc,events,unmapped,unmapped_share,unclassified,unclassified_share,rejected,warnings_unknown_handover_carrier,warnings_unresolved_country,warnings_other',
      '2026-11-01T00:00:00.000Z,0,0,,0,,0,0,0,0',
      '2026-11-02T00:00:00.000Z,4,3,0.75,2,0.5,2,1,0,0',
      '',
    ]);
  });

  it('exports one row per carrier for the ingest health table', () => {
    const answer = parseIngestFidelity({ from: body.from, to: body.to, bucket: 'hour', carriers: [{ carrier: 'correios', name: 'Correios', totals: figures(), buckets: [] }] });
    expect(ingestFidelityCsv(answer).split('\r\n')[1]).toBe('correios,4,3,0.75,2,0.5,2,1,0,0');
  });

  it('has figures when anything was received, rejected or warned about', () => {
    const none = figures({ events: 0, rejected: 0, warnings: { unknown_handover_carrier: 0, unresolved_country: 0, other: 0 } });
    expect(hasFidelity(parseFidelityAnswer({ ...body, totals: none }).totals)).toBe(false);
    expect(hasFidelity(parseFidelityAnswer({ ...body, totals: { ...none, warnings: { ...none.warnings, other: 1 } } }).totals)).toBe(true);
  });
});
