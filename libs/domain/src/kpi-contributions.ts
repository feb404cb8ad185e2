// What one fact adds to the KPI rollups (kpis.md §3): each metric family counts in the window of
// its own closing instant. Facts with no value for a family contribute nothing to it.

export const KPI_FAMILIES = ['transit', 'customs', 'attempt', 'on_time'] as const;
// Scorecard families (kpis.md §6): feed latency of mapped events and the count of unmapped ones
// (and, among them, of real scans stored as UNCLASSIFIED, for mapping fidelity);
// Kaplan–Meier cohorts by start (ended with their transit, or still open); hand-over gaps
// per carrier pair; and +1/−1 markers of active, silent and lost periods, summed up to asOf.
export const SCORECARD_FAMILIES = [
  'feed',
  'unmapped',
  'unclassified',
  'km',
  'km_open',
  'handover',
  'active_start',
  'active_end',
  'silent_start',
  'silent_end',
  'lost_start',
  'lost_end',
] as const;
/**
 * Contract clock families (contracts.md §1), on level k: a leg's clockDays (`clock`) and whether it
 * kept within its lane's allowance (`clock_within`, legs of lanes with an allowance only).
 */
export const CLOCK_FAMILIES = ['clock', 'clock_within'] as const;
export type KpiFamily = (typeof KPI_FAMILIES)[number] | (typeof SCORECARD_FAMILIES)[number] | (typeof CLOCK_FAMILIES)[number];
/** s = shipment facts, l = leg facts, e = received events, h = hand-overs between legs, k = legs on a contract clock */
export type KpiLevel = 's' | 'l' | 'e' | 'h' | 'k';

export interface KpiContribution {
  level: KpiLevel;
  carrierId: number;
  /** the other carrier of a hand-over (level h: the carrier that handed over); the contract's number on level k; 0 elsewhere */
  peerCarrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
  closingMs: number;
  /** transit days or customs hours; null for the rate families */
  value: number | null;
  /** first attempt delivered / on time; null for the value families */
  success: boolean | null;
}

export interface FactForRollup {
  corridor: string | null;
  serviceLevel: string | null;
  transitClosingMs: number | null;
  transitDays: number | null;
  customsReleasedMs: number | null;
  customsHoldHours: number | null;
  firstAttemptMs: number | null;
  firstAttemptDelivered: boolean | null;
  onTimeClosingMs: number | null;
  onTime: boolean | null;
}

export function kpiContributions(level: KpiLevel, carrierId: number, fact: FactForRollup): KpiContribution[] {
  const base = { level, carrierId, peerCarrierId: 0, corridor: fact.corridor ?? '', serviceLevel: fact.serviceLevel ?? '' };
  const out: KpiContribution[] = [];
  if (fact.transitClosingMs !== null && fact.transitDays !== null) {
    out.push({ ...base, family: 'transit', closingMs: fact.transitClosingMs, value: fact.transitDays, success: null });
  }
  if (fact.customsReleasedMs !== null && fact.customsHoldHours !== null) {
    out.push({ ...base, family: 'customs', closingMs: fact.customsReleasedMs, value: fact.customsHoldHours, success: null });
  }
  if (fact.firstAttemptMs !== null && fact.firstAttemptDelivered !== null) {
    out.push({ ...base, family: 'attempt', closingMs: fact.firstAttemptMs, value: null, success: fact.firstAttemptDelivered });
  }
  if (fact.onTimeClosingMs !== null && fact.onTime !== null) {
    out.push({ ...base, family: 'on_time', closingMs: fact.onTimeClosingMs, value: null, success: fact.onTime });
  }
  return out;
}

export const QUARTER_HOUR_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;

/** Rollup tiers: 0 = UTC day, 1 = 15 minutes, 2 = UTC calendar month, 3 = ISO week (Monday, UTC). */
export type RollupTier = 0 | 1 | 2 | 3;
export const ROLLUP_TIERS: readonly RollupTier[] = [0, 1, 2, 3];

