import { rows, SqlRunner } from './sql-runner';
import { DAY_MS } from '@lanewatch/domain';
import type { CarrierEntity } from '../entities/carrier.entity';
import type { LegFactEntity } from '../entities/leg-fact.entity';
import type { LegEntity } from '../entities/leg.entity';
import type { ColumnsOf, TableRow } from '../table-row';

// Exception report and watchlist reads, on leg facts only (never events): the report reads the
// legs that started in its two windows through leg_facts_start_idx; the watchlist the open legs
// through the partial leg_facts_open_idx; every parcel list is a keyset page (LIMIT + cursor).

const SILENT_AFTER_MS = 10 * DAY_MS;
const LOST_AFTER_MS = 60 * DAY_MS;

/** A carrier × lane of leg_facts: the carrier by its code. */
type CarrierLane = ColumnsOf<LegFactEntity, 'corridor'> & { carrier: TableRow<CarrierEntity>['code'] };

export type ExceptionCountRow = CarrierLane & {
  period: 'current' | 'previous';
  parcels: number;
  exceptions: number;
  failed_attempts: number;
  delivered: number;
  late: number;
};

export type ExceptionBreakdownRow = CarrierLane & {
  period: 'current' | 'previous';
  kind: 'category' | 'failure' | 'late';
  /** the exception category, failure reason or late reason (their fallbacks for a null one) */
  key: string;
  n: number;
};

interface Scope {
  carrierId?: number;
  corridor?: string;
}

/** Counts and reason breakdowns per carrier × lane over legs started in [previousFromMs, toMs), split at fromMs. */
export async function readExceptionCounts(
  runner: SqlRunner,
  input: Scope & { previousFromMs: number; fromMs: number; toMs: number },
): Promise<{ counts: ExceptionCountRow[]; breakdowns: ExceptionBreakdownRow[] }> {
  const parameters = [new Date(input.previousFromMs), new Date(input.fromMs), new Date(input.toMs), input.carrierId ?? null, input.corridor ?? null];
  const scoped = `lf.leg_start_at >= $1 AND lf.leg_start_at < $3 AND ($4::int IS NULL OR lf.carrier_id = $4) AND ($5::text IS NULL OR lf.corridor = $5)`;
  const period = `CASE WHEN lf.leg_start_at >= $2 THEN 'current' ELSE 'previous' END`;
  const counts = await rows<ExceptionCountRow>(
    runner,
    `SELECT ${period} AS period, c.code AS carrier, lf.corridor,
            count(*)::int AS parcels,
            count(*) FILTER (WHERE lf.exception_at IS NOT NULL)::int AS exceptions,
            count(*) FILTER (WHERE lf.failed_attempts > 0)::int AS failed_attempts,
            count(*) FILTER (WHERE lf.on_time IS NOT NULL)::int AS delivered,
            count(*) FILTER (WHERE lf.on_time = false)::int AS late
       FROM leg_facts lf JOIN carriers c ON c.id = lf.carrier_id
      WHERE ${scoped}
      GROUP BY 1, 2, 3`,
    parameters,
  );
  const breakdowns = await rows<ExceptionBreakdownRow>(
    runner,
    `SELECT ${period} AS period, c.code AS carrier, lf.corridor, d.kind, d.key, count(*)::int AS n
       FROM leg_facts lf JOIN carriers c ON c.id = lf.carrier_id
       CROSS JOIN LATERAL (VALUES
         ('category', CASE WHEN lf.exception_at IS NOT NULL THEN lf.exception_category END),
         ('failure', CASE WHEN lf.failed_attempts > 0 THEN COALESCE(lf.failure_reason, 'UNKNOWN') END),
         ('late', CASE WHEN lf.on_time = false THEN COALESCE(lf.late_reason, 'no_recorded_cause') END)) AS d(kind, key)
      WHERE ${scoped} AND d.key IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5`,
    parameters,
  );
  return { counts, breakdowns };
}

export type WatchCountRow = CarrierLane & {
  silent: number;
  lost: number;
  open_exceptions: number;
  failed_attempts: number;
};

/** Open legs at asOf per carrier × lane: silent, lost candidates, open exceptions, awaiting redelivery. */
export async function readWatchCounts(runner: SqlRunner, input: Scope & { asOfMs: number }): Promise<WatchCountRow[]> {
  return rows<WatchCountRow>(
    runner,
    `SELECT c.code AS carrier, lf.corridor,
            count(*) FILTER (WHERE lf.last_event_at < $1)::int AS silent,
            count(*) FILTER (WHERE lf.last_mapped_at <= $2)::int AS lost,
            count(*) FILTER (WHERE lf.exception_open)::int AS open_exceptions,
            count(*) FILTER (WHERE lf.failed_attempts > 0)::int AS failed_attempts
       FROM leg_facts lf JOIN carriers c ON c.id = lf.carrier_id
      WHERE lf.closed_at IS NULL AND ($3::int IS NULL OR lf.carrier_id = $3) AND ($4::text IS NULL OR lf.corridor = $4)
      GROUP BY 1, 2
     HAVING count(*) FILTER (WHERE lf.last_event_at < $1 OR lf.last_mapped_at <= $2 OR lf.exception_open OR lf.failed_attempts > 0) > 0
      ORDER BY 1, 2`,
    [new Date(input.asOfMs - SILENT_AFTER_MS), new Date(input.asOfMs - LOST_AFTER_MS), input.carrierId ?? null, input.corridor ?? null],
  );
}

