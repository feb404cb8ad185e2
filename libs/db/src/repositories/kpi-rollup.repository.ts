import {
  addToMoments,
  bucketOf,
  CUSTOMS_HOURS_HISTOGRAM,
  HistogramSpec,
  KpiContribution,
  KpiFamily,
  LATENCY_HOURS_HISTOGRAM,
  Moments,
  removeFromMoments,
  ROLLUP_TIERS,
  RollupTier,
  tierBucketStart,
  TRANSIT_DAYS_HISTOGRAM,
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
  carrierId: number;
  peerCarrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
}

const cellKey = (cell: Cell) => [cell.tier, cell.bucketStart, cell.level, cell.carrierId, cell.peerCarrierId, cell.corridor, cell.serviceLevel, cell.family].join('\u001f');
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
      const cell: Cell = {
        tier,
        bucketStart: tierBucketStart(tier, contribution.closingMs),
        level: contribution.level,
        carrierId: contribution.carrierId,
        peerCarrierId: contribution.peerCarrierId,
        corridor: contribution.corridor,
        serviceLevel: contribution.serviceLevel,
        family: contribution.family,
      };
      const key = cellKey(cell);
      const change = cells.get(key) ?? { cell, removes: [], adds: [] };
      change[kind].push(contribution);
      cells.set(key, change);
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
  cells.map((c) => c.carrierId),
  cells.map((c) => c.peerCarrierId),
  cells.map((c) => c.corridor),
  cells.map((c) => c.serviceLevel),
  cells.map((c) => c.family),
];
const CELL_UNNEST = `unnest($1::smallint[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[])
  AS k(tier, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family)`;
const CELL_MATCH = `r.tier = k.tier AND r.bucket_start = k.bucket_start AND r.level = k.level AND r.carrier_id = k.carrier_id
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
  const existing = await rows<{ key: string; count: number; successes: number; mean: number; m2: number }>(
    runner,
    `SELECT concat_ws(chr(31), r.tier, (extract(epoch FROM r.bucket_start) * 1000)::bigint, r.level, r.carrier_id, r.peer_carrier_id, r.corridor, r.service_level, r.family) AS key,
            r.count, r.successes, r.mean, r.m2
       FROM kpi_rollups r JOIN ${CELL_UNNEST} ON ${CELL_MATCH}
        FOR UPDATE OF r`,
    cellColumns(cells),
  );
  const current = new Map(existing.map((row) => [row.key, row]));
  const next = changes.map((change) => {
    const row = current.get(cellKey(change.cell));
    let moments: Moments = { count: row?.count ?? 0, mean: row?.mean ?? 0, m2: row?.m2 ?? 0 };
    let successes = row?.successes ?? 0;
    for (const c of change.removes) {
      moments = c.value === null ? { ...moments, count: moments.count - 1 } : removeFromMoments(moments, c.value);
      if (c.success) successes -= 1;
    }
    for (const c of change.adds) {
      moments = c.value === null ? { ...moments, count: moments.count + 1 } : addToMoments(moments, c.value);
      if (c.success) successes += 1;
    }
    return { cell: change.cell, count: moments.count, successes, mean: moments.mean, m2: moments.m2 };
  });
  await runner.query(
    `INSERT INTO kpi_rollups (tier, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family, count, successes, mean, m2)
     SELECT * FROM unnest($1::smallint[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[],
                          $9::int[], $10::int[], $11::float8[], $12::float8[])
     ON CONFLICT (tier, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family)
     DO UPDATE SET count = excluded.count, successes = excluded.successes, mean = excluded.mean, m2 = excluded.m2`,
    [...cellColumns(cells), next.map((n) => n.count), next.map((n) => n.successes), next.map((n) => n.mean), next.map((n) => n.m2)],
  );
  await runner.query(`DELETE FROM kpi_rollups r USING ${CELL_UNNEST} WHERE ${CELL_MATCH} AND r.count <= 0`, cellColumns(cells));

  // Histogram buckets: a signed count per (cell, bucket), summed in place.
  const bucketDeltas = new Map<string, { cell: Cell; bucket: number; delta: number }>();
  for (const change of changes) {
    const spec = HISTOGRAM_OF[change.cell.family];
    if (!spec) continue;
    for (const [list, sign] of [[change.removes, -1], [change.adds, 1]] as const) {
      for (const c of list) {
        const bucket = bucketOf(spec, c.value as number);
        const key = `${cellKey(change.cell)}\u001f${bucket}`;
        const entry = bucketDeltas.get(key) ?? { cell: change.cell, bucket, delta: 0 };
        entry.delta += sign;
        bucketDeltas.set(key, entry);
      }
    }
  }
  const deltas = [...bucketDeltas.values()].filter((d) => d.delta !== 0);
  if (deltas.length === 0) return;
  const bucketCells = deltas.map((d) => d.cell);
  await runner.query(
    `INSERT INTO kpi_rollup_buckets (tier, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family, bucket, count)
     SELECT * FROM unnest($1::smallint[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[])
     ON CONFLICT (tier, bucket_start, level, carrier_id, peer_carrier_id, corridor, service_level, family, bucket)
     DO UPDATE SET count = kpi_rollup_buckets.count + excluded.count`,
    [...cellColumns(bucketCells), deltas.map((d) => d.bucket), deltas.map((d) => d.delta)],
  );
  await runner.query(
    `DELETE FROM kpi_rollup_buckets r USING ${CELL_UNNEST} WHERE ${CELL_MATCH} AND r.count <= 0`,
    cellColumns(bucketCells),
  );
}
