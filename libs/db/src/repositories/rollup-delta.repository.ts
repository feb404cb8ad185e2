import { CellState, KpiFamily, KpiLevel, packHistogram, RollupDelta, ROLLUP_SHARDS, rollupShardOf, unpackHistogram } from '@lanewatch/domain';
import type { IngestBatchEntity } from '../entities/ingest-batch.entity';
import type { KpiRollupDeltaEntity } from '../entities/kpi-rollup-delta.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { execute, LOCK_KEYS, rows, SqlRunner } from './sql-runner';

const packed = (histogram: Map<number, number>) => {
  if (histogram.size === 0) return null;
  const bytes = packHistogram(histogram);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** Where a delta comes from: e = stored events (feed, re-map), f = derived facts. */
export type DeltaOrigin = 'e' | 'f';

/** Appends rollup deltas: insert only, no row any other writer holds, so no transaction waits here. */
export async function appendRollupDeltas(runner: SqlRunner, deltas: RollupDelta[], batchId: string | null, origin: DeltaOrigin): Promise<void> {
  if (deltas.length === 0) return;
  await execute(runner,
    `INSERT INTO kpi_rollup_deltas (xid, origin, shard, batch_id, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family,
       sign, count, successes, mean, m2, histogram)
     SELECT pg_current_xact_id()::text::bigint, $16, t.shard, $1::uuid, t.bucket_start, t.level, t.carrier_id, t.peer_carrier_id, t.corridor, t.service_level, t.family,
            t.sign, t.count, t.successes, t.mean, t.m2, t.histogram
       FROM unnest($2::smallint[], $3::timestamptz[], $4::char(1)[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
                   $10::smallint[], $11::int[], $12::int[], $13::float8[], $14::float8[], $15::bytea[])
         AS t(shard, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family, sign, count, successes, mean, m2, histogram)`,
    [
      batchId,
      deltas.map((d) => rollupShardOf(d)),
      deltas.map((d) => new Date(d.bucketMs).toISOString()),
      deltas.map((d) => d.level),
      deltas.map((d) => d.carrierId),
      deltas.map((d) => d.peerCarrierId),
      deltas.map((d) => d.corridor),
      deltas.map((d) => d.serviceLevel),
      deltas.map((d) => d.family),
      deltas.map((d) => d.sign),
      deltas.map((d) => d.count),
      deltas.map((d) => d.successes),
      deltas.map((d) => d.mean),
      deltas.map((d) => d.m2),
      deltas.map((d) => packed(d.histogram)),
      origin,
    ],
  );
}

/** Shards with at least `minDeltas` deltas waiting, the fullest first. */
export async function shardsWithDeltas(runner: SqlRunner, minDeltas = 1): Promise<number[]> {
  const found = await rows<ColumnsOf<KpiRollupDeltaEntity, 'shard'>>(
    runner,
    `SELECT shard FROM kpi_rollup_deltas GROUP BY shard HAVING count(*) >= $1 ORDER BY count(*) DESC`,
    [Math.max(1, minDeltas)],
  );
  return found.map((row) => Number(row.shard));
}

/** Whether this transaction now holds the shard's compaction lock (false: another compactor has it). */
export async function tryLockShard(runner: SqlRunner, shard: number): Promise<boolean> {
  const [found] = await rows<{ locked: boolean }>(runner, `SELECT pg_try_advisory_xact_lock($1, $2) AS locked`, [LOCK_KEYS.rollupShard, shard]);
  return found.locked;
}

/**
 * A reader's first statement: waits here, before any snapshot is taken, while a rebuild swaps the
 * rollup tables in. A statement that waited inside a SELECT would read the new cells with a snapshot
 * from before the swap, in which the deltas the new cells already hold are not deleted yet (counted
 * twice). The lock order (cells, then deltas) is the swap's, so the two never wait on each other in a cycle.
 */
export async function lockRollupsForRead(runner: SqlRunner, options: { readOnly?: boolean } = {}): Promise<void> {
  // One round trip for both (no parameters: the simple protocol runs the two statements in order).
  await runner.query(`${options.readOnly ? 'SET TRANSACTION READ ONLY; ' : ''}LOCK TABLE kpi_rollups, kpi_rollup_deltas IN ACCESS SHARE MODE`);
}

/**
 * Holds every shard's compaction lock for this session until releaseAllShards (waiting for a running
 * compactor to finish): a KPI rebuild keeps compaction from folding deltas its snapshot did not see
 * into the live cells its swap replaces. Reads add the unfolded deltas meanwhile.
 */
export async function holdAllShards(runner: SqlRunner): Promise<void> {
  await runner.query(`SELECT pg_advisory_lock($1, shard) FROM generate_series(0, $2 - 1) AS shard ORDER BY shard`, [LOCK_KEYS.rollupShard, ROLLUP_SHARDS]);
}

export async function releaseAllShards(runner: SqlRunner): Promise<void> {
  await runner.query(`SELECT pg_advisory_unlock($1, shard) FROM generate_series(0, $2 - 1) AS shard`, [LOCK_KEYS.rollupShard, ROLLUP_SHARDS]);
}

/** A delta as taken: its cell's key and signed partial state, level and family narrowed to the domain's. */
type TakenDeltaRow = ColumnsOf<
  KpiRollupDeltaEntity,
  'carrier_id' | 'peer_carrier_id' | 'corridor' | 'service_level' | 'sign' | 'count' | 'successes' | 'mean' | 'm2' | 'histogram'
> & {
  /** bucket_start in epoch milliseconds (a number parses faster than a timestamp, for every delta folded). */
  bucket_ms: number;
  level: KpiLevel;
  family: KpiFamily;
};

/** Takes (deletes, in this transaction) the oldest deltas of a shard the caller has locked. */
export async function takeRollupDeltas(runner: SqlRunner, shard: number, limit: number): Promise<RollupDelta[]> {
  const taken = await rows<TakenDeltaRow>(
    runner,
    `DELETE FROM kpi_rollup_deltas WHERE id IN (SELECT id FROM kpi_rollup_deltas WHERE shard = $1 ORDER BY id LIMIT $2)
     RETURNING (extract(epoch FROM bucket_start) * 1000)::float8 AS bucket_ms, level, carrier_id, peer_carrier_id, corridor, service_level, family, sign, count, successes, mean, m2, histogram`,
    [shard, limit],
  );
  return taken.map((row) => ({
    level: row.level,
    carrierId: row.carrier_id,
    peerCarrierId: row.peer_carrier_id,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    family: row.family,
    bucketMs: row.bucket_ms,
    sign: row.sign === -1 ? -1 : 1,
    count: row.count,
    successes: row.successes,
    mean: row.mean,
    m2: row.m2,
    histogram: row.histogram ? unpackHistogram(row.histogram) : new Map(),
  }));
}

export async function rollupDeltaBacklog(runner: SqlRunner): Promise<{ rows: number }> {
  const [found] = await rows<{ n: string }>(runner, `SELECT count(*) AS n FROM kpi_rollup_deltas`);
  return { rows: Number(found.n) };
}

export type { CellState };

// The oldest deltas by primary key, a bounded index read: a table of millions costs the same.
const OLDEST_DELTAS_SAMPLED = 1000;

/**
 * Compaction lag for the metrics: whether any delta waits to be folded and, among the oldest ones,
 * the earliest receipt of the batch that wrote one (deltas keep no time of their own; the batch's
 * receipt precedes it, so the age it gives includes storing and deriving). receivedAt is null when
 * none of the oldest deltas names a batch (a rebuild's) or none waits.
 */
export async function oldestUnfoldedDelta(runner: SqlRunner): Promise<{ waiting: boolean; receivedAt: Date | null }> {
  const [found] = await rows<{ waiting: number; received_at: TableRow<IngestBatchEntity>['received_at'] | null }>(
    runner,
    `SELECT count(*)::int AS waiting, min(b.received_at) AS received_at
       FROM (SELECT batch_id FROM kpi_rollup_deltas ORDER BY id LIMIT ${OLDEST_DELTAS_SAMPLED}) d
       LEFT JOIN ingest_batches b ON b.id = d.batch_id`,
  );
  return { waiting: (found?.waiting ?? 0) > 0, receivedAt: found?.received_at ?? null };
}
