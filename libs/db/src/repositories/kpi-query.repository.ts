import { KpiLevel, TierRange } from '@lanewatch/domain';
import { rows, SqlRunner } from './sql-runner';

/** Key columns a rollup read may group by. */
export type RollupColumn = 'carrier_id' | 'peer_carrier_id' | 'corridor' | 'service_level';

export interface RollupQuery {
  level: KpiLevel;
  families: readonly string[];
  /** the cells to sum: from `rollupRanges` */
  ranges: TierRange[];
  groupBy: RollupColumn[];
  /** also group by UTC day or ISO week (Monday) of the cells: only with day/quarter-hour ranges */
  period?: 'day' | 'week';
  carrierId?: number;
  corridor?: string;
  serviceLevel?: string;
  /** skip the histogram statement for count-only families */
  histograms: boolean;
}

export interface RollupMomentRow {
  carrier_id?: number;
  peer_carrier_id?: number;
  corridor?: string;
  service_level?: string;
  /** epoch ms of the period start, when grouped by period */
  period?: string;
  family: string;
  n: string;
  s: string;
  mean: number | null;
  m2: number | null;
}

export type RollupBucketRow = Omit<RollupMomentRow, 'n' | 's' | 'mean' | 'm2'> & { bucket: number; count: string };

export interface Statement {
  sql: string;
  parameters: unknown[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function cellFilter(query: RollupQuery, parameters: unknown[]): string {
  const p = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  // An empty window still needs a valid (false) filter.
  const ranges = query.ranges.length > 0 ? query.ranges : [{ tier: 0, fromMs: 0, toMs: 0 }];
  const conditions = [
    `level = ${p(query.level)}`,
    `family = ANY(${p([...query.families])}::text[])`,
    `(${ranges.map((range) => `(tier = ${range.tier} AND bucket_start >= ${p(iso(range.fromMs))} AND bucket_start < ${p(iso(range.toMs))})`).join(' OR ')})`,
  ];
  if (query.carrierId !== undefined) conditions.push(`carrier_id = ${p(query.carrierId)}`);
  if (query.corridor !== undefined) conditions.push(`corridor = ${p(query.corridor)}`);
  if (query.serviceLevel !== undefined) conditions.push(`service_level = ${p(query.serviceLevel)}`);
  // A shipment without a corridor (or service level) has no group of that kind.
  if (query.groupBy.includes('corridor')) conditions.push(`corridor <> ''`);
  if (query.groupBy.includes('service_level')) conditions.push(`service_level <> ''`);
  return conditions.join(' AND ');
}

/**
 * The SQL of every KPI and scorecard read: sums of rollup cells, never events or facts. Moments
 * of the cells are merged with Chan's formula; histogram buckets are summed per group.
 */
export function rollupStatements(query: RollupQuery): { moments: Statement; buckets: Statement | null } {
  if (query.period && query.ranges.some((range) => range.tier === 2)) throw new Error('a per-period read cannot use month cells');
  const period = query.period ? `(extract(epoch FROM date_trunc('${query.period}', bucket_start, 'UTC')) * 1000)::bigint::text` : null;
  const select = [...query.groupBy, ...(period ? [`${period} AS period`] : []), 'family'];
  const keys = [...query.groupBy, ...(period ? ['period'] : []), 'family'];
  const keyList = keys.join(', ');
  const momentParameters: unknown[] = [];
  const moments = `WITH cells AS (SELECT ${select.join(', ')}, count, successes, mean, m2 FROM kpi_rollups WHERE ${cellFilter(query, momentParameters)}),
     g AS (SELECT ${keyList}, sum(count) AS n, sum(successes) AS s, sum(count * mean) / NULLIF(sum(count), 0) AS mean
             FROM cells GROUP BY ${keyList})
     -- Chan's merge of the cells' Welford moments: M2 = sum of M2 + n * (cell mean - group mean)^2.
     SELECT ${keys.map((key) => `g.${key}`).join(', ')}, g.n, g.s, g.mean, sum(c.m2 + c.count * (c.mean - g.mean) ^ 2) AS m2
       FROM g JOIN cells c ON ${keys.map((key) => `c.${key} = g.${key}`).join(' AND ')}
      GROUP BY ${keys.map((key) => `g.${key}`).join(', ')}, g.n, g.s, g.mean`;
  if (!query.histograms) return { moments: { sql: moments, parameters: momentParameters }, buckets: null };
  const bucketParameters: unknown[] = [];
  const buckets = `SELECT ${select.join(', ')}, bucket, sum(count) AS count FROM kpi_rollup_buckets
     WHERE ${cellFilter(query, bucketParameters)} GROUP BY ${keyList}, bucket`;
  return { moments: { sql: moments, parameters: momentParameters }, buckets: { sql: buckets, parameters: bucketParameters } };
}

export async function readRollups(runner: SqlRunner, query: RollupQuery): Promise<{ moments: RollupMomentRow[]; buckets: RollupBucketRow[] }> {
  const statements = rollupStatements(query);
  const [moments, buckets] = await Promise.all([
    rows<RollupMomentRow>(runner, statements.moments.sql, statements.moments.parameters),
    statements.buckets ? rows<RollupBucketRow>(runner, statements.buckets.sql, statements.buckets.parameters) : Promise.resolve([]),
  ]);
  return { moments, buckets };
}
