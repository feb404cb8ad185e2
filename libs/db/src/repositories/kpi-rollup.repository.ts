import { CellState, HISTOGRAM_OF, packHistogram, RollupCellKey, unpackHistogram } from '@lanewatch/domain';
import type { KpiRollupEntity } from '../entities/kpi-rollup.entity';
import type { ColumnsOf } from '../table-row';
import { execute, rows, SqlRunner } from './sql-runner';

/** Bucket starts as text, each distinct one written once (a chunk's cells share a few thousand). */
function bucketTexts(cells: RollupCellKey[]): string[] {
  const texts = new Map<number, string>();
  return cells.map((c) => {
    let text = texts.get(c.bucketStart);
    if (text === undefined) {
      text = new Date(c.bucketStart).toISOString();
      texts.set(c.bucketStart, text);
    }
    return text;
  });
}

const cellColumns = (cells: RollupCellKey[]) => [
  cells.map((c) => c.tier),
  bucketTexts(cells),
  cells.map((c) => c.level),
  cells.map((c) => c.keeps),
  cells.map((c) => c.carrierId),
  cells.map((c) => c.peerCarrierId),
  cells.map((c) => c.corridor),
  cells.map((c) => c.serviceLevel),
  cells.map((c) => c.family),
];
const CELL_ARRAYS = `unnest($1::smallint[], $2::timestamptz[], $3::char(1)[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[])`;
const CELL_NAMES = `tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family`;
const CELL_UNNEST = `${CELL_ARRAYS} AS k(${CELL_NAMES})`;
/** The same keys with their position (from 1) as `ordinal`. */
const NUMBERED_CELL_UNNEST = `${CELL_ARRAYS} WITH ORDINALITY AS k(${CELL_NAMES}, ordinal)`;
const CELL_MATCH = `r.tier = k.tier AND r.bucket_start = k.bucket_start AND r.level = k.level AND r.keeps = k.keeps AND r.carrier_id = k.carrier_id
  AND r.peer_carrier_id = k.peer_carrier_id AND r.corridor = k.corridor AND r.service_level = k.service_level AND r.family = k.family`;

/** A stored cell's state, and the position (from 1) of its key in the statement's key arrays. */
type LockedCellRow = ColumnsOf<KpiRollupEntity, 'count' | 'successes' | 'mean' | 'm2' | 'histogram'> & { ordinal: string };

/**
 * The current state of these cells, locked until the transaction ends, by position (undefined: no
 * such cell yet). Locked in the order given: callers give a fixed order (deltasByCell's), so two
 * writers of the same cells never wait for each other in a cycle.
 */
export async function lockRollupCells(runner: SqlRunner, cells: RollupCellKey[]): Promise<(CellState | undefined)[]> {
  const states = new Array<CellState | undefined>(cells.length);
  if (cells.length === 0) return states;
  // The planner prices a probe per cell of a large chunk above jit_above_cost; compiling it cost more
  // than the probes (about 30 ms a chunk).
  await runner.query(`SET LOCAL jit = off`);
  const existing = await rows<LockedCellRow>(
    runner,
    // One primary-key probe per cell (LATERAL): a join let the planner merge the whole table's index.
    // Rows come back under their key's position, not a key rebuilt from the columns.
    `SELECT k.ordinal, r.count, r.successes, r.mean, r.m2, r.histogram
       FROM ${NUMBERED_CELL_UNNEST} CROSS JOIN LATERAL (SELECT * FROM kpi_rollups r WHERE ${CELL_MATCH} FOR UPDATE) r`,
    cellColumns(cells),
  );
  for (const row of existing) {
    states[Number(row.ordinal) - 1] = {
      count: row.count,
      successes: row.successes,
      mean: row.mean,
      m2: row.m2,
      histogram: row.histogram ? unpackHistogram(row.histogram) : new Map(),
    };
  }
  return states;
}

/**
 * Writes cells back: cells left empty are deleted by key, the rest inserted or written over, as
 * `existed` says (which lockRollupCells told in this transaction, so no one changed it since). The statements name
 * exactly the rows they touch, so no plan depends on how many cells happen to be empty (a `count <= 0`
 * filter once made the planner scan every cell per key).
 */
export async function writeRollupCells(runner: SqlRunner, cells: { cell: RollupCellKey; state: CellState; existed: boolean }[]): Promise<void> {
  const live = cells.filter((entry) => entry.state.count > 0);
  const emptied = cells.filter((entry) => entry.state.count <= 0 && entry.existed);
  const histogram = (entry: (typeof live)[number]) => {
    if (HISTOGRAM_OF[entry.cell.family] === undefined) return null;
    const bytes = packHistogram(entry.state.histogram);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  // Cells that did not exist are inserted plainly: the caller's locks (lockRollupCells under the shard's
  // lock) make sure no one else inserted them since, and an insert that need not look for a conflict first
  // is the cheaper one. Cells that existed are written over.
  const write = async (entries: typeof live, onConflict: string) => {
    if (entries.length === 0) return;
    await execute(runner,
      `INSERT INTO kpi_rollups (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family, count, successes, mean, m2, histogram)
       SELECT * FROM unnest($1::smallint[], $2::timestamptz[], $3::char(1)[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
                            $10::int[], $11::int[], $12::float8[], $13::float8[], $14::bytea[])
       ${onConflict}`,
      [
        ...cellColumns(entries.map((entry) => entry.cell)),
        entries.map((entry) => entry.state.count),
        entries.map((entry) => entry.state.successes),
        entries.map((entry) => entry.state.mean),
        entries.map((entry) => entry.state.m2),
        entries.map(histogram),
      ],
    );
  };
  await write(
    live.filter((entry) => !entry.existed),
    '',
  );
  await write(
    live.filter((entry) => entry.existed),
    `ON CONFLICT (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family)
       DO UPDATE SET count = excluded.count, successes = excluded.successes, mean = excluded.mean, m2 = excluded.m2, histogram = excluded.histogram`,
  );
  if (emptied.length > 0) {
    // A probe per cell: with a hash or merge join the planner would read the whole table.
    await runner.query(`SET LOCAL enable_hashjoin = off`);
    await runner.query(`SET LOCAL enable_mergejoin = off`);
    await execute(runner, `DELETE FROM kpi_rollups r USING ${CELL_UNNEST} WHERE ${CELL_MATCH}`, cellColumns(emptied.map((entry) => entry.cell)));
    await runner.query(`RESET enable_hashjoin`);
    await runner.query(`RESET enable_mergejoin`);
  }
}
