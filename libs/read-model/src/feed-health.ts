import { readRollups, RollupColumn, SqlRunner } from '@lanewatch/db';
import { KPI_LEVEL, KpiFamily, KpiLevel, rate, RateInterval, rollupRanges, wilsonInterval } from '@lanewatch/domain';
import { FamilyCells, groupRollups } from './rollup-groups';

// The feed and silence figures of kpis.md §6, read once for the scorecards and the SLA evaluator alike.

/** A rate's Wilson 95 % interval (kpis.md §6); null without trials. */
export const ci95 = (successes: number, trials: number): RateInterval | null => {
  const bounds = wilsonInterval(successes, trials);
  return bounds ? { low: bounds.lower, high: bounds.upper } : null;
};

export interface SilenceAtAsOf {
  active: number;
  silent: number;
  silentRate: number | null;
  silentCi95: RateInterval | null;
  lost: number;
}

export const NO_SILENCE: SilenceAtAsOf = { active: 0, silent: 0, silentRate: null, silentCi95: null, lost: 0 };

const SILENCE_FAMILIES: KpiFamily[] = ['active_start', 'active_end', 'silent_start', 'silent_end', 'lost_start', 'lost_end'];

export type FeedKey = { carrier_id?: number; corridor?: string; service_level?: string };

/**
 * Active, silent and lost counts at asOf (kpis.md §6), per group: the +1/−1 markers of every
 * period summed over all cells before asOf (months, weeks, days, then quarter hours).
 */
export async function readSilence(
  runner: SqlRunner,
  input: { level: KpiLevel; asOfMs: number; groupBy: RollupColumn[]; carrierId?: number; corridor?: string; serviceLevel?: string },
): Promise<{ key: FeedKey; silence: SilenceAtAsOf }[]> {
  const result = await readRollups(runner, {
    level: input.level,
    families: SILENCE_FAMILIES,
    ranges: rollupRanges(0, input.asOfMs),
    groupBy: input.groupBy,
    carrierId: input.carrierId,
    corridor: input.corridor,
    serviceLevel: input.serviceLevel,
    histograms: false,
  });
  const groups = groupRollups(
    result,
    (row) => ({ carrier_id: row.carrier_id, corridor: row.corridor, service_level: row.service_level }),
    (key) => [key.carrier_id, key.corridor, key.service_level].join('\u001f'),
  );
  return [...groups.values()].map(({ key, families }) => {
    const open = (kind: 'active' | 'silent' | 'lost') => (families.get(`${kind}_start`)?.count ?? 0) - (families.get(`${kind}_end`)?.count ?? 0);
    const active = open('active');
    // Silent periods lie inside the active one; the bound only keeps rate() defined if markers ever drift.
    const silent = Math.min(open('silent'), active);
    return { key, silence: { active, silent, silentRate: rate(silent, active), silentCi95: ci95(silent, active), lost: open('lost') } };
  });
}

/** A carrier's feed over a window: every event, mapped (with a feed latency) or not. */
export interface FeedFigures {
  events: number;
  latencyP50Hours: number | null;
  latencyP95Hours: number | null;
  unmapped: number;
  unmappedRate: number | null;
  unmappedCi95: RateInterval | null;
}

/** The feed figures of one group's cells; `latencyEvents` is how many events carry a feed latency. */
function feedFigures(families: Map<KpiFamily, FamilyCells> | undefined): { figures: FeedFigures; latencyEvents: number } {
  const feedCells = families?.get('feed');
  const unmapped = families?.get('unmapped')?.count ?? 0;
  const events = (feedCells?.count ?? 0) + unmapped;
  return {
    latencyEvents: feedCells?.count ?? 0,
    figures: {
      events,
      latencyP50Hours: feedCells?.percentile(0.5) ?? null,
      latencyP95Hours: feedCells?.percentile(0.95) ?? null,
      unmapped,
      unmappedRate: rate(unmapped, events),
      unmappedCi95: ci95(unmapped, events),
    },
  };
}

/** Feed latency and unmapped events over [fromMs, toMs) from the event-level rollups, per carrier or for all. */
export async function readFeed(
  runner: SqlRunner,
  input: { fromMs: number; toMs: number; byCarrier: boolean; carrierId?: number },
): Promise<{ carrierId: number | null; figures: FeedFigures; latencyEvents: number }[]> {
  const ranges = input.fromMs < input.toMs ? rollupRanges(input.fromMs, input.toMs) : [];
  const result = await readRollups(runner, {
    level: KPI_LEVEL.event,
    families: ['feed', 'unmapped'],
    ranges,
    groupBy: input.byCarrier ? ['carrier_id'] : [],
    carrierId: input.carrierId,
    histograms: true,
  });
  const groups = groupRollups(result, (row) => (input.byCarrier ? Number(row.carrier_id) : null), String);
  return [...groups.values()].map(({ key, families }) => ({ carrierId: key, ...feedFigures(families) }));
}

/** The feed figures of a window without any event. */
export const NO_FEED: FeedFigures = feedFigures(undefined).figures;
