import {
  addToMoments,
  bucketOf,
  CUSTOMS_HOURS_HISTOGRAM,
  HistogramSpec,
  KEEPS_CORRIDOR,
  KEEPS_SERVICE_LEVEL,
  keptCopies,
  KpiContribution,
  KpiFamily,
  LATENCY_HOURS_HISTOGRAM,
  Moments,
  packHistogram,
  removeFromMoments,
  ROLLUP_TIERS,
  RollupTier,
  tierBucketStart,
  TRANSIT_DAYS_HISTOGRAM,
  unpackHistogram,
} from '@lanewatch/domain';
import { rows, SqlRunner } from './sql-runner';

export const HISTOGRAM_OF: Partial<Record<KpiFamily, HistogramSpec>> = {
  transit: TRANSIT_DAYS_HISTOGRAM,
  customs: CUSTOMS_HOURS_HISTOGRAM,
  km: TRANSIT_DAYS_HISTOGRAM,
  handover: CUSTOMS_HOURS_HISTOGRAM,
  feed: LATENCY_HOURS_HISTOGRAM,
};

interface Cell {
  tier: RollupTier;
  bucketStart: number;
  level: string;
  keeps: number;
  carrierId: number;
  peerCarrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
}

const cellKey = (cell: Cell) => [cell.tier, cell.bucketStart, cell.level, cell.keeps, cell.carrierId, cell.peerCarrierId, cell.corridor, cell.serviceLevel, cell.family].join('\u001f');
const contributionKey = (c: KpiContribution) => [c.level, c.carrierId, c.peerCarrierId, c.corridor, c.serviceLevel, c.family, c.closingMs, c.value, c.success].join('\u001f');

/** Facts that did not change contribute the same before and after: they cancel out, untouched. */
function netChanges(removed: KpiContribution[], added: KpiContribution[]) {
  const pending = new Map<string, KpiContribution[]>();
  for (const contribution of removed) {
    const key = contributionKey(contribution);
    const same = pending.get(key);
    if (same) same.push(contribution);
    else pending.set(key, [contribution]);
  }
  const adds: KpiContribution[] = [];
  for (const contribution of added) {
    const same = pending.get(contributionKey(contribution));
    if (same && same.length > 0) same.pop();
    else adds.push(contribution);
  }
  return { removes: [...pending.values()].flat(), adds };
}

interface CellChange {
  cell: Cell;
  removes: KpiContribution[];
  adds: KpiContribution[];
}

function changesPerCell(removes: KpiContribution[], adds: KpiContribution[]): CellChange[] {
  const cells = new Map<string, CellChange>();
  const note = (contribution: KpiContribution, kind: 'removes' | 'adds') => {
    for (const tier of ROLLUP_TIERS) {
      for (const keeps of keptCopies(contribution.level)) {
        const cell: Cell = {
          tier,
          bucketStart: tierBucketStart(tier, contribution.closingMs),
          level: contribution.level,
          keeps,
          carrierId: contribution.carrierId,
          peerCarrierId: contribution.peerCarrierId,
          corridor: keeps & KEEPS_CORRIDOR ? contribution.corridor : '',
          serviceLevel: keeps & KEEPS_SERVICE_LEVEL ? contribution.serviceLevel : '',
          family: contribution.family,
        };
        const key = cellKey(cell);
        const change = cells.get(key) ?? { cell, removes: [], adds: [] };
        change[kind].push(contribution);
        cells.set(key, change);
      }
    }
  };
  removes.forEach((c) => note(c, 'removes'));
  adds.forEach((c) => note(c, 'adds'));
  return [...cells.values()].sort((a, b) => cellKey(a.cell).localeCompare(cellKey(b.cell)));
}

const cellColumns = (cells: Cell[]) => [
  cells.map((c) => c.tier),
  cells.map((c) => new Date(c.bucketStart).toISOString()),
  cells.map((c) => c.level),
  cells.map((c) => c.keeps),
  cells.map((c) => c.carrierId),
  cells.map((c) => c.peerCarrierId),
  cells.map((c) => c.corridor),
  cells.map((c) => c.serviceLevel),
  cells.map((c) => c.family),
];
const CELL_UNNEST = `unnest($1::smallint[], $2::timestamptz[], $3::char(1)[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[])
  AS k(tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family)`;
