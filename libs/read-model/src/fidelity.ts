import { fidelityCounters, forEachFramedCell, readRollups, SqlRunner } from '@lanewatch/db';
import { addFidelityCounts, emptyFidelityCounts, FidelityCounts, FidelityCountsPart, FidelityParams, KPI_LEVEL, ROLLUP_TIER, rollupRanges } from '@lanewatch/domain';

/** Per carrier id, per bucket start (epoch ms): what mapping fidelity counts there. */
export type FidelityCountsByCarrier = Map<number, Map<number, FidelityCounts>>;

/**
 * The window's fidelity counts per carrier and bucket: events, unmapped and UNCLASSIFIED ones from the
 * received-event rollups (the scorecard's own cells, so the two never disagree), rejected entries and
 * warnings from the API's hourly counters. Everything is dated by receipt.
 */
export async function readFidelity(runner: SqlRunner, query: { params: FidelityParams; carrierId: number | null }): Promise<FidelityCountsByCarrier> {
  const { fromMs, toMs, bucket } = query.params;
  // Hours read quarter-hour cells only; days read day cells (quarter hours at no edge: the bounds are midnights).
  const ranges = bucket === 'hour' ? [{ tier: ROLLUP_TIER.quarterHour, fromMs, toMs }] : rollupRanges(fromMs, toMs, 'day');
  const [cells, counters] = await Promise.all([
    readRollups(runner, {
      level: KPI_LEVEL.event,
      families: ['feed', 'unmapped', 'unclassified'],
      ranges,
      groupBy: ['carrier_id'],
      period: bucket,
      ...(query.carrierId !== null ? { carrierId: query.carrierId } : {}),
      histograms: false,
    }),
    fidelityCounters(runner, { fromMs, toMs, bucket, carrierId: query.carrierId }),
  ]);
  const out: FidelityCountsByCarrier = new Map();
  const add = (carrierId: number, startMs: number, more: FidelityCountsPart) => {
    const buckets = out.get(carrierId) ?? new Map<number, FidelityCounts>();
    out.set(carrierId, buckets);
    buckets.set(startMs, addFidelityCounts(buckets.get(startMs) ?? emptyFidelityCounts(), more));
  };
  for (const row of cells) {
    let count = 0;
    forEachFramedCell(row.cells, (cell) => {
      count += cell.count;
    });
    if (count === 0) continue;
    // `unclassified` is a part of `unmapped`: it adds to no event count of its own.
    const more: FidelityCountsPart =
      row.family === 'unclassified' ? { unclassified: count } : row.family === 'unmapped' ? { events: count, unmapped: count } : { events: count };
    add(Number(row.carrier_id), Number(row.period), more);
  }
  for (const row of counters) add(row.carrierId, row.startMs, row.kind === null ? { rejected: row.count } : { warnings: { [row.kind]: row.count } });
  return out;
}
