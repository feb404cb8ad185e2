import { DAY_MS, KpiLevel } from '@lanewatch/domain';
import { rows, SqlRunner } from './sql-runner';

export type KpiGroupKey = 'carrier' | 'corridor' | 'serviceLevel';

export interface KpiCellQuery {
  level: KpiLevel;
  groupBy: KpiGroupKey[];
  fromMs: number;
  toMs: number;
  carrierId?: number;
  corridor?: string;
  serviceLevel?: string;
}

const COLUMN: Record<KpiGroupKey, string> = { carrier: 'carrier_id', corridor: 'corridor', serviceLevel: 'service_level' };

/**
 * The window [from, to) as rollup ranges: whole UTC days from the day tier, the partial days at
 * either edge from the 15-minute tier. Bounds must fall on a quarter hour.
 */
function windowFilter(query: KpiCellQuery, parameters: unknown[]): string {
  const dayFrom = Math.ceil(query.fromMs / DAY_MS) * DAY_MS;
  const dayTo = Math.floor(query.toMs / DAY_MS) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const ranges =
    dayFrom < dayTo
      ? { day: [dayFrom, dayTo], edges: [[query.fromMs, dayFrom], [dayTo, query.toMs]] }
      : { day: [0, 0], edges: [[query.fromMs, query.toMs], [0, 0]] };
  const p = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const conditions = [
    `level = ${p(query.level)}`,
    `((tier = 0 AND bucket_start >= ${p(iso(ranges.day[0]))} AND bucket_start < ${p(iso(ranges.day[1]))})
      OR (tier = 1 AND ((bucket_start >= ${p(iso(ranges.edges[0][0]))} AND bucket_start < ${p(iso(ranges.edges[0][1]))})
                     OR (bucket_start >= ${p(iso(ranges.edges[1][0]))} AND bucket_start < ${p(iso(ranges.edges[1][1]))}))))`,
  ];
  if (query.carrierId !== undefined) conditions.push(`carrier_id = ${p(query.carrierId)}`);
  if (query.corridor !== undefined) conditions.push(`corridor = ${p(query.corridor)}`);
  if (query.serviceLevel !== undefined) conditions.push(`service_level = ${p(query.serviceLevel)}`);
  // A shipment without a corridor (or service level) has no group of that kind.
  if (query.groupBy.includes('corridor')) conditions.push(`corridor <> ''`);
  if (query.groupBy.includes('serviceLevel')) conditions.push(`service_level <> ''`);
  return conditions.join(' AND ');
}

export interface KpiMomentRow {
  carrier_id?: number;
  corridor?: string;
  service_level?: string;
  family: string;
  n: string;
  s: string;
  mean: number | null;
  m2: number | null;
}

export interface KpiBucketRow {
  carrier_id?: number;
  corridor?: string;
  service_level?: string;
  family: string;
  bucket: number;
  count: string;
}

/** The SQL of a KPI read; exported so the test can EXPLAIN exactly what the API runs. */
export function kpiCellStatements(query: KpiCellQuery): { moments: { sql: string; parameters: unknown[] }; buckets: { sql: string; parameters: unknown[] } } {
  const columns = query.groupBy.map((key) => COLUMN[key]);
  const keyList = [...columns, 'family'].join(', ');
  const momentParameters: unknown[] = [];
  const momentFilter = windowFilter(query, momentParameters);
  const join = [...columns, 'family'].map((column) => `c.${column} = g.${column}`).join(' AND ');
  const moments = `WITH cells AS (SELECT ${keyList}, count, successes, mean, m2 FROM kpi_rollups WHERE ${momentFilter}),
     g AS (SELECT ${keyList}, sum(count) AS n, sum(successes) AS s, sum(count * mean) / NULLIF(sum(count), 0) AS mean
             FROM cells GROUP BY ${keyList})
     -- Chan's merge of the cells' Welford moments: M2 = sum of M2 + n * (cell mean - group mean)^2.
     SELECT ${[...columns, 'family'].map((column) => `g.${column}`).join(', ')}, g.n, g.s, g.mean,
            sum(c.m2 + c.count * (c.mean - g.mean) ^ 2) AS m2
       FROM g JOIN cells c ON ${join}
      GROUP BY ${[...columns, 'family'].map((column) => `g.${column}`).join(', ')}, g.n, g.s, g.mean`;
  const bucketParameters: unknown[] = [];
  const bucketFilter = windowFilter(query, bucketParameters);
  const buckets = `SELECT ${keyList}, bucket, sum(count) AS count FROM kpi_rollup_buckets WHERE ${bucketFilter} GROUP BY ${keyList}, bucket`;
  return { moments: { sql: moments, parameters: momentParameters }, buckets: { sql: buckets, parameters: bucketParameters } };
}

export async function readKpiCells(runner: SqlRunner, query: KpiCellQuery): Promise<{ moments: KpiMomentRow[]; buckets: KpiBucketRow[] }> {
  const statements = kpiCellStatements(query);
  const [moments, buckets] = await Promise.all([
    rows<KpiMomentRow>(runner, statements.moments.sql, statements.moments.parameters),
    rows<KpiBucketRow>(runner, statements.buckets.sql, statements.buckets.parameters),
  ]);
  return { moments, buckets };
}
