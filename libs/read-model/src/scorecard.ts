import { listCarriers, readRollups, SqlRunner } from '@lanewatch/db';
import {
  censoredTransit,
  CensoredTransit,
  DAY_MS,
  effectiveWindow,
  KPI_LEVEL,
  KpiQueryParams,
  RateInterval,
  rollupRanges,
  TRANSIT_DAYS_HISTOGRAM,
  TransitCohort,
} from '@lanewatch/domain';
import { FirstAttemptKpi, KpiRow, OnTimeKpi, readKpiGroups, UnknownCarrierError } from './kpis';
import { ci95, FeedFigures, NO_FEED, NO_SILENCE, readFeed, readSilence, SilenceAtAsOf } from './feed-health';
import { compareCodeUnits, groupRollups } from './rollup-groups';

export type Interval = RateInterval;

export type ScorecardKpis = Omit<KpiRow, 'carrier' | 'corridor' | 'serviceLevel' | 'firstAttempt' | 'onTime'> & {
  firstAttempt: (FirstAttemptKpi & { ci95: Interval | null }) | null;
  onTime: (OnTimeKpi & { ci95: Interval | null }) | null;
};

export interface Scorecard {
  carrier: string;
  name: string;
  kpis: ScorecardKpis;
  censoredTransit: CensoredTransit;
  feed: FeedFigures;
  silence: SilenceAtAsOf;
  handovers: { from: string; to: string; count: number; meanHours: number | null; p50Hours: number | null; p90Hours: number | null }[];
  corridors: (KpiRow & { firstAttempt: ScorecardKpis['firstAttempt']; onTime: ScorecardKpis['onTime'] })[];
}

export interface ScorecardsResponse {
  from: string;
  to: string;
  asOf: string;
  /** the whole network on shipment facts: parcels silent or lost at asOf, censored end-to-end transit */
  network: { silence: SilenceAtAsOf; censoredTransit: CensoredTransit };
  carriers: Scorecard[];
}

/** Every rate with its Wilson 95 % interval (kpis.md §6). */
function withIntervals<T extends Pick<KpiRow, 'firstAttempt' | 'onTime'>>(row: T) {
  return {
    ...row,
    firstAttempt: row.firstAttempt ? { ...row.firstAttempt, ci95: ci95(row.firstAttempt.delivered, row.firstAttempt.attempted) } : null,
    onTime: row.onTime ? { ...row.onTime, ci95: ci95(row.onTime.onTime, row.onTime.delivered) } : null,
  };
}

/**
 * Carrier scorecards (kpis.md §6) over [from, min(to, asOf)), silence counted at asOf. Every
 * figure comes from the rollups; the KPIs through the same read as GET /kpis.
 */
