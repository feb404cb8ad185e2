import {
  analyzeKpiTables,
  countRebuildWork,
  createShadowTables,
  currentSnapshot,
  exportSnapshot,
  joinSnapshot,
  dropShadowTables,
  feedEventPage,
  finishBackgroundTask,
  insertFacts,
  insertShadowCells,
  kpiTablesNeedRebuild,
  indexShadowTables,
  loadFactInputs,
  recordTaskProgress,
  releaseRebuildLock,
  SHADOW_FACT_TABLES,
  shipmentPage,
  SqlRunner,
  startBackgroundTask,
  settleAbandonedRebuilds,
  swapShadowTables,
  tryRebuildLock,
  holdAllShards,
  releaseAllShards,
} from '@lanewatch/db';
import {
  addToMoments,
  cellKeysOf,
  CellState,
  countInHistogram,
  deltaKey,
  emptyDelta,
  feedContributions,
  HISTOGRAM_OF,
  KpiContribution,
  mergeMoments,
  RollupCellKey,
  rollupCellKey,
  RollupDelta,
  quarterHourOf,
  rollupShardOf,
  ROLLUP_SHARDS,
  unpackContribution,
} from '@lanewatch/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { factRowsOf } from './facts';

const SHIPMENT_CHUNK = 2_000;
/** Session advisory lock: one rebuild at a time, released if its process dies (kept in libs/db). */
export { REBUILD_LOCK } from '@lanewatch/db';

/** Another process holds the rebuild lock: a second worker replica starting at the same moment, or the CLI. */
export class RebuildRunningError extends Error {
  constructor() {
    super('another KPI rebuild is running');
  }
}
const EVENT_CHUNK = 20_000;

/**
 * True when events were stored but facts or rollups are missing: after an upgrade that dropped
 * them, or that added leg fact columns old rows lack (exception facts: `failed_attempts` is null).
 * Every stored event, mapped or not, adds to the feed rollups, so rollups exist whenever events do,
 * even when no leg is linked to a shipment yet.
 */
export async function kpisNeedRebuild(runner: SqlRunner): Promise<boolean> {
  return kpiTablesNeedRebuild(runner);
}

export interface RebuildProgress {
  /** Shipments derived and events read so far, of the total. */
  done: number;
  total: number;
  phase: 'facts' | 'feed' | 'cells' | 'swap';
}

/**
 * Connections a rebuild holds at once: its snapshot's (facts' reads, then the swap), the feed's reader
 * in the same snapshot, the shadow tables' writer, and one for progress: a caller's pool needs this many.
 */
export const REBUILD_CONNECTIONS = 4;

/** A read started ahead of its use: should the work in between fail, its own failure is not left unhandled. */
function readAhead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/**
 * Runs loops side by side to their end; once one fails the others stop at their next page (they ask
 * `stopped()`), and the first failure is thrown when none runs any more.
 */
