import { CarrierDirectory, readRollups, RollupColumn, SqlRunner } from '@lanewatch/db';
import {
  KPI_LEVEL,
  rollupRanges,
  SLA_METRIC_INFO,
  SlaMeasurementSource,
  SlaMetric,
  slaKpiQuery,
  SlaPolicyScope,
  SlaScopeInstance,
  slaEvaluationInstant,
  SlaSeenScope,
  slaWindow,
} from '@lanewatch/domain';
import { groupRollups, NO_FEED, readFeed, readKpiGroups, readSilence, UnknownCarrierError, UnknownContractError } from '@lanewatch/read-model';

export interface MeasuredScope {
  /** The window actually read: [asOf − windowDays × 24 h, asOf), asOf floored to a quarter hour. */
  window: { from: Date; to: Date };
  source: SlaMeasurementSource;
}

interface MeasurePolicy extends SlaPolicyScope {
  metric: SlaMetric;
  /** The policy's contract: clock metrics read its clock family (contracts.md §1). */
  contract?: string | null;
}

/** The contract a clock metric reads; a clock metric without one measures nothing (insufficient data). */
const clockContract = (policy: MeasurePolicy): { contract?: string } =>
  SLA_METRIC_INFO[policy.metric].family === 'clock' && policy.contract ? { contract: policy.contract } : {};

const COLUMN: Record<'carrier' | 'corridor' | 'serviceLevel', RollupColumn> = { carrier: 'carrier_id', corridor: 'corridor', serviceLevel: 'service_level' };

/**
 * What `slaMeasurement` reads for one scope instance and window, through the same reads as the KPI
 * API (readKpiGroups) and the scorecards (readFeed, readSilence): one code path.
 */
export async function measureScope(
  runner: SqlRunner,
  input: { policy: MeasurePolicy; instance: SlaScopeInstance; asOf: Date; windowDays: number; carriers: CarrierDirectory },
): Promise<MeasuredScope> {
  const asOf = slaEvaluationInstant(input.asOf);
  const window = slaWindow({ windowDays: input.windowDays, asOf });
  const { family } = SLA_METRIC_INFO[input.policy.metric];
  const { instance } = input;
  let carrierId: number | undefined;
  if (instance.carrier) {
    carrierId = input.carriers.idOf(instance.carrier);
    // An unregistered carrier has no data: insufficient, never a breach.
    if (carrierId === undefined) return { window, source: {} };
  }
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  if (family === 'feed_latency' || family === 'unmapped') {
    // The scorecard's own read and figures: every event, mapped (with a latency) or not.
    const [feed = { figures: NO_FEED, latencyEvents: 0 }] = await readFeed(runner, { fromMs, toMs, byCarrier: false, carrierId });
    const { figures } = feed;
    return {
      window,
      source: {
        feedLatency: { events: feed.latencyEvents, p95Hours: figures.latencyP95Hours },
        unmapped: { events: figures.events, unmapped: figures.unmapped, rate: figures.unmappedRate },
      },
    };
  }
  if (family === 'silent') {
    const [entry] = await readSilence(runner, {
      level: instance.carrier ? KPI_LEVEL.leg : KPI_LEVEL.shipment,
      asOfMs: toMs,
      groupBy: [],
      carrierId,
      corridor: instance.corridor ?? undefined,
      serviceLevel: instance.serviceLevel ?? undefined,
    });
    return { window, source: { silent: entry ? { active: entry.silence.active, silent: entry.silence.silent, rate: entry.silence.silentRate } : null } };
  }
  try {
    const rows = await readKpiGroups(runner, {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      fromMs,
      toMs,
      asOf: window.to.toISOString(),
      asOfMs: toMs,
      groupBy: [],
      ...(instance.carrier ? { carrier: instance.carrier } : {}),
      ...(instance.corridor ? { corridor: instance.corridor } : {}),
      ...(instance.serviceLevel ? { serviceLevel: instance.serviceLevel } : {}),
      ...clockContract(input.policy),
    }, undefined, input.carriers);
    const row = rows[0]?.row;
    return { window, source: row ? { transit: row.transit, customsHold: row.customsHold, firstAttempt: row.firstAttempt, onTime: row.onTime, clock: row.clock ?? null } : {} };
  } catch (error) {
    if (error instanceof UnknownCarrierError || error instanceof UnknownContractError) return { window, source: {} };
    throw error;
  }
}

/**
 * The values seen in the window for a policy's "*" fields, from a grouped read over the same
 * rollups the measurement reads (readKpiGroups for parcel metrics). Empty when nothing is "*".
 */
export async function seenScopes(runner: SqlRunner, input: { policy: MeasurePolicy; asOf: Date; windowDays: number; carriers: CarrierDirectory }): Promise<SlaSeenScope[]> {
  const query = slaKpiQuery(input.policy);
  if (!query || query.groupBy === null) return [];
  const asOf = slaEvaluationInstant(input.asOf);
  const window = slaWindow({ windowDays: input.windowDays, asOf });
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  const groupBy = query.groupBy.split(',') as ('carrier' | 'corridor' | 'serviceLevel')[];
  const { family } = SLA_METRIC_INFO[input.policy.metric];
  let carrierId: number | undefined;
  if (query.filters.carrier) {
    carrierId = input.carriers.idOf(query.filters.carrier);
    if (carrierId === undefined) return [];
  }
  if (family === 'feed_latency' || family === 'unmapped' || family === 'silent') {
    const keys =
      family === 'silent'
        ? (await readSilence(runner, { level: input.policy.carrier ? KPI_LEVEL.leg : KPI_LEVEL.shipment, asOfMs: toMs, groupBy: groupBy.map((key) => COLUMN[key]), carrierId, corridor: query.filters.corridor, serviceLevel: query.filters.serviceLevel }))
            .filter((entry) => entry.silence.active > 0)
            .map((entry) => entry.key)
        : [...groupRollups(
            await readRollups(runner, { level: KPI_LEVEL.event, families: ['feed', 'unmapped'], ranges: rollupRanges(fromMs, toMs), groupBy: ['carrier_id'], carrierId, histograms: false }),
            (row) => ({ carrier_id: row.carrier_id }),
            (key) => String(key.carrier_id),
          ).values()].map((group) => group.key);
    return keys.map((key) => ({
      carrier: key.carrier_id === undefined ? null : (input.carriers.codeOf(Number(key.carrier_id)) ?? null),
      corridor: 'corridor' in key ? (key.corridor ?? null) : null,
      serviceLevel: 'service_level' in key ? (key.service_level ?? null) : null,
    }));
  }
  const rows = await readKpiGroups(runner, {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    fromMs,
    toMs,
    asOf: window.to.toISOString(),
    asOfMs: toMs,
    groupBy,
    ...query.filters,
    ...clockContract(input.policy),
  }, undefined, input.carriers);
  return rows.map(({ row }) => ({ carrier: row.carrier, corridor: row.corridor, serviceLevel: row.serviceLevel }));
}
