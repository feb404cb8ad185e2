import { carrierIdsByCode, HISTOGRAM_OF, KpiBucketRow, KpiMomentRow, listCarriers, readKpiCells, SqlRunner } from '@lanewatch/db';
import { histogramPercentile, KpiFamily, KpiQueryParams, momentStatistics, rate } from '@lanewatch/domain';

type Stat = number | null;

export interface KpiRow {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  transit: { count: number; meanDays: Stat; stddevDays: Stat; varianceDays: Stat; p50Days: Stat; p90Days: Stat; p95Days: Stat } | null;
  customsHold: { count: number; meanHours: Stat; p50Hours: Stat; p90Hours: Stat } | null;
  firstAttempt: { attempted: number; delivered: number; rate: Stat } | null;
  onTime: { delivered: number; onTime: number; rate: Stat } | null;
}

export interface KpiResponse {
  from: string;
  to: string;
  groupBy: string[];
  rows: KpiRow[];
}

export class UnknownCarrierError extends Error {}

/**
 * The one read path of every KPI (kpis.md §3-5): the API, the charts and the SLA evaluator call it.
 * Grouped or filtered by carrier: leg facts of that carrier's legs; otherwise shipment facts.
 * Answers from the rollups only.
 */
export async function computeKpis(runner: SqlRunner, params: KpiQueryParams): Promise<KpiResponse> {
  let carrierId: number | undefined;
  if (params.carrier) {
    carrierId = (await carrierIdsByCode(runner, [params.carrier])).get(params.carrier);
    if (carrierId === undefined) throw new UnknownCarrierError(`carrier '${params.carrier}' is not registered`);
  }
  const level = params.groupBy.includes('carrier') || params.carrier ? 'l' : 's';
  const { moments, buckets } = await readKpiCells(runner, {
    level,
    groupBy: params.groupBy,
    fromMs: params.fromMs,
    toMs: params.toMs,
    carrierId,
    corridor: params.corridor,
    serviceLevel: params.serviceLevel,
  });
  const codes = params.groupBy.includes('carrier') ? new Map((await listCarriers(runner)).map((c) => [c.id, c.code])) : new Map<number, string>();
  const groupOf = (row: KpiMomentRow | KpiBucketRow) => ({
    carrier: params.groupBy.includes('carrier') ? (codes.get(Number(row.carrier_id)) ?? null) : null,
    corridor: params.groupBy.includes('corridor') ? (row.corridor ?? null) : null,
    serviceLevel: params.groupBy.includes('serviceLevel') ? (row.service_level ?? null) : null,
  });
  const keyOf = (group: ReturnType<typeof groupOf>) => [group.carrier, group.corridor, group.serviceLevel].join('\u001f');

  // The SQL already summed each bucket over the window's cells: one histogram per group and family.
  const histograms = new Map<string, Map<number, number>>();
  for (const row of buckets) {
    const key = `${keyOf(groupOf(row))}\u001f${row.family}`;
    const histogram = histograms.get(key) ?? new Map<number, number>();
    histogram.set(row.bucket, (histogram.get(row.bucket) ?? 0) + Number(row.count));
    histograms.set(key, histogram);
  }
  const percentile = (key: string, family: KpiFamily, p: number) => {
    const spec = HISTOGRAM_OF[family];
    const histogram = histograms.get(`${key}\u001f${family}`);
    return spec && histogram ? histogramPercentile(histogram, spec, p) : null;
  };

  const rows = new Map<string, KpiRow>();
  for (const row of moments) {
    const group = groupOf(row);
    const key = keyOf(group);
    const out = rows.get(key) ?? { ...group, transit: null, customsHold: null, firstAttempt: null, onTime: null };
    const n = Number(row.n);
    const s = Number(row.s);
    const stats = momentStatistics({ count: n, mean: row.mean ?? 0, m2: Math.max(0, row.m2 ?? 0) });
    switch (row.family as KpiFamily) {
      case 'transit':
        out.transit = {
          count: n,
          meanDays: stats.mean,
          stddevDays: stats.stddev,
          varianceDays: stats.variance,
          p50Days: percentile(key, 'transit', 0.5),
          p90Days: percentile(key, 'transit', 0.9),
          p95Days: percentile(key, 'transit', 0.95),
        };
        break;
      case 'customs':
        out.customsHold = {
          count: n,
          meanHours: stats.mean,
          p50Hours: percentile(key, 'customs', 0.5),
          p90Hours: percentile(key, 'customs', 0.9),
        };
        break;
      case 'attempt':
        out.firstAttempt = { attempted: n, delivered: s, rate: rate(s, n) };
        break;
      case 'on_time':
        out.onTime = { delivered: n, onTime: s, rate: rate(s, n) };
        break;
    }
    rows.set(key, out);
  }
  // Rows in code-unit order of (carrier, corridor, serviceLevel): stable across locales.
  const sortKey = (row: KpiRow) => [row.carrier ?? '', row.corridor ?? '', row.serviceLevel ?? ''].join('\u0000');
  const sorted = [...rows.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return { from: params.from, to: params.to, groupBy: params.groupBy, rows: sorted };
}

