import { CellState, packHistogram, RollupCellKey, ROLLUP_SHARDS } from '@lanewatch/domain';
import type { EventEntity } from '../entities/event.entity';
import type { ShipmentEntity } from '../entities/shipment.entity';
import type { ColumnsOf } from '../table-row';
import type { FactTables } from './facts.repository';
import { execute, LOCK_KEYS, rows, SqlRunner } from './sql-runner';

// An online rebuild writes facts and rollups into shadow tables beside the live ones and swaps them
// in when done (docs/architecture.md). The shadow tables mirror the live ones' columns, keys and
// indexes, under names ending in this suffix until the swap.
const SUFFIX = '_rebuild';
const REBUILT = ['shipment_facts', 'leg_facts', 'kpi_rollups'] as const;
const ROLLUP_PARTITIONS = [
  { name: 'kpi_rollups_quarter_hours', values: '(1)' },
  { name: 'kpi_rollups_days_weeks_months', values: '(0, 2, 3)' },
] as const;

export const SHADOW_FACT_TABLES: FactTables = { shipments: `shipment_facts${SUFFIX}`, legs: `leg_facts${SUFFIX}` };

interface Definition {
  name: string;
  definition: string;
  constraint: boolean;
}

/** The primary keys, unique constraints and other indexes of a live table, as SQL to re-create. */
async function definitionsOf(runner: SqlRunner, table: string): Promise<Definition[]> {
  return rows<Definition>(
    runner,
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition, true AS constraint
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u')
     UNION ALL
     SELECT i.relname, pg_get_indexdef(x.indexrelid), false
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [`public.${table}`],
  );
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates empty shadow tables (dropping any a failed rebuild left), without indexes: those come after the load. */
export async function createShadowTables(runner: SqlRunner): Promise<void> {
  await dropShadowTables(runner);
  await runner.query(`CREATE TABLE shipment_facts${SUFFIX} (LIKE shipment_facts INCLUDING DEFAULTS)`);
  await runner.query(`CREATE TABLE leg_facts${SUFFIX} (LIKE leg_facts INCLUDING DEFAULTS)`);
  await runner.query(`CREATE TABLE kpi_rollups${SUFFIX} (LIKE kpi_rollups INCLUDING DEFAULTS) PARTITION BY LIST (tier)`);
  for (const partition of ROLLUP_PARTITIONS) {
    // Room in each page for the compactor's in-place updates, as the live partitions (RollupCellsRoomForUpdates1796520000002).
    await runner.query(
      `CREATE TABLE rollup_partitions.${partition.name}${SUFFIX} PARTITION OF kpi_rollups${SUFFIX} FOR VALUES IN ${partition.values} WITH (fillfactor = 70)`,
    );
  }
}

export async function dropShadowTables(runner: SqlRunner): Promise<void> {
  for (const table of REBUILT) await runner.query(`DROP TABLE IF EXISTS ${table}${SUFFIX}`);
}

/** Gives the loaded shadow tables the live tables' keys and indexes, under shadow names until the swap. */
export async function indexShadowTables(runner: SqlRunner): Promise<void> {
  for (const table of REBUILT) {
    for (const item of await definitionsOf(runner, table)) {
      if (item.constraint) {
        await runner.query(`ALTER TABLE ${table}${SUFFIX} ADD CONSTRAINT ${quote(item.name + SUFFIX)} ${item.definition}`);
      } else {
        // CREATE INDEX name ON [ONLY] public.table USING …: the shadow's, on every partition.
        const definition = item.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?public\.\S+/, (_match, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX ${quote(item.name + SUFFIX)} ON ${table}${SUFFIX}`);
        await runner.query(definition);
      }
    }
    await runner.query(`ANALYZE ${table}${SUFFIX}`);
  }
}

/** Writes rebuilt rollup cells into the shadow rollups (set-based, a chunk at a time). */
export async function insertShadowCells(runner: SqlRunner, cells: { cell: RollupCellKey; state: CellState; histogram: boolean }[]): Promise<void> {
  for (let start = 0; start < cells.length; start += 5_000) {
    const chunk = cells.slice(start, start + 5_000).filter((entry) => entry.state.count > 0);
    if (chunk.length === 0) continue;
    await execute(
      runner,
      `INSERT INTO kpi_rollups${SUFFIX} (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family, count, successes, mean, m2, histogram)
       SELECT * FROM unnest($1::smallint[], $2::timestamptz[], $3::char(1)[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
                            $10::int[], $11::int[], $12::float8[], $13::float8[], $14::bytea[])`,
      [
        chunk.map((entry) => entry.cell.tier),
        chunk.map((entry) => new Date(entry.cell.bucketStart).toISOString()),
        chunk.map((entry) => entry.cell.level),
        chunk.map((entry) => entry.cell.keeps),
        chunk.map((entry) => entry.cell.carrierId),
        chunk.map((entry) => entry.cell.peerCarrierId),
        chunk.map((entry) => entry.cell.corridor),
        chunk.map((entry) => entry.cell.serviceLevel),
        chunk.map((entry) => entry.cell.family),
        chunk.map((entry) => entry.state.count),
        chunk.map((entry) => entry.state.successes),
        chunk.map((entry) => entry.state.mean),
        chunk.map((entry) => entry.state.m2),
        chunk.map((entry) => {
          if (!entry.histogram) return null;
          const bytes = packHistogram(entry.state.histogram);
          return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        }),
      ],
    );
  }
}

/** The snapshot a rebuild reads in: what it saw, to tell later what it did not. */
export async function currentSnapshot(runner: SqlRunner): Promise<string> {
  const [found] = await rows<{ snapshot: string }>(runner, `SELECT pg_current_snapshot()::text AS snapshot`);
  return found.snapshot;
}

/** Exports this transaction's snapshot for other connections to read in (valid while it stays open). */
export async function exportSnapshot(runner: SqlRunner): Promise<string> {
  const [found] = await rows<{ id: string }>(runner, `SELECT pg_export_snapshot() AS id`);
  return found.id;
}

/**
 * Makes this transaction (REPEATABLE READ, before any query) read in an exported snapshot. SET takes
 * no parameters: the id is checked to be what pg_export_snapshot returns before it is put in the text.
 */
export async function joinSnapshot(runner: SqlRunner, id: string): Promise<void> {
  if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(id)) throw new Error(`not a snapshot id: ${JSON.stringify(id)}`);
  await runner.query(`SET TRANSACTION SNAPSHOT '${id}'`);
}

export interface ShipmentPage {
  ids: string[];
  last: string | null;
}

/** The next page of unmerged shipments by id, after `after`. */
export async function shipmentPage(runner: SqlRunner, after: string | null, limit: number): Promise<string[]> {
  const found = await rows<ColumnsOf<ShipmentEntity, 'id'>>(
    runner,
    `SELECT id FROM shipments WHERE merged_into_id IS NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
    [after, limit],
  );
  return found.map((row) => row.id);
}

export type FeedEventRow = ColumnsOf<EventEntity, 'id' | 'carrier_id' | 'received_at' | 'occurred_at'> & {
  unmapped: boolean;
  unclassified: boolean;
};

/** The next page of stored events by id, with what their feed contribution needs. */
export async function feedEventPage(runner: SqlRunner, after: string, limit: number): Promise<FeedEventRow[]> {
  return rows<FeedEventRow>(
    runner,
    // Ordered by the bigint column (e.id), not by the text alias: keyset paging needs numeric order.
    `SELECT e.id::text AS id, e.carrier_id, e.received_at, e.occurred_at, e.milestone IS NULL AS unmapped, e.raw_code IS NOT DISTINCT FROM 'UNCLASSIFIED' AS unclassified
       FROM events e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
    [after, limit],
  );
}

export async function countRebuildWork(runner: SqlRunner): Promise<{ shipments: number; events: number }> {
  const [found] = await rows<{ shipments: string; events: string }>(
    runner,
    `SELECT (SELECT count(*) FROM shipments WHERE merged_into_id IS NULL) AS shipments, (SELECT count(*) FROM events) AS events`,
  );
  return { shipments: Number(found.shipments), events: Number(found.events) };
}

/**
 * Swaps the shadow tables in, in one short transaction the caller runs: the live tables are locked
 * (reads and derivations wait for these moments only), deltas the snapshot saw or that came from
 * derived facts are dropped (the shadow holds the former; the journeys of the latter are queued to be
 * derived again against the new facts), the events' deltas it did not see are kept, and the shadow
 * tables take the live names, keys and indexes. Returns how many legs were queued again.
 */
export async function swapShadowTables(runner: SqlRunner, snapshot: string): Promise<number> {
  const definitions = new Map<string, Definition[]>();
  for (const table of REBUILT) definitions.set(table, await definitionsOf(runner, table));
  // Compactors first (every shard's lock: a running one finishes, the next skips), then the tables in
  // the order derivations take them (facts before deltas), so nothing waits on this in a cycle.
  await runner.query(`SELECT pg_advisory_xact_lock($1, shard) FROM generate_series(0, $2 - 1) AS shard ORDER BY shard`, [LOCK_KEYS.rollupShard, ROLLUP_SHARDS]);
  await runner.query(`LOCK TABLE shipment_facts, leg_facts, kpi_rollups, kpi_rollup_deltas IN ACCESS EXCLUSIVE MODE`);
  const [redo] = await rows<{ n: string }>(
    runner,
    `WITH unseen AS (
       SELECT DISTINCT unnest(leg_ids) AS leg_id FROM derive_log WHERE NOT pg_visible_in_snapshot(xid::text::xid8, $1::pg_snapshot)
     ),
     queued AS (INSERT INTO link_queue (leg_id, batch_id, events) SELECT leg_id, NULL, 0 FROM unseen ORDER BY leg_id RETURNING 1)
     SELECT count(*) AS n FROM queued`,
    [snapshot],
  );
  await runner.query(`DELETE FROM kpi_rollup_deltas WHERE origin = 'f' OR pg_visible_in_snapshot(xid::text::xid8, $1::pg_snapshot)`, [snapshot]);
  for (const table of REBUILT) {
    await runner.query(`DROP TABLE ${table}`);
    await runner.query(`ALTER TABLE ${table}${SUFFIX} RENAME TO ${table}`);
    for (const item of definitions.get(table) ?? []) {
      if (item.constraint) await runner.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${quote(item.name + SUFFIX)} TO ${quote(item.name)}`);
      else await runner.query(`ALTER INDEX ${quote(item.name + SUFFIX)} RENAME TO ${quote(item.name)}`);
    }
  }
  for (const partition of ROLLUP_PARTITIONS) {
    await runner.query(`ALTER TABLE rollup_partitions.${partition.name}${SUFFIX} RENAME TO ${partition.name}`);
  }
  return Number(redo.n);
}

/** Session advisory lock: one rebuild at a time, released if its process dies (one-key form, unlike LOCK_KEYS' two-key codeMap). */
export const REBUILD_LOCK = 7_426_012;

/** True when this session now holds the rebuild lock. */
export async function tryRebuildLock(runner: SqlRunner): Promise<boolean> {
  const [{ locked }] = await rows<{ locked: boolean }>(runner, `SELECT pg_try_advisory_lock($1) AS locked`, [REBUILD_LOCK]);
  return locked;
}

export async function releaseRebuildLock(runner: SqlRunner): Promise<void> {
  await runner.query(`SELECT pg_advisory_unlock($1)`, [REBUILD_LOCK]);
}

export const ABANDONED_REBUILD = 'abandoned: the process running this rebuild stopped before it finished';

/**
 * Marks failed the rebuild tasks a dead process left running: no session of this database holds
 * REBUILD_LOCK (it goes with the process's connection), so none of them is still running. A rebuild
 * starting passes `callerHoldsLock` (it holds the lock itself, so any other running row is a dead one's).
 * A settled row stops holding back the derive log's trim and shows as failed on the health page.
 */
export async function settleAbandonedRebuilds(runner: SqlRunner, now: Date, callerHoldsLock = false): Promise<number> {
  // Correlated, so pg_locks is read only when a running rebuild row exists (it takes every lock partition).
  const settled = await rows<{ id: string }>(
    runner,
    `UPDATE background_tasks t SET status = 'failed', error = $2, finished_at = $1, updated_at = $1
      WHERE t.kind = 'rebuild' AND t.status = 'running'
        AND ($3::boolean OR NOT EXISTS (
              SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $4::oid AND l.objsubid = 1
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND t.id IS NOT NULL))
      RETURNING t.id`,
    [now, ABANDONED_REBUILD, callerHoldsLock, REBUILD_LOCK],
  );
  return settled.length;
}

/** Fresh planner statistics after the swap. */
export async function analyzeKpiTables(runner: SqlRunner): Promise<void> {
  await runner.query(`ANALYZE kpi_rollups, leg_facts, shipment_facts`);
}

/**
 * True when events were stored but facts or rollups are missing (see kpisNeedRebuild in libs/write-path).
 */
export async function kpiTablesNeedRebuild(runner: SqlRunner): Promise<boolean> {
  const [state] = await rows<{ needed: boolean }>(
    runner,
    `SELECT EXISTS (SELECT 1 FROM legs WHERE event_count > 0)
        AND (NOT EXISTS (SELECT 1 FROM kpi_rollups) AND NOT EXISTS (SELECT 1 FROM kpi_rollup_deltas)
             OR (EXISTS (SELECT 1 FROM legs WHERE shipment_id IS NOT NULL AND event_count > 0) AND NOT EXISTS (SELECT 1 FROM shipment_facts))
             OR EXISTS (SELECT 1 FROM leg_facts WHERE failed_attempts IS NULL)) AS needed`,
  );
  return state.needed;
}
