import { CarrierDirectory, carrierIdsByCode, contractKeyId, listCarriers, readRollups, RollupColumn, RollupQuery, SqlRunner } from '@lanewatch/db';
import {
  CLOCK_FAMILIES,
  effectiveWindow,
  KPI_FAMILIES,
  KPI_LEVEL,
  KpiFamily,
  KpiQueryParams,
  KpiTimeseriesApiMetric,
  KpiTimeseriesParams,
  rate,
  rollupRanges,
  timeseriesBuckets,
} from '@lanewatch/domain';
import { compareCodeUnits, FamilyCells, groupRollups } from './rollup-groups';

// The response rows are the domain's (browser-safe): the dashboard reads the same types.
import type { ClockKpi, CustomsHoldKpi, FirstAttemptKpi, KpiGroup, KpiRow, OnTimeKpi, TransitKpi } from '@lanewatch/domain';
export type { ClockKpi, CustomsHoldKpi, FirstAttemptKpi, KpiGroup, KpiRow, OnTimeKpi, TransitKpi };

export interface KpiResponse {
  from: string;
  to: string;
  asOf?: string;
  groupBy: string[];
  rows: KpiRow[];
}

export class UnknownCarrierError extends Error {}
export class UnknownContractError extends Error {}

const COLUMN: Record<KpiQueryParams['groupBy'][number], RollupColumn> = { carrier: 'carrier_id', corridor: 'corridor', serviceLevel: 'service_level' };
const groupId = (group: KpiGroup) => [group.carrier, group.corridor, group.serviceLevel].join('\u001f');

function daysKpi(cells: FamilyCells | undefined): TransitKpi | null {
  if (!cells) return null;
  const stats = cells.statistics();
  return {
    count: cells.count,
    meanDays: stats.mean,
    stddevDays: stats.stddev,
    varianceDays: stats.variance,
    p50Days: cells.percentile(0.5),
    p90Days: cells.percentile(0.9),
    p95Days: cells.percentile(0.95),
  };
}

/** The contract clock family of one group: clockDays as transit is, and the share within the allowance. */
function clockKpi(families: Map<KpiFamily, FamilyCells>): ClockKpi | null {
  const days = daysKpi(families.get('clock'));
  if (days === null) return null;
  const within = families.get('clock_within');
  return { ...days, withinAllowance: within ? { legs: within.count, within: within.successes, rate: rate(within.successes, within.count) } : null };
}

/** The §5 metric families of one group, from its summed cells; a family without data is null. */
function kpiRow(group: KpiGroup, families: Map<KpiFamily, FamilyCells>, withClock: boolean): KpiRow {
  const customs = families.get('customs');
  const attempt = families.get('attempt');
  const onTime = families.get('on_time');
  return {
    ...group,
    transit: daysKpi(families.get('transit')),
    customsHold: customs
      ? { count: customs.count, meanHours: customs.statistics().mean, p50Hours: customs.percentile(0.5), p90Hours: customs.percentile(0.9) }
      : null,
    firstAttempt: attempt ? { attempted: attempt.count, delivered: attempt.successes, rate: rate(attempt.successes, attempt.count) } : null,
    onTime: onTime ? { delivered: onTime.count, onTime: onTime.successes, rate: rate(onTime.successes, onTime.count) } : null,
    ...(withClock ? { clock: clockKpi(families) } : {}),
  };
}

/** The number a contract's clock cells are kept under (sla_contract_keys); an unknown name is the caller's error. */
export async function filterContractId(runner: SqlRunner, contract: string | undefined): Promise<number | undefined> {
  if (!contract) return undefined;
  const found = await contractKeyId(runner, contract);
  if (found === undefined) throw new UnknownContractError(`contract '${contract}' has not been applied (lanewatch sla apply)`);
  return found;
}

/** The id of the carrier a read is filtered by (none: undefined); an unregistered code is the caller's error. */
export async function filterCarrierId(runner: SqlRunner, carrier: string | undefined, carriers?: CarrierDirectory): Promise<number | undefined> {
  if (!carrier) return undefined;
  const carrierId = carriers ? carriers.idOf(carrier) : (await carrierIdsByCode(runner, [carrier])).get(carrier);
  if (carrierId === undefined) throw new UnknownCarrierError(`carrier '${carrier}' is not registered`);
  return carrierId;
}

/**
 * The one read path of every KPI (kpis.md §3-5): the API, the timeseries, the scorecards and the
 * SLA evaluator call it. Grouped or filtered by carrier: leg facts of that carrier's legs;
 * otherwise shipment facts. Answers from the rollups only. With `period`, also per UTC day or week.
 * A caller that already read the carrier registry (the SLA evaluation) passes it, so no code is looked up again.
 */
