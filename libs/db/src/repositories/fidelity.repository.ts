import type { FeedWarningKind, FidelityBucket } from '@lanewatch/domain';
import type { IngestCountEntity } from '../entities/ingest-count.entity';
import type { IngestWarningCountEntity } from '../entities/ingest-warning-count.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** One carrier's warnings of one kind in one request; carrierId 0 as in ingest_counts. */
export interface WarningCountDelta {
  carrierId: number;
  kind: FeedWarningKind;
  count: number;
}

/**
 * Adds one request's warnings to its hour in one statement, a row per carrier and kind, locked in
 * key order so concurrent requests cannot deadlock.
 */
export async function addWarningCounts(runner: SqlRunner, hour: Date, deltas: readonly WarningCountDelta[]): Promise<void> {
  const counted = deltas.filter((delta) => delta.count > 0);
  if (counted.length === 0) return;
  await runner.query(
    `INSERT INTO ingest_warning_counts (hour, carrier_id, kind, count)
     SELECT $1::timestamptz, d.carrier_id, d.kind, d.count
       FROM unnest($2::int[], $3::text[], $4::bigint[]) AS d(carrier_id, kind, count)
      ORDER BY d.carrier_id, d.kind
     ON CONFLICT (hour, carrier_id, kind) DO UPDATE SET count = ingest_warning_counts.count + EXCLUDED.count`,
    [hour, counted.map((delta) => delta.carrierId), counted.map((delta) => delta.kind), counted.map((delta) => delta.count)],
  );
}

export interface FidelityCounterWindow {
  fromMs: number;
  toMs: number;
  bucket: FidelityBucket;
  /** one carrier's, or every carrier's (null) */
  carrierId: number | null;
}

/** A bucket's rejected entries and warnings of one carrier; kind null for the rejected count. */
export interface FidelityCounterRow {
  carrierId: number;
  startMs: number;
  kind: FeedWarningKind | null;
  count: number;
}

/** Rejected entries (from the ingest counters) and warnings by kind, per carrier and UTC hour or day of receipt; zero rows left out. */
/** ingest_counts' rejected sums (kind null) and ingest_warning_counts' sums by kind, per carrier and bucket. */
type FidelityCounterSumRow = ColumnsOf<IngestCountEntity, 'carrier_id'> &
  ColumnsOf<IngestWarningCountEntity, 'count'> & {
    kind: TableRow<IngestWarningCountEntity>['kind'] | null;
    start_ms: string;
  };

export async function fidelityCounters(runner: SqlRunner, window: FidelityCounterWindow): Promise<FidelityCounterRow[]> {
  const found = await rows<FidelityCounterSumRow>(
    runner,
    `SELECT carrier_id, (extract(epoch FROM date_trunc($4, hour, 'UTC')) * 1000)::bigint AS start_ms, NULL::text AS kind, sum(rejected) AS count
       FROM ingest_counts
      WHERE hour >= $1 AND hour < $2 AND ($3::int IS NULL OR carrier_id = $3) AND rejected > 0
      GROUP BY 1, 2
     UNION ALL
     SELECT carrier_id, (extract(epoch FROM date_trunc($4, hour, 'UTC')) * 1000)::bigint, kind, sum(count)
       FROM ingest_warning_counts
      WHERE hour >= $1 AND hour < $2 AND ($3::int IS NULL OR carrier_id = $3)
      GROUP BY 1, 2, 3`,
    [new Date(window.fromMs), new Date(window.toMs), window.carrierId, window.bucket],
  );
  return found.map((row) => ({ carrierId: row.carrier_id, startMs: Number(row.start_ms), kind: row.kind as FeedWarningKind | null, count: Number(row.count) }));
}
