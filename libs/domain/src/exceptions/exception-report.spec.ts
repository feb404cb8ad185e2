import fc from 'fast-check';
import { compareExceptionPeriods, encodeParcelCursor, ExceptionGroupCounts, parseExceptionReportQuery, parseParcelListQuery, previousWindow } from './exception-report';

const counts = (overrides: Partial<ExceptionGroupCounts>): ExceptionGroupCounts => ({
  carrier: 'laposte',
  corridor: 'CN-FR',
  parcels: 0,
  exceptions: 0,
  categories: {},
  failedAttempts: 0,
  failureReasons: {},
  delivered: 0,
  late: 0,
  lateReasons: {},
  ...overrides,
});

const NOW = Date.parse('2026-11-20T10:05:00Z');

describe('previousWindow', () => {
  it('is the window of equal length just before', () => {
    expect(previousWindow({ fromMs: 100, toMs: 250 })).toEqual({ fromMs: -50, toMs: 100 });
  });
});

describe('compareExceptionPeriods', () => {
  it('puts the previous period beside the current one with the change in rate points', () => {
    const [row] = compareExceptionPeriods({
      current: [counts({ parcels: 10, exceptions: 3, failedAttempts: 2, delivered: 8, late: 2 })],
      previous: [counts({ parcels: 20, exceptions: 2, failedAttempts: 0, delivered: 0 })],
    });
    expect(row.current.exceptionRate).toBeCloseTo(0.3, 12);
    expect(row.previous.exceptionRate).toBeCloseTo(0.1, 12);
    expect(row.change.exceptionRate).toBeCloseTo(0.2, 12);
    expect(row.change.failedAttemptRate).toBeCloseTo(0.2, 12);
    expect(row.current.lateRate).toBeCloseTo(0.25, 12);
    expect(row.previous.lateRate).toBeNull();
    expect(row.change.lateRate).toBeNull();
  });

  it('keeps a group seen in one period only, with empty counts and no rate in the other', () => {
    const rows = compareExceptionPeriods({ current: [counts({ carrier: 'correios', corridor: 'CN-BR', parcels: 4, exceptions: 1 })], previous: [counts({ parcels: 5 })] });
    expect(rows.map((row) => [row.carrier, row.current.parcels, row.previous.parcels, row.change.exceptionRate])).toEqual([
      ['correios', 4, 0, null],
      ['laposte', 0, 5, null],
    ]);
  });

  it('orders by the current exception rate, highest first', () => {
    const rows = compareExceptionPeriods({
      current: [counts({ carrier: 'a1', parcels: 10, exceptions: 1 }), counts({ carrier: 'b2', parcels: 10, exceptions: 5 }), counts({ carrier: 'c3', parcels: 10, exceptions: 1, corridor: null })],
      previous: [],
    });
    expect(rows.map((row) => row.carrier)).toEqual(['b2', 'a1', 'c3']);
  });
});

describe('parseExceptionReportQuery', () => {
  it('defaults to the 30 days before the next quarter hour', () => {
    const parsed = parseExceptionReportQuery({}, NOW);
    expect(parsed).toEqual({ ok: true, value: { fromMs: Date.parse('2026-10-21T10:15:00Z'), toMs: Date.parse('2026-11-20T10:15:00Z'), asOfMs: Date.parse('2026-11-20T10:15:00Z') } });
  });

  it('names every mistake', () => {
    const parsed = parseExceptionReportQuery({ from: '2026-11-02T00:00:00Z', carrier: 'La Poste', corridor: 'cn-fr' }, NOW);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual(['carrier must be a carrier code', 'corridor must look like CN-BR (ISO 3166-1 alpha-2 codes)', 'from and to go together (or neither, for the 30 days before asOf)']);
  });
});

describe('parseParcelListQuery', () => {
  it('round-trips its own cursor', () => {
    const parsed = parseParcelListQuery({ kind: 'silent', cursor: Buffer.from('1700000000000:42').toString('base64url'), sort: '-legStartAt', limit: '25' }, NOW);
    expect(parsed.ok && parsed.value).toMatchObject({ kind: 'silent', cursor: { at: 1_700_000_000_000, legId: '42' }, sort: '-legStartAt', limit: 25, format: 'json' });
  });

  it('spells its cursor as Node base64url did before the domain became browser-safe, and reads it back', () => {
    const legId = fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }).map(String);
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), legId, (at, id) => {
        const cursor = encodeParcelCursor({ at, legId: id });
        expect(cursor).toBe(Buffer.from(`${at}:${id}`, 'utf8').toString('base64url'));
        const parsed = parseParcelListQuery({ kind: 'silent', cursor }, NOW);
        expect(parsed.ok && parsed.value.cursor).toEqual({ at, legId: id });
      }),
    );
  });

  it('refuses a cohort kind without a window, a foreign cursor, filters of another kind and a page too large', () => {
    const parsed = parseParcelListQuery({ kind: 'late', category: 'lost', cursor: 'bm9wZQ', limit: '501', format: 'xml' }, NOW);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        'kind late needs from and to (the window the parcels started in)',
        'category applies to kind exception only',
        'limit must be a whole number from 1 to 500',
        'cursor is not one this API gave out (use nextCursor from the previous page)',
        'format must be json or csv',
      ]);
  });

  it('refuses an unknown kind', () => {
    const parsed = parseParcelListQuery({ kind: 'everything' }, NOW);
    expect(parsed.ok).toBe(false);
  });
});