export async function computeScorecards(
  runner: SqlRunner,
  params: { from: string; to: string; fromMs: number; toMs: number; asOf: string; asOfMs: number; carrier?: string },
): Promise<ScorecardsResponse> {
  const carriers = await listCarriers(runner);
  const chosen = params.carrier ? carriers.filter((carrier) => carrier.code === params.carrier) : carriers;
  if (params.carrier && chosen.length === 0) throw new UnknownCarrierError(`carrier '${params.carrier}' is not registered`);
  const codeOf = new Map(carriers.map((carrier) => [Number(carrier.id), carrier.code]));
  const carrierId = params.carrier ? Number(chosen[0].id) : undefined;
  const kpiParams: KpiQueryParams = {
    from: params.from,
    to: params.to,
    fromMs: params.fromMs,
    toMs: params.toMs,
    asOf: params.asOf,
    asOfMs: params.asOfMs,
    groupBy: ['carrier'],
    ...(params.carrier ? { carrier: params.carrier } : {}),
  };
  const { fromMs, toMs } = effectiveWindow(kpiParams);
  const ranges = fromMs < toMs ? rollupRanges(fromMs, toMs) : [];
  const dayRanges = fromMs < toMs ? rollupRanges(fromMs, toMs, 'day') : [];
  const byCarrier = (row: { carrier_id?: number }) => Number(row.carrier_id);
  // One after another: the runner is one transaction's connection (a read snapshot), which runs one
  // query at a time anyway; pg deprecates queueing queries on a busy client.
  const kpis = await readKpiGroups(runner, kpiParams);
  const corridors = await readKpiGroups(runner, { ...kpiParams, groupBy: ['carrier', 'corridor'] });
  const feed = await readFeed(runner, { fromMs, toMs, byCarrier: true, carrierId });
  const silence = await readSilence(runner, { level: KPI_LEVEL.leg, asOfMs: params.asOfMs, groupBy: ['carrier_id'], carrierId });
  const cohorts = await readRollups(runner, { level: KPI_LEVEL.leg, families: ['km', 'km_open'], ranges: dayRanges, groupBy: ['carrier_id'], period: 'day', carrierId, histograms: true });
  const handovers = await readRollups(runner, { level: KPI_LEVEL.handover, families: ['handover'], ranges, groupBy: ['carrier_id', 'peer_carrier_id'], histograms: true });
  const networkSilence = await readSilence(runner, { level: KPI_LEVEL.shipment, asOfMs: params.asOfMs, groupBy: [] });
  const networkCohorts = await readRollups(runner, { level: KPI_LEVEL.shipment, families: ['km', 'km_open'], ranges: dayRanges, groupBy: [], period: 'day', histograms: true });
  const cohortGroups = groupRollups(cohorts, (row) => ({ carrierId: byCarrier(row), periodMs: Number(row.period) }), (key) => `${key.carrierId}:${key.periodMs}`);
  const cohortsOf = (groups: typeof cohortGroups, carrierId: number): TransitCohort[] =>
    [...groups.values()]
      .filter((group) => group.key.carrierId === carrierId)
      .map((group) => ({
        startMs: group.key.periodMs,
        sizeMs: DAY_MS,
        ended: group.families.get('km')?.histogram ?? new Map(),
        open: group.families.get('km_open')?.count ?? 0,
      }));
  const networkCohortGroups = groupRollups(networkCohorts, (row) => ({ carrierId: 0, periodMs: Number(row.period) }), (key) => String(key.periodMs));
  const handoverGroups = groupRollups(handovers, (row) => ({ to: byCarrier(row), from: Number(row.peer_carrier_id) }), (key) => `${key.from}>${key.to}`);

  const scorecards = chosen.map((carrier): Scorecard => {
    const id = Number(carrier.id);
    const own = kpis.find((entry) => entry.row.carrier === carrier.code)?.row;
    return {
      carrier: carrier.code,
      name: carrier.name,
      kpis: withIntervals({ transit: own?.transit ?? null, customsHold: own?.customsHold ?? null, firstAttempt: own?.firstAttempt ?? null, onTime: own?.onTime ?? null }),
      censoredTransit: censoredTransit({ cohorts: cohortsOf(cohortGroups, id), asOfMs: params.asOfMs, spec: TRANSIT_DAYS_HISTOGRAM }),
      feed: feed.find((entry) => entry.carrierId === id)?.figures ?? NO_FEED,
      silence: silence.find((entry) => Number(entry.key.carrier_id) === id)?.silence ?? NO_SILENCE,
      handovers: [...handoverGroups.values()]
        .filter((group) => group.key.to === id || group.key.from === id)
        .map(({ key, families }) => {
          const gap = families.get('handover');
          return {
            from: codeOf.get(key.from) ?? String(key.from),
            to: codeOf.get(key.to) ?? String(key.to),
            count: gap?.count ?? 0,
            meanHours: gap?.statistics().mean ?? null,
            p50Hours: gap?.percentile(0.5) ?? null,
            p90Hours: gap?.percentile(0.9) ?? null,
          };
        })
        .sort((a, b) => compareCodeUnits(`${a.from}>${a.to}`, `${b.from}>${b.to}`)),
      corridors: corridors
        .filter((entry) => entry.row.carrier === carrier.code)
        .map((entry) => withIntervals(entry.row))
        .sort((a, b) => compareCodeUnits(a.corridor ?? '', b.corridor ?? '')),
    };
  });
  return {
    from: params.from,
    to: params.to,
    asOf: params.asOf,
    network: {
      silence: networkSilence[0]?.silence ?? NO_SILENCE,
      censoredTransit: censoredTransit({ cohorts: cohortsOf(networkCohortGroups, 0), asOfMs: params.asOfMs, spec: TRANSIT_DAYS_HISTOGRAM }),
    },
    carriers: scorecards,
  };
}
