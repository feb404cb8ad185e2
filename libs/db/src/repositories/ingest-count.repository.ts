import type { IngestHourCounts } from '@lanewatch/domain';
import type { IngestCountEntity } from '../entities/ingest-count.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** One carrier's share of one request's answer; carrierId 0: rejected events without a known carrier. */
export type IngestCountDelta = IngestHourCounts & Pick<IngestCountEntity, 'carrierId'>;

/** An hour's sums (bigint sums come back as numeric text, as the columns do). */
type IngestHourRow = ColumnsOf<IngestCountEntity, 'hour' | 'accepted' | 'duplicates' | 'rejected'>;

/**
 * Adds one request's counts to its hour, one row per carrier, in a single statement. Rows are
 * locked in carrier order so two admin requests spanning the same carriers cannot deadlock.
 */
export async function addIngestCounts(runner: SqlRunner, hour: Date, deltas: readonly IngestCountDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await runner.query(
    `INSERT INTO ingest_counts (hour, carrier_id, accepted, duplicates, rejected)
     SELECT $1::timestamptz, d.carrier_id, d.accepted, d.duplicates, d.rejected
       FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[]) AS d(carrier_id, accepted, duplicates, rejected)
      ORDER BY d.carrier_id
     ON CONFLICT (hour, carrier_id) DO UPDATE
        SET accepted = ingest_counts.accepted + EXCLUDED.accepted,
            duplicates = ingest_counts.duplicates + EXCLUDED.duplicates,
            rejected = ingest_counts.rejected + EXCLUDED.rejected`,
    [
      hour,
      deltas.map((delta) => delta.carrierId),
      deltas.map((delta) => delta.accepted),
      deltas.map((delta) => delta.duplicates),
      deltas.map((delta) => delta.rejected),
    ],
  );
}

/** Every UTC hour of [fromMs, toMs) in order, zeros included; one carrier's counts, or every carrier's (null). */
export async function ingestCountsPerHour(
  runner: SqlRunner,
  window: { fromMs: number; toMs: number; carrierId: number | null },
): Promise<(IngestHourCounts & Pick<IngestCountEntity, 'hour'>)[]> {
  const found = await rows<IngestHourRow>(
    runner,
    `SELECT hours.hour,
            COALESCE(sum(c.accepted), 0) AS accepted,
            COALESCE(sum(c.duplicates), 0) AS duplicates,
            COALESCE(sum(c.rejected), 0) AS rejected
       FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS hours(hour)
       LEFT JOIN ingest_counts c ON c.hour = hours.hour AND ($3::int IS NULL OR c.carrier_id = $3)
      GROUP BY hours.hour
      ORDER BY hours.hour`,
    [new Date(window.fromMs), new Date(window.toMs), window.carrierId],
  );
  return found.map((row) => ({
    hour: row.hour,
    accepted: Number(row.accepted),
    duplicates: Number(row.duplicates),
    rejected: Number(row.rejected),
  }));
}
