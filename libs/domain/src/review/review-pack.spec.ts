import type { ExceptionReportRow } from '../exceptions/exception-report';
import { breachDuration, lanesByMisses, parseReviewMonth, reviewReasons, reviewTotals } from './review-pack';
import { reviewPackCsv } from './review-pack-csv';
import type { ReviewPack } from './review-pack';

const period = (counts: Partial<ExceptionReportRow['current']>): ExceptionReportRow['current'] => ({
  parcels: 0, exceptions: 0, categories: {}, failedAttempts: 0, failureReasons: {}, delivered: 0, late: 0, lateReasons: {},
  exceptionRate: null, failedAttemptRate: null, lateRate: null, ...counts,
});
const row = (corridor: string, current: Partial<ExceptionReportRow['current']>, previous: Partial<ExceptionReportRow['current']> = {}): ExceptionReportRow => ({
  carrier: 'upu', corridor, current: period(current), previous: period(previous), change: { exceptionRate: null, failedAttemptRate: null, lateRate: null },
});

describe('parseReviewMonth', () => {
  it('gives the calendar month and the one before, across a year end', () => {
    const parsed = parseReviewMonth('2027-01');
    expect(parsed).toEqual({
      ok: true,
      value: {
        month: '2027-01',
        fromMs: Date.parse('2027-01-01T00:00:00Z'),
        toMs: Date.parse('2027-02-01T00:00:00Z'),
        previous: { month: '2026-12', fromMs: Date.parse('2026-12-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') },
      },
    });
  });

  it('refuses anything but YYYY-MM', () => {
    for (const bad of ['2026-13', '2026-1', 'november', '2026-11-01', '']) expect(parseReviewMonth(bad).ok).toBe(false);
  });
});

describe('breachDuration', () => {
  const month = { fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: Date.parse('2026-12-01T00:00:00Z') };
  it('counts a breach opened before the month only inside it, and its whole length apart', () => {
    expect(breachDuration({ ...month, openedAtMs: Date.parse('2026-10-31T00:00:00Z'), resolvedAtMs: Date.parse('2026-11-02T12:00:00Z'), asOfMs: 0 })).toEqual({ lastedHours: 60, daysInMonth: 1.5 });
  });

  it('runs a breach still open to asOf', () => {
    expect(breachDuration({ ...month, openedAtMs: Date.parse('2026-11-29T00:00:00Z'), resolvedAtMs: null, asOfMs: Date.parse('2026-12-03T00:00:00Z') })).toEqual({ lastedHours: 96, daysInMonth: 2 });
  });
});

describe('lanes, reasons and totals', () => {
  const rows = [
    row('CN-BR', { parcels: 10, late: 1, failedAttempts: 1, delivered: 9, lateReasons: { customs_hold: 1 }, failureReasons: { ADDRESSEE_ABSENT: 1 } }, { late: 1 }),
    row('CN-MX', { parcels: 5, late: 3, exceptions: 1, delivered: 5, lateReasons: { customs_hold: 2, no_recorded_cause: 1 } }, { lateReasons: { customs_hold: 4 } }),
  ];

  it('puts the lane with most misses first', () => {
    expect(lanesByMisses(rows).map((lane) => [lane.corridor, lane.misses, lane.previousMisses])).toEqual([['CN-MX', 4, 0], ['CN-BR', 2, 1]]);
  });

  it('sums reasons over lanes, the previous month beside them', () => {
    expect(reviewReasons(rows)).toEqual([
      { kind: 'failed', reason: 'ADDRESSEE_ABSENT', count: 1, previous: 0 },
      { kind: 'late', reason: 'customs_hold', count: 3, previous: 4 },
      { kind: 'late', reason: 'no_recorded_cause', count: 1, previous: 0 },
    ]);
  });

  it('totals the month', () => {
    expect(reviewTotals(rows, 'current')).toEqual({ parcels: 15, delivered: 14, late: 4, failedAttempts: 1, exceptions: 1 });
  });
});

describe('reviewPackCsv', () => {
  const pack: ReviewPack = {
    carrier: { code: 'upu', name: 'UPU, "post"' },
    month: '2026-11',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    previousMonth: '2026-10',
    timeZone: 'UTC',
    asOf: '2026-12-02T00:00:00.000Z',
    totals: { current: { parcels: 3, delivered: 2, late: 1, failedAttempts: 1, exceptions: 0 }, previous: { parcels: 0, delivered: 0, late: 0, failedAttempts: 0, exceptions: 0 } },
    terms: [{ policyId: 'p', name: '=first attempt', metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, corridor: null, serviceLevel: null, minSample: 3, current: { value: 2 / 3, sample: 3, verdict: 'violates' }, previous: { value: null, sample: 0, verdict: 'insufficient_data' } }],
    breaches: [],
    statement: null,
    statementNote: 'no statement',
    lanes: [],
    parcels: [{ trackingNumber: 'T1', corridor: 'CN-BR', legStartAt: null, miss: 'failed', reason: 'ADDRESSEE_ABSENT' }],
    reasons: [],
  };

  it('writes one row per figure with its section, quoting and neutralising text', () => {
    const lines = reviewPackCsv(pack).trimEnd().split('\n');
    expect(lines[0]).toBe('section,item,measure,current,previous,note');
    expect(lines).toContain('summary,carrier,code,upu,,"UPU, ""post"""');
    expect(lines).toContain('totals,parcels,count,3,0,');
    expect(lines).toContain("term,'=first attempt,first_attempt_rate gte 0.9,0.6667,,violates (n=3); before: insufficient_data (n=0)");
    expect(lines).toContain('statement,status,,none,,no statement');
    expect(lines).toContain('parcel,T1,failed,ADDRESSEE_ABSENT,,CN-BR');
  });
});
