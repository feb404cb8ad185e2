import { ingestThroughputAnswer, parseIngestThroughputQuery, utcHourStart } from './ingest-throughput';

const NOW = new Date('2026-11-02T10:17:42Z');
const ms = (iso: string) => Date.parse(iso);

describe('parseIngestThroughputQuery', () => {
  it('defaults to the 24 hours ending with the current hour', () => {
    expect(parseIngestThroughputQuery({}, NOW)).toEqual({ ok: true, value: { fromMs: ms('2026-11-01T11:00:00Z'), toMs: ms('2026-11-02T11:00:00Z') } });
  });

  it('takes whole-hour bounds with any UTC offset and a carrier code', () => {
    expect(parseIngestThroughputQuery({ from: '2026-11-01T21:00:00-03:00', to: '2026-11-02T03:00:00Z', carrier: 'correios' }, NOW)).toEqual({
      ok: true,
      value: { fromMs: ms('2026-11-02T00:00:00Z'), toMs: ms('2026-11-02T03:00:00Z'), carrier: 'correios' },
    });
  });

  it('counts 24 hours back from a given to when from is omitted', () => {
    const result = parseIngestThroughputQuery({ to: '2026-10-10T00:00:00Z' }, NOW);
    expect(result).toEqual({ ok: true, value: { fromMs: ms('2026-10-09T00:00:00Z'), toMs: ms('2026-10-10T00:00:00Z') } });
  });

  it('ends a window with only from at the end of the current hour', () => {
    const result = parseIngestThroughputQuery({ from: '2026-11-01T00:00:00Z' }, NOW);
    expect(result).toEqual({ ok: true, value: { fromMs: ms('2026-11-01T00:00:00Z'), toMs: ms('2026-11-02T11:00:00Z') } });
  });

  it('accepts exactly 7 days and refuses one hour more', () => {
    expect(parseIngestThroughputQuery({ from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' }, NOW).ok).toBe(true);
    expect(parseIngestThroughputQuery({ from: '2026-11-01T00:00:00Z', to: '2026-11-08T01:00:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['the window from from to to must be at most 7 days'],
    });
  });

  it('names a bound off the whole hour', () => {
    expect(parseIngestThroughputQuery({ from: '2026-11-01T00:30:00+05:30', to: '2026-11-01T03:15:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['to must fall on a whole UTC hour (e.g. 2026-11-02T08:00:00Z)'],
    });
  });

  it('names a bound without an offset or not a date at all', () => {
    expect(parseIngestThroughputQuery({ from: '2026-11-01T00:00:00', to: 'yesterday' }, NOW)).toEqual({
      ok: false,
      errors: ['from must include a UTC offset (e.g. -03:00) or Z', 'to must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00'],
    });
  });

  it('refuses from at or after to', () => {
    expect(parseIngestThroughputQuery({ from: '2026-11-02T00:00:00Z', to: '2026-11-02T00:00:00Z' }, NOW)).toEqual({ ok: false, errors: ['from must be before to'] });
    expect(parseIngestThroughputQuery({ from: '2026-11-03T00:00:00Z' }, NOW)).toEqual({
      ok: false,
      errors: ['from must be before the end of the current hour when to is omitted'],
    });
  });

  it('refuses a repeated parameter and a malformed carrier', () => {
    expect(parseIngestThroughputQuery({ from: ['2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z'], carrier: 'Not A Code' }, NOW)).toEqual({
      ok: false,
      errors: ['from must be given once', 'carrier must be a carrier code'],
    });
  });
});

describe('utcHourStart', () => {
  it('floors to the UTC hour, also before 1970', () => {
    expect(utcHourStart(ms('2026-11-02T10:59:59.999Z'))).toBe(ms('2026-11-02T10:00:00Z'));
    expect(utcHourStart(ms('1969-12-31T23:30:00Z'))).toBe(ms('1969-12-31T23:00:00Z'));
  });
});

describe('ingestThroughputAnswer', () => {
  it('keeps every hour in order and sums the totals', () => {
    const answer = ingestThroughputAnswer({
      fromMs: ms('2026-11-02T00:00:00Z'),
      toMs: ms('2026-11-02T02:00:00Z'),
      carrier: null,
      hours: [
        { hour: new Date('2026-11-02T00:00:00Z'), accepted: 0, duplicates: 0, rejected: 0 },
        { hour: new Date('2026-11-02T01:00:00Z'), accepted: 7, duplicates: 2, rejected: 3 },
      ],
    });
    expect(answer).toEqual({
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-02T02:00:00.000Z',
      carrier: null,
      hours: [
        { hour: '2026-11-02T00:00:00.000Z', accepted: 0, duplicates: 0, rejected: 0 },
        { hour: '2026-11-02T01:00:00.000Z', accepted: 7, duplicates: 2, rejected: 3 },
      ],
      totals: { accepted: 7, duplicates: 2, rejected: 3 },
    });
  });
});