const WEEK_MS = 7 * DAY_MS;
// 1970-01-05, the first Monday after the epoch: week cells start on Mondays, as ISO weeks do.
const FIRST_MONDAY_MS = 4 * DAY_MS;

export function tierBucketStart(tier: RollupTier, ms: number): number {
  if (tier === 2) {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  if (tier === 3) return Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
  const size = tier === 0 ? DAY_MS : QUARTER_HOUR_MS;
  return Math.floor(ms / size) * size;
}

/** The start of the tier's next bucket after the one holding ms. */
export function tierBucketEnd(tier: RollupTier, ms: number): number {
  if (tier === 2) {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return tierBucketStart(tier, ms) + (tier === 3 ? WEEK_MS : tier === 0 ? DAY_MS : QUARTER_HOUR_MS);
}

export interface TierRange {
  tier: RollupTier;
  fromMs: number;
  toMs: number;
}

const ceilTo = (tier: RollupTier, ms: number) => (tierBucketStart(tier, ms) === ms ? ms : tierBucketEnd(tier, ms));

/** The coarsest cells a read may use: per-period reads must not mix a bucket across periods. */
export type RollupGranularity = 'month' | 'week' | 'day';
const TIERS_FROM: Record<RollupGranularity, RollupTier[]> = { month: [2, 3, 0, 1], week: [3, 0, 1], day: [0, 1] };

/**
 * [from, to) as the fewest rollup cells: whole months (unless `coarsest` is finer), whole ISO
 * weeks at the months' edges, whole days at the weeks' edges, quarter hours at the days' edges.
 * Weeks need not nest in months: each tier only fills the span its coarser tier left at an edge.
 * A read then costs at most ~13 months + 10 weeks + 12 days + 192 quarter hours of cells per key,
 * however many events the window holds. Bounds must fall on a quarter hour.
 */
export function rollupRanges(fromMs: number, toMs: number, coarsest: RollupGranularity = 'month'): TierRange[] {
  if (fromMs % QUARTER_HOUR_MS !== 0 || toMs % QUARTER_HOUR_MS !== 0) throw new RangeError('rollup ranges need quarter-hour bounds');
  const out: TierRange[] = [];
  const cover = (tiers: RollupTier[], from: number, to: number): void => {
    if (from >= to) return;
    const [tier, ...finer] = tiers;
    if (finer.length === 0) {
      out.push({ tier, fromMs: from, toMs: to });
      return;
    }
    const inner = ceilTo(tier, from);
    const outer = tierBucketStart(tier, to);
    if (inner < outer) {
      cover(finer, from, inner);
      out.push({ tier, fromMs: inner, toMs: outer });
      cover(finer, outer, to);
    } else cover(finer, from, to);
  };
  cover(TIERS_FROM[coarsest], fromMs, toMs);
  return out.sort((a, b) => a.fromMs - b.fromMs);
}

interface CellKeyInput {
  level: KpiLevel;
  carrierId: number;
  corridor: string | null;
  serviceLevel: string | null;
}

/**
 * Kaplan–Meier cohort entry (kpis.md §6): counted at its start; `km` with the transit when it
 * ended, `km_open` while still on the road (censored at asOf by the reader).
 */
export function cohortContributions(key: CellKeyInput, startMs: number | null, transitDays: number | null): KpiContribution[] {
  if (startMs === null) return [];
  const base = { level: key.level, carrierId: key.carrierId, peerCarrierId: 0, corridor: key.corridor ?? '', serviceLevel: key.serviceLevel ?? '', closingMs: startMs, success: null };
  return [transitDays === null ? { ...base, family: 'km_open', value: null } : { ...base, family: 'km', value: transitDays }];
}

/** kpis.md §2 hand-over gap, per pair of carriers, counted when the receiving leg starts. */
export function handoverContributions(
  key: CellKeyInput & { previousCarrierId: number | null },
  receivingStartMs: number | null,
  gapHours: number | null,
): KpiContribution[] {
  if (key.previousCarrierId === null || receivingStartMs === null || gapHours === null) return [];
  return [
    {
      level: 'h',
      carrierId: key.carrierId,
      peerCarrierId: key.previousCarrierId,
      corridor: key.corridor ?? '',
      serviceLevel: key.serviceLevel ?? '',
      family: 'handover',
      closingMs: receivingStartMs,
      value: gapHours,
      success: null,
    },
  ];
}

/**
 * One stored event's feed health (kpis.md §6), counted when received: a mapped event's latency
 * in hours (only events with a milestone count, kpis.md preamble), or one more unmapped event.
 */
export function feedContribution(event: { carrierId: number; receivedAtMs: number; occurredAtMs: number; unmapped: boolean }): KpiContribution {
  return {
    level: 'e',
    carrierId: event.carrierId,
    peerCarrierId: 0,
    corridor: '',
    serviceLevel: '',
    family: event.unmapped ? 'unmapped' : 'feed',
    closingMs: event.receivedAtMs,
    value: event.unmapped ? null : (event.receivedAtMs - event.occurredAtMs) / 3_600_000,
    success: null,
  };
}

/**
 * Every feed contribution of one stored event: its feedContribution and, for a real scan kept as
 * UNCLASSIFIED and still unmapped, one more in the `unclassified` family (a part of `unmapped`).
 */
export function feedContributions(event: { carrierId: number; receivedAtMs: number; occurredAtMs: number; unmapped: boolean; unclassified: boolean }): KpiContribution[] {
  const feed = feedContribution(event);
  return event.unmapped && event.unclassified ? [feed, { ...feed, family: 'unclassified' }] : [feed];
}

/** Compact form kept beside each fact row, so the exact contributions can be taken back later. */
export type StoredContribution = [KpiLevel, number, number, string, string, KpiFamily, number, number | null, boolean | null];

export const packContribution = (c: KpiContribution): StoredContribution => [
  c.level,
  c.carrierId,
  c.peerCarrierId,
  c.corridor,
  c.serviceLevel,
  c.family,
  c.closingMs,
  c.value,
  c.success,
];

export const unpackContribution = ([level, carrierId, peerCarrierId, corridor, serviceLevel, family, closingMs, value, success]: StoredContribution): KpiContribution => ({
  level,
  carrierId,
  peerCarrierId,
  corridor,
  serviceLevel,
  family,
  closingMs,
  value,
  success,
});

// Which dimensions a rollup cell keeps (a bit mask): every cell is stored as it is (both kept)
// and, for levels whose cells carry a corridor and service level, with either or both summed
// away. A read takes the copy that keeps exactly what it groups or filters by.
export const KEEPS_CORRIDOR = 1;
export const KEEPS_SERVICE_LEVEL = 2;
export const KEEPS_ALL = KEEPS_CORRIDOR | KEEPS_SERVICE_LEVEL;

/**
 * The copies a contribution at this level is added to in a tier: feed cells (level e) have no lane;
 * quarter hours (tier 1) are kept whole only, since a read sums at most two partial days of them and
 * groups those itself, while every day, week and month cell is read whole by most reads.
 */
export function keptCopies(level: KpiLevel, tier: RollupTier): readonly number[] {
  return level === 'e' || tier === 1 ? [KEEPS_ALL] : [0, KEEPS_CORRIDOR, KEEPS_SERVICE_LEVEL, KEEPS_ALL];
}

/** The copy a read needs: the dimensions it groups or filters by, and nothing else (quarter hours: the whole cell). */
export function keepsFor(level: KpiLevel, tier: RollupTier, needs: { corridor: boolean; serviceLevel: boolean }): number {
  if (level === 'e' || tier === 1) return KEEPS_ALL;
  return (needs.corridor ? KEEPS_CORRIDOR : 0) | (needs.serviceLevel ? KEEPS_SERVICE_LEVEL : 0);
}
