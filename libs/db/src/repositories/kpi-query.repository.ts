import { keepsFor, KpiLevel, ROLLUP_TIER, TierRange } from '@lanewatch/domain';
import type { KpiRollupEntity } from '../entities/kpi-rollup.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** Key columns a rollup read may group by. */
export type RollupColumn = 'carrier_id' | 'peer_carrier_id' | 'corridor' | 'service_level';

export interface RollupQuery {
  level: KpiLevel;
  families: readonly string[];
  /** the cells to sum: from `rollupRanges` */
  ranges: TierRange[];
  groupBy: RollupColumn[];
  /** also group by UTC hour, day or ISO week (Monday) of the cells: only with ranges no coarser than that period */
  period?: 'hour' | 'day' | 'week';
  carrierId?: number;
  /** the peer key: a hand-over's other carrier (level h), a contract's number (level k) */
  peerCarrierId?: number;
  corridor?: string;
  serviceLevel?: string;
  /** leave the histograms out for count-only families */
  histograms: boolean;
}

/** The window's cells of one group key (and period) and family, gathered into one row. */
export type RollupCellRow = Partial<ColumnsOf<KpiRollupEntity, RollupColumn>> &
  ColumnsOf<KpiRollupEntity, 'family'> & {
    /** epoch ms of the period start, when grouped by period */
    period?: string;
    /** every cell's count, successes, moments and packed histogram, framed: read with `forEachFramedCell` */
    cells: Uint8Array;
  };

/** One rollup cell as a read hands it over; an unfolded removal delta has negative count and successes. */
export interface FramedCell {
  count: number;
  successes: number;
  mean: number;
  m2: number;
  /** the packed histogram (empty when the family has none or the read left them out) */
  histogram: Uint8Array;
}

export interface Statement {
  sql: string;
  parameters: unknown[];
}

const iso = (ms: number) => new Date(ms).toISOString();

const needs = (query: RollupQuery, column: RollupColumn, filter: string | undefined) => query.groupBy.includes(column) || filter !== undefined;

/**
 * The SQL of every KPI and scorecard read: the window's rollup cells, never events or facts.
 * It reads the copy of the cells that keeps exactly the dimensions grouped or filtered by, so
 * a read grouped by carrier touches one cell per carrier, family and tier range. The caller
 * merges the cells: moments with Chan's formula, histograms by adding counts.
 */
