import { lockRollupCells, shardsWithDeltas, SqlRunner, takeRollupDeltas, tryLockShard, writeRollupCells } from '@lanewatch/db';
import { deltasByCell, foldDeltas, RollupDelta } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';

/** Deltas folded per transaction: enough that the coarse cells (days, weeks, months) are written once for many. */
export const COMPACTION_CHUNK = 20_000;

/**
 * Folds deltas into the rollup cells they change (every tier and kept copy), each cell read and
 * written once however many deltas it takes. The caller holds the shard's lock.
 */
export async function foldIntoRollups(runner: SqlRunner, deltas: RollupDelta[]): Promise<number> {
  const cells = deltasByCell(deltas);
  const current = await lockRollupCells(runner, cells.map((entry) => entry.cell));
  await writeRollupCells(
    runner,
    cells.map((entry, index) => ({
      cell: entry.cell,
      state: foldDeltas({ cell: entry.cell, state: current[index] ?? null, deltas: entry.deltas }),
      existed: current[index] !== undefined,
    })),
  );
  return cells.length;
}

/**
 * One compaction pass: each shard with deltas (at least `minDeltas` of them) whose lock no other
 * compactor holds is folded, a chunk per transaction, until it is empty. Compactors on other workers
 * take other shards, so more workers fold more shards at once. Returns the deltas folded.
 */
export async function compactRollups(dataSource: DataSource, options: { chunk?: number; minDeltas?: number } = {}): Promise<number> {
  let folded = 0;
  for (const shard of await shardsWithDeltas(dataSource, options.minDeltas ?? 1)) {
    for (;;) {
      const taken = await dataSource.transaction(async (manager) => {
        if (!(await tryLockShard(manager, shard))) return 0;
        const deltas = await takeRollupDeltas(manager, shard, options.chunk ?? COMPACTION_CHUNK);
        if (deltas.length > 0) await foldIntoRollups(manager, deltas);
        return deltas.length;
      });
      folded += taken;
      if (taken < (options.chunk ?? COMPACTION_CHUNK)) break;
    }
  }
  return folded;
}
