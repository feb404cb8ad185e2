import { carrierBreachesBetween, enabledSlaPoliciesOfCarrier, findCarrierByCode, PolicyRow, SqlRunner } from '@lanewatch/db';
import {
  breachDuration,
  compareExceptionPeriods,
  ExceptionReportRow,
  lanesByMisses,
  ReviewBreach,
  ReviewMonth,
  ReviewPack,
  ReviewParcel,
  reviewReasons,
  ReviewStatement,
  ReviewTerm,
  reviewTotals,
  statementMonthBounds,
  TermFigure,
} from '@lanewatch/domain';
import { readExceptionReport, readParcelList } from '@lanewatch/read-model';
import { UnknownCarrierError } from '@lanewatch/read-model';
import { measurePolicyInstance } from '../evaluate';

const DAY_MS = 86_400_000;
/** Parcels listed per kind of miss (late, failed); the exceptions watchlist has every one. */
export const REVIEW_PARCELS_PER_KIND = 50;

/**
 * Where the statement part comes from (contracts.md §2-3): the statement service's computeStatement
 * for this carrier and month. Null statement, with a note, when there is none to show.
 */
export type ReviewStatementSource = (
  runner: SqlRunner,
  input: { carrier: string; month: string; asOf: Date },
) => Promise<{ statement: ReviewStatement | null; note: string | null; timeZone?: string | null }>;

export const NO_STATEMENT_SOURCE: ReviewStatementSource = async () => ({
  statement: null,
  note: 'no statement: this carrier has no contract with consequences for the month',
});

/** The month and the one before in the contract's time zone (the statement's), or as given (UTC) without one. */
function monthIn(month: ReviewMonth, timeZone: string | null | undefined): ReviewMonth {
  if (!timeZone || timeZone === 'UTC') return month;
  return { ...month, ...statementMonthBounds(month.month, timeZone), previous: { month: month.previous.month, ...statementMonthBounds(month.previous.month, timeZone) } };
}

/**
 * The monthly review pack of one carrier (contracts.md §4): every term of its contract (its SLA
 * policies) measured over the month through the evaluation's own read path, the month before
 * beside it; the breaches active in the month and how long each lasted; the statement; the lanes,
 * parcels and reasons behind late and failed deliveries (the exception report's reads).
 */
export async function readReviewPack(
  runner: SqlRunner,
  input: { carrier: string; month: ReviewMonth; asOf: Date; statement?: ReviewStatementSource },
): Promise<ReviewPack> {
  const carrier = await findCarrierByCode(runner, input.carrier);
  if (!carrier) throw new UnknownCarrierError(`carrier '${input.carrier}' is not registered`);
  const asOfMs = input.asOf.getTime();
  // The statement first: its contract's time zone draws the month for every other part of the pack.
  const statement = await (input.statement ?? NO_STATEMENT_SOURCE)(runner, { carrier: carrier.code, month: input.month.month, asOf: input.asOf });
  const timeZone = statement.timeZone ?? 'UTC';
  const month = monthIn(input.month, timeZone);

  const policies = await enabledSlaPoliciesOfCarrier(runner, carrier.code);
  const terms: ReviewTerm[] = [];
  for (const policy of policies) {
    terms.push({
      policyId: policy.id,
      name: policy.name,
      metric: policy.metric,
      op: policy.op,
      threshold: Number(policy.threshold),
      corridor: policy.corridor,
      serviceLevel: policy.service_level,
      minSample: policy.min_sample,
      current: await measureTerm(runner, policy, month.fromMs, month.toMs),
      previous: await measureTerm(runner, policy, month.previous.fromMs, month.previous.toMs),
    });
  }

  const breachRows = await carrierBreachesBetween(runner, carrier.code, new Date(month.fromMs), new Date(month.toMs));
  const breaches: ReviewBreach[] = breachRows.map((row) => ({
    id: row.id,
    policyName: row.policy_name,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    metric: row.metric,
    severity: row.severity,
    status: row.status,
    openedAt: row.opened_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    ...breachDuration({ openedAtMs: row.opened_at.getTime(), resolvedAtMs: row.resolved_at?.getTime() ?? null, asOfMs, fromMs: month.fromMs, toMs: month.toMs }),
  }));

  const exceptionRows = await monthOverMonth(runner, carrier.code, month, asOfMs);
  const parcels: ReviewParcel[] = [];
  for (const kind of ['late', 'failed'] as const) {
    const list = await readParcelList(runner, {
      kind, fromMs: month.fromMs, toMs: month.toMs, asOfMs, carrier: carrier.code, sort: 'legStartAt', limit: REVIEW_PARCELS_PER_KIND, format: 'json',
    });
    for (const parcel of list.parcels) {
      parcels.push({ trackingNumber: parcel.trackingNumber, corridor: parcel.corridor, legStartAt: parcel.legStartAt, miss: kind, reason: kind === 'late' ? parcel.lateReason : parcel.failureReason });
    }
  }

  return {
    carrier: { code: carrier.code, name: carrier.name },
    month: month.month,
    from: new Date(month.fromMs).toISOString(),
    to: new Date(month.toMs).toISOString(),
    previousMonth: month.previous.month,
    timeZone,
    asOf: input.asOf.toISOString(),
    totals: { current: reviewTotals(exceptionRows, 'current'), previous: reviewTotals(exceptionRows, 'previous') },
    terms,
    breaches,
    statement: statement.statement,
    statementNote: statement.note,
    lanes: lanesByMisses(exceptionRows),
    parcels,
    reasons: reviewReasons(exceptionRows),
  };
}

/**
 * A term's value over [fromMs, toMs): the evaluation's measurement with the month as its window (whole
 * days ending at the month's end, so a month with a daylight-saving change starts an hour off its local midnight).
 */
async function measureTerm(runner: SqlRunner, policy: PolicyRow, fromMs: number, toMs: number): Promise<TermFigure> {
  const monthPolicy: PolicyRow = { ...policy, window_days: Math.round((toMs - fromMs) / DAY_MS), burn_rate: null };
  const instance = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level };
  const { measurement, verdict } = await measurePolicyInstance(runner, monthPolicy, instance, new Date(toMs));
  return { value: measurement.value, sample: measurement.sample, verdict };
}

/** The exception report's counts per lane for the calendar month, the previous calendar month beside them. */
async function monthOverMonth(runner: SqlRunner, carrier: string, month: ReviewMonth, asOfMs: number): Promise<ExceptionReportRow[]> {
  const read = (fromMs: number, toMs: number) => readExceptionReport(runner, { fromMs, toMs, asOfMs, carrier });
  const current = await read(month.fromMs, month.toMs);
  const previous = await read(month.previous.fromMs, month.previous.toMs);
  const counts = (row: ExceptionReportRow) => ({ carrier: row.carrier, corridor: row.corridor, ...row.current });
  return compareExceptionPeriods({ current: current.rows.map(counts), previous: previous.rows.map(counts) });
}
