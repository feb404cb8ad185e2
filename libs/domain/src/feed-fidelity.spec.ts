import { countWarnings, fidelityAnswer, feedContributions, parseFidelityQuery } from './index';

const NOW = new Date('2026-11-02T10:20:00Z');
const hour = (iso: string) => new Date(iso).getTime();

describe('parseFidelityQuery', () => {
  it('defaults to the last 30 days ending with the current UTC day', () => {
    expect(parseFidelityQuery({}, NOW)).toEqual({ ok: true, value: { fromMs: hour('2026-10-04T00:00:00Z'), toMs: hour('2026-11-03T00:00:00Z'), bucket: 'day' } });
  });

  it('defaults to the last 24 hours ending with the current UTC hour with bucket=hour', () => {
    expect(parseFidelityQuery({ bucket: 'hour' }, NOW)).toEqual({ ok: true, value: { fromMs: hour('2026-11-01T11:00:00Z'), toMs: hour('2026-11-02T11:00:00Z'), bucket: 'hour' } });
  });

  it('names an unknown bucket', () => {
    expect(parseFidelityQuery({ bucket: 'week' }, NOW)).toEqual({ ok: false, errors: ["bucket must be 'hour' or 'day' (got 'week')"] });
  });

  it('wants day bounds on a UTC midnight and hour bounds on a whole hour', () => {
    expect(parseFidelityQuery({ from: '2026-11-01T08:00:00Z', to: '2026-11-02T00:00:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['from must fall on a UTC midnight (e.g. 2026-11-02T00:00:00Z) with bucket=day'],
    });
    expect(parseFidelityQuery({ bucket: 'hour', from: '2026-11-01T08:30:00Z', to: '2026-11-02T00:00:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['from must fall on a whole UTC hour (e.g. 2026-11-02T08:00:00Z)'],
    });
  });

  it('bounds the window: 92 days, or 7 days of hours', () => {
    expect(parseFidelityQuery({ from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, NOW)).toEqual({ ok: false, errors: ['the window must be at most 92 days'] });
    expect(parseFidelityQuery({ bucket: 'hour', from: '2026-10-01T00:00:00Z', to: '2026-10-09T00:00:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['with bucket=hour the window must be at most 7 days'],
    });
    expect(parseFidelityQuery({ from: '2026-08-02T00:00:00Z', to: '2026-11-02T00:00:00Z' }, NOW).ok).toBe(true);
  });

  it('refuses an empty or inverted window, a time without offset and a repeated parameter', () => {
    expect(parseFidelityQuery({ from: '2026-11-02T00:00:00Z', to: '2026-11-02T00:00:00Z' }, NOW)).toEqual({ ok: false, errors: ['from must be before to'] });
    const result = parseFidelityQuery({ from: '2026-11-01T00:00:00', to: ['2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'] }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContain('to must be given once');
      expect(result.errors.some((error) => error.startsWith('from'))).toBe(true);
    }
  });
});

describe('fidelityAnswer', () => {
  const params = { fromMs: hour('2026-11-01T00:00:00Z'), toMs: hour('2026-11-01T03:00:00Z'), bucket: 'hour' as const };

  it('lists every bucket in order, zeros included, with shares of the stored events and null shares without events', () => {
    const answer = fidelityAnswer({
      carrier: 'acme',
      params,
      counts: new Map([
        [hour('2026-11-01T01:00:00Z'), { events: 4, unmapped: 2, unclassified: 1, rejected: 3, warnings: { unresolved_country: 2 } }],
        [hour('2026-11-01T02:00:00Z'), { rejected: 1, warnings: { unknown_handover_carrier: 1 } }],
      ]),
    });
    expect(answer.buckets.map((bucket) => [bucket.start, bucket.events, bucket.unmappedShare, bucket.unclassifiedShare, bucket.rejected])).toEqual([
      ['2026-11-01T00:00:00.000Z', 0, null, null, 0],
      ['2026-11-01T01:00:00.000Z', 4, 0.5, 0.25, 3],
      ['2026-11-01T02:00:00.000Z', 0, null, null, 1],
    ]);
    expect(answer.totals).toEqual({
      events: 4,
      unmapped: 2,
      unclassified: 1,
      rejected: 4,
      warnings: { unknown_handover_carrier: 1, unresolved_country: 2, other: 0 },
      unmappedShare: 0.5,
      unclassifiedShare: 0.25,
    });
  });

  it('ignores counts outside the window', () => {
    const answer = fidelityAnswer({ carrier: null, params, counts: new Map([[hour('2026-11-01T05:00:00Z'), { events: 9 }]]) });
    expect(answer.totals.events).toBe(0);
  });
});

describe('countWarnings', () => {
  it('counts each kind, zeros included', () => {
    expect(countWarnings(['unresolved_country', 'other', 'unresolved_country'])).toEqual({ unknown_handover_carrier: 0, unresolved_country: 2, other: 1 });
  });
});

describe('feedContributions', () => {
  const event = { carrierId: 3, receivedAtMs: hour('2026-11-01T01:00:00Z'), occurredAtMs: hour('2026-11-01T00:00:00Z') };

  it('counts an unmapped UNCLASSIFIED scan as unmapped and as unclassified', () => {
    expect(feedContributions({ ...event, unmapped: true, unclassified: true }).map((c) => c.family)).toEqual(['unmapped', 'unclassified']);
  });

  it('counts an UNCLASSIFIED scan an admin mapped as a mapped event only', () => {
    expect(feedContributions({ ...event, unmapped: false, unclassified: true }).map((c) => c.family)).toEqual(['feed']);
  });

  it('counts an unmapped carrier code as unmapped only', () => {
    expect(feedContributions({ ...event, unmapped: true, unclassified: false }).map((c) => c.family)).toEqual(['unmapped']);
  });
});
