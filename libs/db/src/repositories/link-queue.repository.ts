import type { LinkQueueEntity } from '../entities/link-queue.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { execute, rows, SqlRunner } from './sql-runner';

/** A link_queue row as written (entity property names); events: new events of the leg the batch stored, added to its count by the derivation. */
export type QueuedLeg = Pick<LinkQueueEntity, 'legId' | 'batchId' | 'events'>;

type QueuedLegRow = ColumnsOf<LinkQueueEntity, 'leg_id' | 'batch_id' | 'events'>;

/** Asks for these legs' journeys to be derived again; one row per leg and batch. */
export async function enqueueLegs(runner: SqlRunner, legs: QueuedLeg[]): Promise<void> {
  if (legs.length === 0) return;
  await execute(runner,
    `INSERT INTO link_queue (leg_id, batch_id, events) SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::int[])`,
    [legs.map((leg) => leg.legId), legs.map((leg) => leg.batchId), legs.map((leg) => leg.events)],
  );
}

/**
 * Picks the legs of up to `limit` of the oldest queue rows no other transaction holds (SKIP LOCKED),
 * locking those rows; takeQueuedLegs later deletes the rows of the legs whose journeys were locked.
 */
export async function pickQueuedLegs(runner: SqlRunner, limit: number): Promise<string[]> {
  const picked = await rows<ColumnsOf<LinkQueueEntity, 'leg_id'>>(
    runner,
    `SELECT DISTINCT leg_id::text AS leg_id FROM (SELECT leg_id FROM link_queue ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) AS oldest`,
    [limit],
  );
  return picked.map((row) => row.leg_id);
}

/** Takes (deletes) every queued row of these legs that no other transaction holds. */
export async function takeQueuedLegs(runner: SqlRunner, legIds: string[]): Promise<QueuedLeg[]> {
  if (legIds.length === 0) return [];
  const taken = await rows<QueuedLegRow>(
    runner,
    `DELETE FROM link_queue WHERE id IN (SELECT id FROM link_queue WHERE leg_id = ANY($1::bigint[]) FOR UPDATE SKIP LOCKED)
     RETURNING leg_id::text AS leg_id, batch_id, events`,
    [legIds],
  );
  return taken.map((row) => ({ legId: row.leg_id, batchId: row.batch_id, events: row.events }));
}

export async function linkQueueDepth(runner: SqlRunner): Promise<{ rows: number; oldest: Date | null }> {
  const [found] = await rows<{ n: string; oldest: TableRow<LinkQueueEntity>['enqueued_at'] | null }>(runner, `SELECT count(*) AS n, min(enqueued_at) AS oldest FROM link_queue`);
  return { rows: Number(found.n), oldest: found.oldest };
}

/**
 * Takes the lock of every leg in key order: a derivation holds the legs of the components it
 * changes, so two derivations of one component run one after the other and any others in parallel.
 * Advisory locks, so ingestion (which never waits for them) is never held up by a derivation.
 */
export async function lockLegs(runner: SqlRunner, legIds: string[]): Promise<void> {
  if (legIds.length === 0) return;
  await execute(runner, `SELECT lanewatch_lock_legs($1::bigint[])`, [legIds]);
}

/**
 * Takes, without waiting, the leg locks of whole groups (link components, each a list of leg ids):
 * a group with any lock held elsewhere gets none and is left to a later derivation. Returns the legs
 * of the groups now held (migration 1796431000000). Never waits, so it can never be part of a deadlock.
 */
export async function tryLockLegGroups(runner: SqlRunner, groups: string[][]): Promise<string[]> {
  if (groups.length === 0) return [];
  const [found] = await rows<{ held: string[] }>(runner, `SELECT lanewatch_try_lock_leg_groups($1::bigint[], $2::int[])::text[] AS held`, [
    groups.flat(),
    groups.flatMap((group, index) => group.map(() => index)),
  ]);
  return found.held;
}

export async function addLegEventCounts(runner: SqlRunner, counts: Map<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const entries = [...counts.entries()].filter(([, n]) => n !== 0);
  if (entries.length === 0) return;
  await execute(runner,
    `UPDATE legs l SET event_count = l.event_count + t.n
       FROM unnest($1::bigint[], $2::int[]) AS t(id, n) WHERE l.id = t.id`,
    [entries.map((e) => e[0]), entries.map((e) => e[1])],
  );
}

/** Notes the legs a derivation changed, under its transaction id (a rebuild's redo list). */
export async function logDerivation(runner: SqlRunner, legIds: string[]): Promise<void> {
  if (legIds.length === 0) return;
  await execute(runner, `INSERT INTO derive_log (xid, leg_ids) VALUES (pg_current_xact_id()::text::bigint, $1::bigint[])`, [legIds]);
}

/** Drops derivation notes older than `olderThan`, unless a rebuild is running (it still needs them). */
export async function trimDeriveLog(runner: SqlRunner, olderThan: Date): Promise<void> {
  await execute(runner,
    `DELETE FROM derive_log WHERE logged_at < $1
        AND NOT EXISTS (SELECT 1 FROM background_tasks WHERE kind = 'rebuild' AND status = 'running')`,
    [olderThan],
  );
}
