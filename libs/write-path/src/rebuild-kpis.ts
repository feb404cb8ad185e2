import {
  analyzeKpiTables,
  countRebuildWork,
  createShadowTables,
  currentSnapshot,
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
  swapShadowTables,
  tryRebuildLock,
  holdAllShards,
  releaseAllShards,
} from '@lanewatch/db';
import {
  addToMoments,
  cellKeysOf,
  countInHistogram,
  emptyDelta,
  feedContributions,
  foldDeltas,
  HISTOGRAM_OF,
  KpiContribution,
  ROLLUP_TIER,
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

/** Base deltas summed over the whole rebuild: one per quarter hour and full key (sign +1), kept by shard. */
class BaseCells {
  private readonly shards = Array.from({ length: ROLLUP_SHARDS }, () => new Map<string, RollupDelta>());

  /**
   * Adds contributions one by one into their quarter-hour cell (what rollupDeltas would sum them to,
   * without a delta per page to merge again: the rebuild adds a million of them).
   */
  add(contributions: readonly KpiContribution[]): void {
    for (const contribution of contributions) {
      const key = rollupCellKey({ ...contribution, tier: ROLLUP_TIER.quarterHour, bucketStart: quarterHourOf(contribution.closingMs), keeps: 3 });
      const cells = this.shards[rollupShardOf(contribution)];
      let cell = cells.get(key);
      if (!cell) {
        cell = emptyDelta(contribution, 1);
        cells.set(key, cell);
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

  /** Every rollup cell of one shard, folded from the base deltas (which are then let go). */
  cellsOfShard(shard: number): { cell: RollupCellKey; state: ReturnType<typeof foldDeltas>; histogram: boolean }[] {
    const perCell = new Map<string, { cell: RollupCellKey; deltas: RollupDelta[] }>();
    for (const delta of this.shards[shard].values()) {
      for (const cell of cellKeysOf(delta)) {
        const key = rollupCellKey(cell);
        const entry = perCell.get(key);
        if (entry) entry.deltas.push(delta);
        else perCell.set(key, { cell, deltas: [delta] });
      }
    }
    this.shards[shard].clear();
    return [...perCell.values()].map(({ cell, deltas }) => ({ cell, state: foldDeltas({ cell, state: null, deltas }), histogram: HISTOGRAM_OF[cell.family] !== undefined }));
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
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const taskId = options.taskId ?? randomUUID();
  try {
    if (!(await tryRebuildLock(runner))) throw new RebuildRunningError();
    const work = await countRebuildWork(runner);
    const total = work.shipments + work.events;
    await startBackgroundTask(runner, { id: taskId, kind: 'rebuild', label: 'KPI rebuild into shadow tables', total, state: { phase: 'facts' }, now: new Date() });
    let counted = 0;
    const progress = async (done: number, phase: RebuildProgress['phase']) => {
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
    // One snapshot for everything read: the facts and feed of exactly the events it saw.
    await runner.startTransaction('REPEATABLE READ');
    const snapshot = await currentSnapshot(runner.manager);
    await options.afterSnapshot?.();
    for (let after: string | null = null; ; ) {
      const ids = await shipmentPage(runner.manager, after, SHIPMENT_CHUNK);
      if (ids.length === 0) break;
      const { shipmentFacts, legFacts } = factRowsOf(await loadFactInputs(runner.manager, ids));
      await insertFacts(runner.manager, { shipments: shipmentFacts, legs: legFacts, tables: SHADOW_FACT_TABLES });
      cells.add([...shipmentFacts, ...legFacts].flatMap((fact) => fact.rollup.map(unpackContribution)));
      shipments += ids.length;
      counted += ids.length;
      after = ids[ids.length - 1];
      await progress(ids.length, 'facts');
    }
    for (let after = '0'; ; ) {
      const page = await feedEventPage(runner.manager, after, EVENT_CHUNK);
      if (page.length === 0) break;
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
      counted += page.length;
      after = page[page.length - 1].id;
      await progress(page.length, 'feed');
    }
    for (let shard = 0; shard < ROLLUP_SHARDS; shard += 1) await insertShadowCells(runner.manager, cells.cellsOfShard(shard));
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
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await dropShadowTables(runner.manager).catch(() => undefined);
    await finishBackgroundTask(dataSource, { id: taskId, status: 'failed', error: error instanceof Error ? error.message : String(error), now: new Date() }).catch(() => undefined);
    throw error;
  } finally {
    await releaseAllShards(runner).catch(() => undefined);
    await releaseRebuildLock(runner).catch(() => undefined);
    await runner.release();
  }
}