export async function readKpiGroups(
  runner: SqlRunner,
  params: KpiQueryParams,
  period?: 'day' | 'week',
  carriers?: CarrierDirectory,
): Promise<{ periodMs: number | null; row: KpiRow }[]> {
  const carrierId = await filterCarrierId(runner, params.carrier, carriers);
  const window = effectiveWindow(params);
  const query: RollupQuery = {
    level: params.groupBy.includes('carrier') || params.carrier ? KPI_LEVEL.leg : KPI_LEVEL.shipment,
    families: KPI_FAMILIES,
    ranges: window.fromMs < window.toMs ? rollupRanges(window.fromMs, window.toMs, period ?? 'month') : [],
    groupBy: params.groupBy.map((key) => COLUMN[key]),
    period,
    carrierId,
    corridor: params.corridor,
    serviceLevel: params.serviceLevel,
    histograms: true,
  };
  const contractId = await filterContractId(runner, params.contract);
  const result = await readRollups(runner, query);
  // A contract's clock: its legs' cells (level k, under the contract's number), grouped and filtered the
  // same way, through the same read; clock facts are leg facts of the contract's carrier whatever the grouping.
  if (contractId !== undefined) result.push(...(await readRollups(runner, { ...query, level: 'k', families: CLOCK_FAMILIES, peerCarrierId: contractId })));
  const codes = !params.groupBy.includes('carrier') ? new Map<number, string>() : carriers ? null : new Map((await listCarriers(runner)).map((c) => [c.id, c.code]));
  const codeOf = (id: number) => (codes ? codes.get(id) : carriers?.codeOf(id));
  const groups = groupRollups(
    result,
    (row) => ({
      group: {
        carrier: params.groupBy.includes('carrier') ? (codeOf(Number(row.carrier_id)) ?? null) : null,
        corridor: params.groupBy.includes('corridor') ? (row.corridor ?? null) : null,
        serviceLevel: params.groupBy.includes('serviceLevel') ? (row.service_level ?? null) : null,
      },
      periodMs: row.period === undefined ? null : Number(row.period),
    }),
    (key) => `${groupId(key.group)}\u001f${key.periodMs}`,
  );
  return [...groups.values()].map(({ key, families }) => ({ periodMs: key.periodMs, row: kpiRow(key.group, families, contractId !== undefined) }));
}

// Rows in code-unit order of (carrier, corridor, serviceLevel): stable across locales.
const sortKey = (group: KpiGroup) => [group.carrier ?? '', group.corridor ?? '', group.serviceLevel ?? ''].join('\u0000');
const byGroup = (a: KpiGroup, b: KpiGroup) => compareCodeUnits(sortKey(a), sortKey(b));

export async function computeKpis(runner: SqlRunner, params: KpiQueryParams): Promise<KpiResponse> {
  const rows = (await readKpiGroups(runner, params)).map((entry) => entry.row).sort(byGroup);
  return { from: params.from, to: params.to, ...(params.asOf ? { asOf: params.asOf } : {}), groupBy: params.groupBy, rows };
}

export interface KpiTimeseriesPoint {
  start: string;
  end: string;
  value: TransitKpi | CustomsHoldKpi | FirstAttemptKpi | OnTimeKpi | ClockKpi | null;
}

export interface KpiTimeseriesResponse {
  metric: KpiTimeseriesApiMetric;
  bucket: 'day' | 'week';
  from: string;
  to: string;
  asOf?: string;
  groupBy: string[];
  series: (KpiGroup & { points: KpiTimeseriesPoint[] })[];
}

/** kpis.md §6: one point per bucket per group, the same definitions as /kpis (the same read). */
export async function computeKpiTimeseries(runner: SqlRunner, params: KpiTimeseriesParams): Promise<KpiTimeseriesResponse> {
  const entries = await readKpiGroups(runner, params, params.bucket);
  const series = new Map<string, { group: KpiGroup; byPeriod: Map<number, KpiRow> }>();
  for (const entry of entries) {
    const group = { carrier: entry.row.carrier, corridor: entry.row.corridor, serviceLevel: entry.row.serviceLevel };
    const one = series.get(groupId(group)) ?? { group, byPeriod: new Map<number, KpiRow>() };
    one.byPeriod.set(entry.periodMs as number, entry.row);
    series.set(groupId(group), one);
  }
  const buckets = timeseriesBuckets(params.fromMs, params.toMs, params.bucket);
  return {
    metric: params.metric,
    bucket: params.bucket,
    from: params.from,
    to: params.to,
    ...(params.asOf ? { asOf: params.asOf } : {}),
    groupBy: params.groupBy,
    series: [...series.values()]
      .sort((a, b) => byGroup(a.group, b.group))
      .map(({ group, byPeriod }) => ({
        ...group,
        points: buckets.map((bucket) => ({
          start: new Date(bucket.startMs).toISOString(),
          end: new Date(bucket.endMs).toISOString(),
          value: byPeriod.get(bucket.key)?.[params.metric] ?? null,
        })),
      })),
  };
}