export function rollupStatement(query: RollupQuery): Statement {
  // A cell must lie inside one period: no month cells per week or day, no week cells per day, only quarter hours per hour.
  const { day, month, week } = ROLLUP_TIER;
  const tooCoarse: readonly number[] = query.period === 'hour' ? [day, month, week] : query.period === 'day' ? [month, week] : query.period === 'week' ? [month] : [];
  const coarse = query.ranges.find((range) => tooCoarse.includes(range.tier));
  if (coarse) throw new Error(`a per-${query.period} read cannot use tier ${coarse.tier} cells`);
  const parameters: unknown[] = [];
  const p = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const wanted = { corridor: needs(query, 'corridor', query.corridor), serviceLevel: needs(query, 'service_level', query.serviceLevel) };
  const conditions = [`level = ${p(query.level)}`, `family = ANY(${p([...query.families])}::text[])`];
  if (query.carrierId !== undefined) conditions.push(`carrier_id = ${p(query.carrierId)}`);
  if (query.peerCarrierId !== undefined) conditions.push(`peer_carrier_id = ${p(query.peerCarrierId)}`);
  if (query.corridor !== undefined) conditions.push(`corridor = ${p(query.corridor)}`);
  if (query.serviceLevel !== undefined) conditions.push(`service_level = ${p(query.serviceLevel)}`);
  // A shipment without a corridor (or service level) has no group of that kind.
  if (query.groupBy.includes('corridor')) conditions.push(`corridor <> ''`);
  if (query.groupBy.includes('service_level')) conditions.push(`service_level <> ''`);
  const period = query.period ? [`(extract(epoch FROM date_trunc('${query.period}', bucket_start, 'UTC')) * 1000)::bigint::text AS period`] : [];
  const histogram = query.histograms ? 'histogram' : 'NULL::bytea AS histogram';
  const select = `SELECT ${[...query.groupBy, ...period, 'family', 'count', 'successes', 'mean', 'm2', histogram].join(', ')} FROM kpi_rollups WHERE ${conditions.join(' AND ')}`;
  // Deltas the compactor has not folded yet count too (docs/architecture.md), so an answer reflects
  // every derived fact at once: their quarter hours inside the window, kept whole like tier 1, a
  // removal framed with negative count and successes.
  const signed = [...query.groupBy, ...period, 'family', 'sign * count AS count', 'sign * successes AS successes', 'mean', 'm2', histogram].join(', ');
  // One branch per tier range (at most seven), each a plain index range whatever the planner's
  // statistics say; an empty window still needs a valid statement that returns nothing.
  const ranges: TierRange[] = query.ranges.length > 0 ? query.ranges : [{ tier: ROLLUP_TIER.day, fromMs: 0, toMs: 0 }];
  // Each tier's copy keeps what the read groups or filters by (quarter hours are kept whole: GROUP BY
  // sums their other dimensions away).
  const branches = ranges.map(
    (range) =>
      `${select} AND keeps = ${p(keepsFor(query.level, range.tier, wanted))} AND tier = ${p(range.tier)} AND bucket_start >= ${p(iso(range.fromMs))} AND bucket_start < ${p(iso(range.toMs))}`,
  );
  const windowFrom = Math.min(...ranges.map((range) => range.fromMs));
  const windowTo = Math.max(...ranges.map((range) => range.toMs));
  branches.push(`SELECT ${signed} FROM kpi_rollup_deltas WHERE ${conditions.join(' AND ')} AND bucket_start >= ${p(iso(windowFrom))} AND bucket_start < ${p(iso(windowTo))}`);
  // One row per group (and period) and family however many cells the window spans: string_agg
  // gathers the cells into one bytea, each framed as count, successes (int4), mean, m2 (float8,
  // big-endian) and its histogram after its length, and the caller merges them (Chan).
  const keys = [...query.groupBy, ...(query.period ? ['period'] : []), 'family'].join(', ');
  const frame = `int4send(count) || int4send(successes) || float8send(mean) || float8send(m2) || int4send(coalesce(length(histogram), 0)) || coalesce(histogram, ''::bytea)`;
  const sql = `SELECT ${keys}, string_agg(${frame}, ''::bytea) AS cells FROM (${branches.join('\n UNION ALL\n')}) AS cells GROUP BY ${keys}`;
  return { sql, parameters };
}

const FRAME_HEAD = 4 + 4 + 8 + 8 + 4;

/** Calls `visit` with each cell gathered in a read's row (`RollupCellRow.cells`). */
export function forEachFramedCell(framed: Uint8Array, visit: (cell: FramedCell) => void): void {
  const view = new DataView(framed.buffer, framed.byteOffset, framed.byteLength);
  for (let offset = 0; offset < framed.byteLength; ) {
    if (offset + FRAME_HEAD > framed.byteLength) throw new RangeError('framed cells end inside a cell');
    const length = view.getUint32(offset + 24);
    const end = offset + FRAME_HEAD + length;
    if (end > framed.byteLength) throw new RangeError('framed cells end inside a histogram');
    visit({
      count: view.getInt32(offset),
      successes: view.getInt32(offset + 4),
      mean: view.getFloat64(offset + 8),
      m2: view.getFloat64(offset + 16),
      histogram: framed.subarray(offset + FRAME_HEAD, end),
    });
    offset = end;
  }
}

export async function readRollups(runner: SqlRunner, query: RollupQuery): Promise<RollupCellRow[]> {
  const statement = rollupStatement(query);
  return rows<RollupCellRow>(runner, statement.sql, statement.parameters);
}