const CELL_MATCH = `r.tier = k.tier AND r.bucket_start = k.bucket_start AND r.level = k.level AND r.keeps = k.keeps AND r.carrier_id = k.carrier_id
  AND r.peer_carrier_id = k.peer_carrier_id AND r.corridor = k.corridor AND r.service_level = k.service_level AND r.family = k.family`;

/**
 * Moves the rollups from the old facts' contributions to the new ones. Runs under the linking
 * lock (one writer at a time), so a read-modify-write of the touched cells is safe.
 */
export async function applyRollupChanges(runner: SqlRunner, input: { removed: KpiContribution[]; added: KpiContribution[] }): Promise<void> {
  const { removes, adds } = netChanges(input.removed, input.added);
  if (removes.length === 0 && adds.length === 0) return;
  const changes = changesPerCell(removes, adds);
  const cells = changes.map((change) => change.cell);
  const existing = await rows<{ key: string; count: number; successes: number; mean: number; m2: number; histogram: Uint8Array | null }>(
    runner,
    `SELECT concat_ws(chr(31), r.tier, (extract(epoch FROM r.bucket_start) * 1000)::bigint, r.level, r.keeps, r.carrier_id, r.peer_carrier_id, r.corridor, r.service_level, r.family) AS key,
            r.count, r.successes, r.mean, r.m2, r.histogram
       FROM kpi_rollups r JOIN ${CELL_UNNEST} ON ${CELL_MATCH}
        FOR UPDATE OF r`,
    cellColumns(cells),
  );
  const current = new Map(existing.map((row) => [row.key, row]));
  const next = changes.map((change) => {
    const row = current.get(cellKey(change.cell));
    let moments: Moments = { count: row?.count ?? 0, mean: row?.mean ?? 0, m2: row?.m2 ?? 0 };
    let successes = row?.successes ?? 0;
    const spec = HISTOGRAM_OF[change.cell.family];
    const histogram = spec && row?.histogram ? unpackHistogram(row.histogram) : new Map<number, number>();
    const move = (c: KpiContribution, sign: 1 | -1) => {
      if (c.value === null) moments = { ...moments, count: moments.count + sign };
      else moments = sign === 1 ? addToMoments(moments, c.value) : removeFromMoments(moments, c.value);
      if (c.success) successes += sign;
      if (spec && c.value !== null) {
        const bucket = bucketOf(spec, c.value);
        const count = (histogram.get(bucket) ?? 0) + sign;
        if (count < 0) throw new Error(`rollup cell ${cellKey(change.cell)} would hold ${count} values in bucket ${bucket}`);
        if (count === 0) histogram.delete(bucket);
        else histogram.set(bucket, count);
      }
    };
    change.removes.forEach((c) => move(c, -1));
    change.adds.forEach((c) => move(c, 1));
    const packed = spec ? packHistogram(histogram) : null;
    return {
      cell: change.cell,
      count: moments.count,
      successes,
      mean: moments.mean,
      m2: moments.m2,
      histogram: packed ? Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength) : null,
    };
  });
  // Cells left empty are deleted by key, the rest upserted: the statements name exactly the rows they
  // touch, so no plan depends on how many cells happen to be empty (a `count <= 0` filter once made
  // the planner scan every cell per key).
  const live = next.filter((n) => n.count > 0);
  const emptied = next.filter((n) => n.count <= 0 && current.has(cellKey(n.cell)));
  if (live.length > 0) {
    await runner.query(
      `INSERT INTO kpi_rollups (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family, count, successes, mean, m2, histogram)
       SELECT * FROM unnest($1::smallint[], $2::timestamptz[], $3::char(1)[], $4::smallint[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
                            $10::int[], $11::int[], $12::float8[], $13::float8[], $14::bytea[])
       ON CONFLICT (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family)
       DO UPDATE SET count = excluded.count, successes = excluded.successes, mean = excluded.mean, m2 = excluded.m2, histogram = excluded.histogram`,
      [
        ...cellColumns(live.map((n) => n.cell)),
        live.map((n) => n.count),
        live.map((n) => n.successes),
        live.map((n) => n.mean),
        live.map((n) => n.m2),
        live.map((n) => n.histogram),
      ],
    );
  }
  if (emptied.length > 0) {
    await runner.query(`DELETE FROM kpi_rollups r USING ${CELL_UNNEST} WHERE ${CELL_MATCH}`, cellColumns(emptied.map((n) => n.cell)));
  }
}