/** A leg's exception facts with its tracking number and carrier code, and the instant it is sorted by. */
export type ParcelRow = ColumnsOf<
  LegFactEntity,
  | 'leg_id'
  | 'corridor'
  | 'service_level'
  | 'leg_start_at'
  | 'last_event_at'
  | 'last_mapped_at'
  | 'closed_at'
  | 'exception_at'
  | 'exception_category'
  | 'exception_open'
  | 'failure_reason'
  | 'on_time'
  | 'late_reason'
> &
  ColumnsOf<LegEntity, 'tracking_number'> & {
    carrier: TableRow<CarrierEntity>['code'];
    // Null only on rows older than exception facts, which the worker rebuilds at start (kpiTablesNeedRebuild).
    failed_attempts: NonNullable<TableRow<LegFactEntity>['failed_attempts']>;
    sort_at: Date;
  };

export interface ParcelQuery extends Scope {
  kind: 'silent' | 'lost' | 'open_exception' | 'failed_attempt' | 'parcels' | 'exception' | 'failed' | 'late';
  fromMs?: number;
  toMs?: number;
  asOfMs: number;
  category?: string;
  reason?: string;
  sortColumn: 'lastEventAt' | 'legStartAt';
  descending: boolean;
  limit: number;
  after?: { at: number; legId: string };
}

/** The WHERE clause of a parcel query and its parameters (only those it names: pg types each one from its use). */
function parcelFilter(query: ParcelQuery): { where: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const conditions: string[] = [];
  switch (query.kind) {
    case 'silent':
      conditions.push(`lf.closed_at IS NULL AND lf.last_event_at < ${bind(new Date(query.asOfMs - SILENT_AFTER_MS))}`);
      break;
    case 'lost':
      conditions.push(`lf.closed_at IS NULL AND lf.last_mapped_at <= ${bind(new Date(query.asOfMs - LOST_AFTER_MS))}`);
      break;
    case 'open_exception':
      conditions.push('lf.closed_at IS NULL AND lf.exception_open');
      break;
    case 'failed_attempt':
      conditions.push('lf.closed_at IS NULL AND lf.failed_attempts > 0');
      break;
    case 'parcels':
      break;
    case 'exception':
      conditions.push('lf.exception_at IS NOT NULL');
      if (query.category !== undefined) conditions.push(`lf.exception_category = ${bind(query.category)}`);
      break;
    case 'failed':
      conditions.push('lf.failed_attempts > 0');
      if (query.reason !== undefined) conditions.push(`COALESCE(lf.failure_reason, 'UNKNOWN') = ${bind(query.reason)}`);
      break;
    case 'late':
      conditions.push('lf.on_time = false');
      if (query.reason !== undefined) conditions.push(`COALESCE(lf.late_reason, 'no_recorded_cause') = ${bind(query.reason)}`);
      break;
  }
  if (query.carrierId !== undefined) conditions.push(`lf.carrier_id = ${bind(query.carrierId)}`);
  if (query.corridor !== undefined) conditions.push(`lf.corridor = ${bind(query.corridor)}`);
  if (query.fromMs !== undefined && query.toMs !== undefined) {
    conditions.push(`lf.leg_start_at >= ${bind(new Date(query.fromMs))} AND lf.leg_start_at < ${bind(new Date(query.toMs))}`);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE', parameters };
}

/** One page of the parcels of a watchlist kind or a report count, and how many there are in all. */
export async function readParcels(runner: SqlRunner, query: ParcelQuery): Promise<{ total: number; parcels: ParcelRow[] }> {
  const sortAt = query.sortColumn === 'lastEventAt' ? `COALESCE(lf.last_event_at, lf.last_mapped_at, 'epoch')` : `COALESCE(lf.leg_start_at, 'epoch')`;
  const { where, parameters } = parcelFilter(query);
  const [{ total }] = await rows<{ total: number }>(runner, `SELECT count(*)::int AS total FROM leg_facts lf WHERE ${where}`, parameters);
  const direction = query.descending ? 'DESC' : 'ASC';
  const n = parameters.length;
  const after = query.after ? `AND (${sortAt}, lf.leg_id) ${query.descending ? '<' : '>'} ($${n + 1}::timestamptz, $${n + 2}::bigint)` : '';
  const parcels = await rows<ParcelRow>(
    runner,
    `SELECT lf.leg_id::text AS leg_id, c.code AS carrier, l.tracking_number, lf.corridor, lf.service_level, lf.leg_start_at, lf.last_event_at,
            lf.last_mapped_at, lf.closed_at, lf.exception_at, lf.exception_category, lf.exception_open, lf.failed_attempts, lf.failure_reason,
            lf.on_time, lf.late_reason, ${sortAt} AS sort_at
       FROM leg_facts lf JOIN legs l ON l.id = lf.leg_id JOIN carriers c ON c.id = lf.carrier_id
      WHERE ${where} ${after}
      ORDER BY ${sortAt} ${direction}, lf.leg_id ${direction}
      LIMIT ${Math.max(1, Math.floor(query.limit))}`,
    query.after ? [...parameters, new Date(query.after.at), query.after.legId] : parameters,
  );
  return { total, parcels };
}
