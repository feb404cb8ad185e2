// The monthly review pack (contracts.md §4): what a manager takes into the business review with a
// carrier. Pure shapes and arithmetic here; the reads are in @lanewatch/sla (readReviewPack).
import type { ExceptionReportRow } from '../exceptions/exception-report';
import type { ParseResult } from '../registration';
import type { SlaVerdict } from '../sla/sla-verdict.util';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A calendar month [fromMs, toMs) and the one before it, in UTC (readReviewPack moves them to the contract's time zone). */
export interface ReviewMonth {
  month: string;
  fromMs: number;
  toMs: number;
  previous: { month: string; fromMs: number; toMs: number };
}

const monthText = (year: number, monthIndex: number) => {
  const date = new Date(Date.UTC(year, monthIndex, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};

export function parseReviewMonth(text: string): ParseResult<ReviewMonth> {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!match) return { ok: false, errors: [`month must be YYYY-MM (like 2026-11), not '${text.slice(0, 40)}'`] };
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (year < 2000 || year > 2100) return { ok: false, errors: ['month must be between 2000-01 and 2100-12'] };
  return {
    ok: true,
    value: {
      month: monthText(year, index),
      fromMs: Date.UTC(year, index, 1),
      toMs: Date.UTC(year, index + 1, 1),
      previous: { month: monthText(year, index - 1), fromMs: Date.UTC(year, index - 1, 1), toMs: Date.UTC(year, index, 1) },
    },
  };
}

export interface TermFigure {
  value: number | null;
  sample: number;
  verdict: SlaVerdict;
}

/** One contract term (an SLA policy of the carrier) measured over the month and the month before. */
export interface ReviewTerm {
  policyId: string;
  name: string;
  metric: string;
  op: string;
  threshold: number;
  corridor: string | null;
  serviceLevel: string | null;
  minSample: number;
  current: TermFigure;
  previous: TermFigure;
}

export interface ReviewBreach {
  id: string;
  policyName: string;
  corridor: string | null;
  serviceLevel: string | null;
  metric: string;
  severity: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  /** from opening to resolution, or to asOf while still active */
  lastedHours: number;
  /** the part of it inside the month, in days */
  daysInMonth: number;
}

/** How long a breach lasted, and how much of it fell in [fromMs, toMs); both rounded to 2 decimals. */
export function breachDuration(input: { openedAtMs: number; resolvedAtMs: number | null; asOfMs: number; fromMs: number; toMs: number }) {
  const endMs = input.resolvedAtMs ?? Math.max(input.asOfMs, input.openedAtMs);
  const inside = Math.max(0, Math.min(endMs, input.toMs) - Math.max(input.openedAtMs, input.fromMs));
  return { lastedHours: round2((endMs - input.openedAtMs) / HOUR_MS), daysInMonth: round2(inside / DAY_MS) };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A lane's misses in the month: late deliveries, failed attempts and exceptions, the previous month beside them. */
export interface ReviewLane {
  corridor: string | null;
  parcels: number;
  late: number;
  failedAttempts: number;
  exceptions: number;
  misses: number;
  previousMisses: number;
  lateRate: number | null;
  failedAttemptRate: number | null;
}

/** The lanes that drove the misses, most misses first (then by lane). */
export function lanesByMisses(rows: readonly ExceptionReportRow[]): ReviewLane[] {
  return rows
    .map((row) => ({
      corridor: row.corridor,
      parcels: row.current.parcels,
      late: row.current.late,
      failedAttempts: row.current.failedAttempts,
      exceptions: row.current.exceptions,
      misses: row.current.late + row.current.failedAttempts + row.current.exceptions,
      previousMisses: row.previous.late + row.previous.failedAttempts + row.previous.exceptions,
      lateRate: row.current.lateRate,
      failedAttemptRate: row.current.failedAttemptRate,
    }))
    .sort((a, b) => b.misses - a.misses || (a.corridor ?? '').localeCompare(b.corridor ?? ''));
}

export interface ReviewReason {
  kind: 'late' | 'failed';
  reason: string;
  count: number;
  previous: number;
}

/** Why deliveries were late and attempts failed, summed over the lanes, commonest first. */
export function reviewReasons(rows: readonly ExceptionReportRow[]): ReviewReason[] {
  const reasons = new Map<string, ReviewReason>();
  const add = (kind: ReviewReason['kind'], counts: Record<string, number>, field: 'count' | 'previous') => {
    for (const [reason, n] of Object.entries(counts)) {
      const key = `${kind}\u0000${reason}`;
      const entry = reasons.get(key) ?? { kind, reason, count: 0, previous: 0 };
      entry[field] += n;
      reasons.set(key, entry);
    }
  };
  for (const row of rows) {
    add('late', row.current.lateReasons, 'count');
    add('late', row.previous.lateReasons, 'previous');
    add('failed', row.current.failureReasons, 'count');
    add('failed', row.previous.failureReasons, 'previous');
  }
  return [...reasons.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Totals of the month and the month before (the carrier's legs that started in each). */
export interface ReviewTotals {
  parcels: number;
  delivered: number;
  late: number;
  failedAttempts: number;
  exceptions: number;
}

export function reviewTotals(rows: readonly ExceptionReportRow[], period: 'current' | 'previous'): ReviewTotals {
  const totals: ReviewTotals = { parcels: 0, delivered: 0, late: 0, failedAttempts: 0, exceptions: 0 };
  for (const row of rows) {
    const counts = row[period];
    totals.parcels += counts.parcels;
    totals.delivered += counts.delivered;
    totals.late += counts.late;
    totals.failedAttempts += counts.failedAttempts;
    totals.exceptions += counts.exceptions;
  }
  return totals;
}

export interface ReviewParcel {
  trackingNumber: string;
  corridor: string | null;
  legStartAt: string | null;
  miss: 'late' | 'failed';
  reason: string | null;
}

/** The statement's part of the pack (contracts.md §2-3): consequences, status, disputes. */
export interface ReviewStatement {
  status: string;
  currency: string;
  totalBeforeCap: string;
  totalAfterCap: string;
  lines: { term: string; consequence: string; amount: string; arithmetic: string }[];
  disputes: { trackingNumber: string; reason: string; status: string; note: string | null }[];
}

export interface ReviewPack {
  carrier: { code: string; name: string };
  month: string;
  from: string;
  to: string;
  previousMonth: string;
  /** The months are calendar months in this zone: the contract's (as its statement's), UTC without one. */
  timeZone: string;
  asOf: string;
  totals: { current: ReviewTotals; previous: ReviewTotals };
  terms: ReviewTerm[];
  breaches: ReviewBreach[];
  /** null when no statement can be computed for this carrier and month; `statementNote` says why */
  statement: ReviewStatement | null;
  statementNote: string | null;
  lanes: ReviewLane[];
  parcels: ReviewParcel[];
  reasons: ReviewReason[];
}