async function sideBySide(loops: ((stopped: () => boolean) => Promise<void>)[]): Promise<void> {
  let failed = false;
  const stopped = () => failed;
  const results = await Promise.allSettled(
    loops.map((loop) =>
      loop(stopped).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** One connection's writes in order, one running while the caller prepares the next. */
class OneWriteAhead {
  private running: Promise<void> = Promise.resolve();
  constructor(private readonly runner: SqlRunner) {}

  /** Waits for the write before (and fails with it), then starts this one without waiting for it. */
  async push(write: (runner: SqlRunner) => Promise<void>): Promise<void> {
    await this.running;
    this.running = readAhead(write(this.runner));
  }

  flush(): Promise<void> {
    return this.running;
  }
}

/**
 * Base deltas summed over the whole rebuild: one per quarter hour and full key (sign +1), found by
 * key while contributions are added and kept by shard for the cells (rollupShardOf is taken once per
 * quarter-hour cell, not per contribution).
 */
class BaseCells {
  private readonly byKey = new Map<string, RollupDelta>();
  private readonly shards: RollupDelta[][] = Array.from({ length: ROLLUP_SHARDS }, () => []);

  /**
   * Adds contributions one by one into their quarter-hour cell (what rollupDeltas would sum them to,
   * without a delta per page to merge again: the rebuild adds a million of them).
   */
  add(contributions: readonly KpiContribution[]): void {
    for (const contribution of contributions) {
      const bucketMs = quarterHourOf(contribution.closingMs);
      const key = deltaKey(contribution, bucketMs, 1);
      let cell = this.byKey.get(key);
      if (!cell) {
        cell = emptyDelta(contribution, 1);
        this.byKey.set(key, cell);
        this.shards[rollupShardOf(contribution)].push(cell);
      }
      if (contribution.value !== null) {
        const moments = addToMoments(cell, contribution.value);
        cell.mean = moments.mean;
        cell.m2 = moments.m2;
        countInHistogram(cell.histogram, contribution.family, contribution.value);
      }
      cell.count += 1;
      if (contribution.success) cell.successes += 1;
    }
  }

  /**
   * Every rollup cell of one shard, its base deltas merged in as they come (all add, so this is
   * foldDeltas' order and arithmetic without a list per cell); the deltas are then let go. No
   * contribution may be added once cells are taken.
   */
  cellsOfShard(shard: number): { cell: RollupCellKey; state: CellState; histogram: boolean }[] {
    this.byKey.clear();
    const perCell = new Map<string, { cell: RollupCellKey; state: CellState; histogram: boolean }>();
    for (const delta of this.shards[shard]) {
      const valued = HISTOGRAM_OF[delta.family] !== undefined;
      for (const cell of cellKeysOf(delta)) {
        const key = rollupCellKey(cell);
        const entry = perCell.get(key);
        if (!entry) {
          const state = { count: delta.count, successes: delta.successes, mean: valued ? delta.mean : 0, m2: valued ? delta.m2 : 0, histogram: new Map(delta.histogram) };
          perCell.set(key, { cell, state, histogram: valued });
          continue;
        }
        const { state } = entry;
        if (valued) {
          const moments = mergeMoments(state, delta);
          state.mean = moments.mean;
          state.m2 = moments.m2;
        }
        state.count += delta.count;
        state.successes += delta.successes;
        for (const [bucket, n] of delta.histogram) state.histogram.set(bucket, (state.histogram.get(bucket) ?? 0) + n);
      }
    }
    this.shards[shard] = [];
    return [...perCell.values()];
  }
}

/**
 * Rebuilds every fact and rollup from the stored events while ingestion and reads go on
 * (docs/architecture.md): facts are derived again in one snapshot into shadow tables, every
 * contribution and every event's feed latency summed in memory by quarter hour and key, the cells of
 * every tier written shard by shard, then the shadow tables are swapped in in one short transaction.
 * What the snapshot did not see is not lost: the events' deltas it missed are kept, and journeys
 * derived meanwhile are queued to be derived again against the new facts. One rebuild at a time.
 */
export async function rebuildKpis(
  dataSource: DataSource,
  options: {
    onProgress?: (progress: RebuildProgress) => void;
    taskId?: string;
    /** Awaited once the snapshot is taken: what happens meanwhile is what the swap must not lose (tests). */
    afterSnapshot?: () => Promise<void>;
    /** Awaited while the swap holds its locks, before it commits: what readers do meanwhile (tests). */
    beforeSwapCommit?: () => Promise<void>;
  } = {},
): Promise<{ shipments: number; events: number; requeuedLegs: number }> {
  // A smaller pool would wait for itself for good.
  const poolSize = (dataSource.options as { poolSize?: number }).poolSize;
  if (poolSize !== undefined && poolSize < REBUILD_CONNECTIONS) throw new Error(`a KPI rebuild needs a pool of ${REBUILD_CONNECTIONS} connections; this one has ${poolSize}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  // The feed's reader (in the same snapshot) and the shadow tables' writer: their statements run in
  // PostgreSQL while this process derives facts and sums contributions (REBUILD_CONNECTIONS).
  const feedReader = dataSource.createQueryRunner();
  const writer = dataSource.createQueryRunner();
  const writes = new OneWriteAhead(writer.manager);
  const taskId = options.taskId ?? randomUUID();
  try {
    if (!(await tryRebuildLock(runner))) throw new RebuildRunningError();
    await settleAbandonedRebuilds(runner, new Date(), true);
    const work = await countRebuildWork(runner);
    const total = work.shipments + work.events;
    await startBackgroundTask(runner, { id: taskId, kind: 'rebuild', label: 'KPI rebuild into shadow tables', total, state: { phase: 'facts' }, now: new Date() });
    let counted = 0;
    const progress = async (done: number, phase: RebuildProgress['phase']) => {
      counted += done;
      await recordTaskProgress(dataSource, { id: taskId, done, state: { phase }, now: new Date() });
      options.onProgress?.({ done: counted, total, phase });
    };
    await createShadowTables(runner);
    const cells = new BaseCells();
    let shipments = 0;
    let events = 0;
    // Compaction pauses until the swap: folded into the live cells the swap replaces, deltas of
    // events the snapshot did not see would be lost (reads add unfolded deltas meanwhile).
    await holdAllShards(runner);
    // One snapshot for everything read: the facts and feed of exactly the events it saw. The feed's
    // reader joins it (exported by this transaction, which stays open until every page is read).
    await runner.startTransaction('REPEATABLE READ');
    const snapshot = await currentSnapshot(runner.manager);
    const exported = await exportSnapshot(runner.manager);
    await options.afterSnapshot?.();
    await Promise.all([feedReader.connect(), writer.connect()]);
    await feedReader.startTransaction('REPEATABLE READ');
    await joinSnapshot(feedReader.manager, exported);

    // Facts and feed side by side, each reading its next page while this process works on the last.
    let factsDone = false;
    const facts = async (stopped: () => boolean) => {
      const page = async (after: string | null) => {
        const ids = await shipmentPage(runner.manager, after, SHIPMENT_CHUNK);
        return ids.length === 0 ? null : { ids, inputs: await loadFactInputs(runner.manager, ids) };
      };
      for (let next = readAhead(page(null)); ; ) {
        const current = await next;
        if (current === null || stopped()) break;
        next = readAhead(page(current.ids[current.ids.length - 1]));
        const { shipmentFacts, legFacts } = factRowsOf(current.inputs);
        await writes.push((manager) => insertFacts(manager, { shipments: shipmentFacts, legs: legFacts, tables: SHADOW_FACT_TABLES }));
        cells.add([...shipmentFacts, ...legFacts].flatMap((fact) => fact.rollup.map(unpackContribution)));
        shipments += current.ids.length;
        await progress(current.ids.length, 'facts');
      }
      factsDone = true;
    };
    const feed = async (stopped: () => boolean) => {
      for (let next = readAhead(feedEventPage(feedReader.manager, '0', EVENT_CHUNK)); ; ) {
        const page = await next;
        if (page.length === 0 || stopped()) break;
        next = readAhead(feedEventPage(feedReader.manager, page[page.length - 1].id, EVENT_CHUNK));
        cells.add(
          page.flatMap((event) =>
            feedContributions({
              carrierId: event.carrier_id,
              receivedAtMs: new Date(event.received_at).getTime(),
              occurredAtMs: new Date(event.occurred_at).getTime(),
              unmapped: event.unmapped,
              unclassified: event.unclassified,
            }),
          ),
        );
        events += page.length;
        await progress(page.length, factsDone ? 'feed' : 'facts');
      }
    };
    await sideBySide([facts, feed]);
    await feedReader.commitTransaction();
    // Each shard's cells are folded here while the last one's are written.
    for (let shard = 0; shard < ROLLUP_SHARDS; shard += 1) {
      const shardCells = cells.cellsOfShard(shard);
      await writes.push((manager) => insertShadowCells(manager, shardCells));
    }
    await writes.flush();
    await progress(0, 'cells');
    await runner.commitTransaction();
    await indexShadowTables(runner.manager);
    await runner.startTransaction();
    const requeuedLegs = await swapShadowTables(runner.manager, snapshot);
    await options.beforeSwapCommit?.();
    await runner.commitTransaction();
    await progress(0, 'swap');
    await analyzeKpiTables(runner);
    await finishBackgroundTask(dataSource, { id: taskId, status: 'completed', error: null, now: new Date() });
    return { shipments, events, requeuedLegs };
  } catch (error) {
    await writes.flush().catch(() => undefined);
    if (feedReader.isTransactionActive) await feedReader.rollbackTransaction().catch(() => undefined);
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await dropShadowTables(runner.manager).catch(() => undefined);
    await finishBackgroundTask(dataSource, { id: taskId, status: 'failed', error: error instanceof Error ? error.message : String(error), now: new Date() }).catch(() => undefined);
    throw error;
  } finally {
    await releaseAllShards(runner).catch(() => undefined);
    await releaseRebuildLock(runner).catch(() => undefined);
    await Promise.all([runner.release(), feedReader.release(), writer.release()]);
  }
}

