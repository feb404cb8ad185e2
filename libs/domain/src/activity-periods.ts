import { isPhysical, isTerminal, Milestone } from './milestones';
import { FactEvent } from './shipment-facts';
import { KpiContribution, KpiLevel } from './kpi-contributions';
import { DAY_MS } from './time-units';

// kpis.md §6: silent = not terminal and lastEventAt (latest physical event) more than 10 days
// before asOf; lost candidate = not terminal and no (mapped) event at all for 60 days or more.
// Both are stored as the periods during which they hold, so "how many at asOf" is a sum of
// +1/−1 markers up to asOf over the rollups, for any asOf.
export const SILENT_AFTER_MS = 10 * DAY_MS;
export const LOST_AFTER_MS = 60 * DAY_MS;

/** The readings at which a state holds: from ≤ asOf < to (to null while still open). */
export type Period = [number, number | null];

export interface ActivityPeriods {
  /** from the first physical event until the closing instant (terminal, end of the leg) */
  active: Period | null;
  silent: Period[];
  lost: Period[];
}

/**
 * The periods of one shipment (or one leg) from its events. As in the shipment facts, an event is
 * seen at asOf when it occurred at or before asOf.
 * `closedAtMs` ends everything: the shipment's first terminal event, or for a leg also its own
 * hand-over or delivery and the next leg's first scan; `null` takes the first terminal event.
 */
export function deriveActivityPeriods(input: { events: FactEvent[]; closedAtMs?: number | null }): ActivityPeriods {
  let closedAt = input.closedAtMs ?? null;
  for (const event of input.events) {
    if (event.milestone && isTerminal(event.milestone) && (closedAt === null || event.occurredAtMs < closedAt)) closedAt = event.occurredAtMs;
  }
  const before = (event: FactEvent) => event.milestone !== null && (closedAt === null || event.occurredAtMs < closedAt);
  const instantsOf = (events: FactEvent[]) => [...new Set(events.map((event) => event.occurredAtMs))].sort((a, b) => a - b);
  const physical = instantsOf(input.events.filter((event) => before(event) && isPhysical(event.milestone as Milestone)));
  const mapped = instantsOf(input.events.filter(before));
  // `startsAt` shifts where a period begins: silence is strict ("older than": one millisecond after
  // 10 days), lost inclusive ("for 60 days"). The next event, once seen, ends the period.
  const quietPeriods = (instants: number[], after: number, startsAt: number): Period[] => {
    const periods: Period[] = [];
    instants.forEach((at, index) => {
      const start = at + after + startsAt;
      const next = index + 1 < instants.length ? instants[index + 1] : closedAt;
      if (next === null) periods.push([start, null]);
      else if (start < next) periods.push([start, next]);
    });
    return periods;
  };
  return {
    active: physical.length > 0 ? [physical[0], closedAt] : null,
    silent: quietPeriods(physical, SILENT_AFTER_MS, 1),
    lost: quietPeriods(mapped, LOST_AFTER_MS, 0),
  };
}

/**
 * The +1/−1 markers of a shipment's or leg's periods, as rollup contributions (count only). A read
 * at a quarter-hour asOf sums the markers of cells before asOf, i.e. markers at instants < asOf; a
 * marker one millisecond before each bound makes that "from ≤ asOf" and "to ≤ asOf".
 */
export function activityContributions(
  key: { level: KpiLevel; carrierId: number; corridor: string | null; serviceLevel: string | null },
  periods: ActivityPeriods,
): KpiContribution[] {
  const base = { level: key.level, carrierId: key.carrierId, peerCarrierId: 0, corridor: key.corridor ?? '', serviceLevel: key.serviceLevel ?? '', value: null, success: null };
  const out: KpiContribution[] = [];
  const mark = (period: Period, kind: 'active' | 'silent' | 'lost') => {
    out.push({ ...base, family: `${kind}_start`, closingMs: period[0] - 1 });
    if (period[1] !== null) out.push({ ...base, family: `${kind}_end`, closingMs: period[1] - 1 });
  };
  if (periods.active) mark(periods.active, 'active');
  periods.silent.forEach((period) => mark(period, 'silent'));
  periods.lost.forEach((period) => mark(period, 'lost'));
  return out;
}
