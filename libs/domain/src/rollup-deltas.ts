// The write path's rollup changes as additive deltas (docs/architecture.md): a batch or a derivation
// does not rewrite rollup cells, it appends what changed as signed partial cells at the finest grain
// (a quarter hour, every dimension kept). A compactor later folds many deltas into the cells of every
// tier and kept copy at once. Deltas commute: any order of folding gives the same cells (up to the
// last bits of the float moments, far inside kpis.md §4's 1e−6).
import {
  KEEPS_CORRIDOR,
  KEEPS_SERVICE_LEVEL,
  keptCopies,
  KpiContribution,
  KpiFamily,
  KpiLevel,
  ROLLUP_TIERS,
  RollupTier,
  tierBucketStart,
} from './kpi-contributions';
import { QUARTER_HOUR_MS } from './time-units';
import {
  bucketOf,
  CUSTOMS_HOURS_HISTOGRAM,
  HistogramSpec,
  LATENCY_HOURS_HISTOGRAM,
  TRANSIT_DAYS_HISTOGRAM,
} from './statistics/histogram.util';
import { addToMoments, EMPTY_MOMENTS, mergeMoments, Moments, unmergeMoments } from './statistics/moments.util';

/** Families whose cells keep a histogram for percentiles, and its buckets. */
export const HISTOGRAM_OF: Partial<Record<KpiFamily, HistogramSpec>> = {
  transit: TRANSIT_DAYS_HISTOGRAM,
  customs: CUSTOMS_HOURS_HISTOGRAM,
  km: TRANSIT_DAYS_HISTOGRAM,
  clock: TRANSIT_DAYS_HISTOGRAM,
  handover: CUSTOMS_HOURS_HISTOGRAM,
  feed: LATENCY_HOURS_HISTOGRAM,
};

/** What a rollup cell holds: trials or values, successes, Welford moments of the values, histogram. */
export interface CellState {
  count: number;
  successes: number;
  mean: number;
  m2: number;
  histogram: Map<number, number>;
}

export interface RollupDelta {
  level: KpiLevel;
  carrierId: number;
  peerCarrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
  /** The quarter hour holding the contributions' closing instants. */
  bucketMs: number;
  /** +1: these contributions are added; −1: taken away. */
  sign: 1 | -1;
  count: number;
  successes: number;
  mean: number;
  m2: number;
  histogram: Map<number, number>;
}

export interface RollupCellKey {
  tier: RollupTier;
  bucketStart: number;
  level: KpiLevel;
  keeps: number;
  carrierId: number;
  peerCarrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
}

const SEPARATOR = '\u001f';

// A template, not an array joined: the compactor keys every cell of every delta it folds.
export const rollupCellKey = (cell: RollupCellKey): string =>
  `${cell.tier}${SEPARATOR}${cell.bucketStart}${SEPARATOR}${cell.level}${SEPARATOR}${cell.keeps}${SEPARATOR}${cell.carrierId}${SEPARATOR}${cell.peerCarrierId}${SEPARATOR}${cell.corridor}${SEPARATOR}${cell.serviceLevel}${SEPARATOR}${cell.family}`;

const S = SEPARATOR;
const contributionKey = (c: KpiContribution) =>
  `${c.level}${S}${c.carrierId}${S}${c.peerCarrierId}${S}${c.corridor}${S}${c.serviceLevel}${S}${c.family}${S}${c.closingMs}${S}${c.value ?? ''}${S}${c.success ?? ''}`;

/** A lane's key: every dimension of a delta or contribution but its instant and sign. */
const laneKeyOf = (lane: Pick<RollupDelta, 'level' | 'carrierId' | 'peerCarrierId' | 'corridor' | 'serviceLevel' | 'family'>) =>
  `${lane.level}${S}${lane.carrierId}${S}${lane.peerCarrierId}${S}${lane.corridor}${S}${lane.serviceLevel}${S}${lane.family}`;

/** The key of a quarter-hour delta (or base cell) of a contribution: every dimension, the bucket and the sign. */
export const deltaKey = (c: KpiContribution, bucketMs: number, sign: number) =>
  `${sign}${S}${c.level}${S}${c.carrierId}${S}${c.peerCarrierId}${S}${c.corridor}${S}${c.serviceLevel}${S}${c.family}${S}${bucketMs}`;

/** The quarter hour holding an instant: the bucket of the finest cells and of every delta. */
export const quarterHourOf = (ms: number): number => Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;

/** A delta of the contribution's quarter-hour cell holding nothing yet. */
export function emptyDelta(contribution: KpiContribution, sign: 1 | -1): RollupDelta {
  return {
    level: contribution.level,
    carrierId: contribution.carrierId,
    peerCarrierId: contribution.peerCarrierId,
    corridor: contribution.corridor,
    serviceLevel: contribution.serviceLevel,
    family: contribution.family,
    bucketMs: quarterHourOf(contribution.closingMs),
    sign,
    count: 0,
    successes: 0,
    mean: 0,
    m2: 0,
    histogram: new Map(),
  };
}

/** One more value in the histogram of its family (families without one keep none). */
export function countInHistogram(histogram: Map<number, number>, family: KpiFamily, value: number): void {
  const spec = HISTOGRAM_OF[family];
  if (!spec) return;
  const bucket = bucketOf(spec, value);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

/**
 * The deltas that move the rollups from `removed` contributions to `added` ones: identical
 * contributions on both sides cancel (a fact that did not change writes nothing), the rest are
 * summed per quarter-hour cell and sign.
 */
export function rollupDeltas(input: { removed: readonly KpiContribution[]; added: readonly KpiContribution[] }): RollupDelta[] {
  const pending = new Map<string, number>();
  for (const contribution of input.removed) {
    const key = contributionKey(contribution);
    pending.set(key, (pending.get(key) ?? 0) + 1);
  }
  // Nothing taken away (a first derivation, a rebuild): nothing can cancel, so no contribution is keyed.
  const adds: KpiContribution[] = pending.size === 0 ? [...input.added] : [];
  for (const contribution of pending.size === 0 ? [] : input.added) {
    const key = contributionKey(contribution);
    const left = pending.get(key) ?? 0;
    if (left > 0) pending.set(key, left - 1);
    else adds.push(contribution);
  }
  const removes = input.removed.filter((contribution) => {
    const key = contributionKey(contribution);
    const left = pending.get(key) ?? 0;
    if (left === 0) return false;
    pending.set(key, left - 1);
    return true;
  });
  // Keyed by lane as text, then by quarter hour and sign as a small integer: a derivation notes every
  // contribution of its facts, and a text key with the instant in it cost more than the summing.
  const lanes = new Map<string, Map<number, RollupDelta & { moments: Moments }>>();
  const note = (contribution: KpiContribution, sign: 1 | -1) => {
    const laneKey = laneKeyOf(contribution);
    let lane = lanes.get(laneKey);
    if (!lane) {
      lane = new Map();
      lanes.set(laneKey, lane);
    }
    const at = (quarterHourOf(contribution.closingMs) / QUARTER_HOUR_MS) * 2 + (sign === 1 ? 1 : 0);
    let delta = lane.get(at);
    if (!delta) {
      delta = { ...emptyDelta(contribution, sign), moments: EMPTY_MOMENTS };
      lane.set(at, delta);
    }
    delta.count += 1;
    if (contribution.success) delta.successes += 1;
    if (contribution.value !== null) {
      delta.moments = addToMoments(delta.moments, contribution.value);
      countInHistogram(delta.histogram, contribution.family, contribution.value);
    }
  };
  removes.forEach((contribution) => note(contribution, -1));
  adds.forEach((contribution) => note(contribution, 1));
  const deltas: RollupDelta[] = [];
  for (const lane of lanes.values()) for (const { moments, ...delta } of lane.values()) deltas.push({ ...delta, mean: moments.mean, m2: moments.m2 });
  return deltas;
}

/** The cell of a lane in one tier's bucket and one kept copy (the dimensions it sums away left blank). */
function cellKeyOf(
  lane: Pick<RollupDelta, 'level' | 'carrierId' | 'peerCarrierId' | 'corridor' | 'serviceLevel' | 'family'>,
  tier: RollupTier,
  bucketStart: number,
  keeps: number,
): RollupCellKey {
  return {
    tier,
    bucketStart,
    level: lane.level,
    keeps,
    carrierId: lane.carrierId,
    peerCarrierId: lane.peerCarrierId,
    corridor: keeps & KEEPS_CORRIDOR ? lane.corridor : '',
    serviceLevel: keeps & KEEPS_SERVICE_LEVEL ? lane.serviceLevel : '',
    family: lane.family,
  };
}

/** Every cell a delta changes: each tier's bucket, each copy its level keeps. */
export function cellKeysOf(delta: Pick<RollupDelta, 'level' | 'carrierId' | 'peerCarrierId' | 'corridor' | 'serviceLevel' | 'family' | 'bucketMs'>): RollupCellKey[] {
  const keys: RollupCellKey[] = [];
  for (const tier of ROLLUP_TIERS) {
    for (const keeps of keptCopies(delta.level, tier)) {
      keys.push(cellKeyOf(delta, tier, tierBucketStart(tier, delta.bucketMs), keeps));
    }
  }
  return keys;
}

/** A cell and the deltas that change it. */
export interface CellDeltas {
  cell: RollupCellKey;
  deltas: RollupDelta[];
}

/**
 * Every cell the deltas change (cellKeysOf), each once with every delta that changes it (a lane's
 * before the next lane's: foldDeltas does not depend on their order beyond float rounding); cells
 * ordered by their lane (the dimensions they keep) and then by tier and bucket, the same order for the
 * same cells. A compactor folds tens of thousands of deltas a chunk into a dozen cells each: the lanes
 * are keyed by text once per delta and once per kept copy, and a lane's cells by a small integer,
 * instead of a text key for every cell of every delta.
 */
export function deltasByCell(deltas: readonly RollupDelta[]): CellDeltas[] {
  const lanes = new Map<string, { delta: RollupDelta; byBucket: Map<number, RollupDelta[]> }>();
  for (const delta of deltas) {
    const key = laneKeyOf(delta);
    let lane = lanes.get(key);
    if (!lane) {
      lane = { delta, byBucket: new Map() };
      lanes.set(key, lane);
    }
    // An integer for a quarter-hour start (a small one, which Maps key fastest); any other instant keys as itself.
    const bucket = delta.bucketMs / QUARTER_HOUR_MS;
    const group = lane.byBucket.get(bucket);
    if (group) group.push(delta);
    else lane.byBucket.set(bucket, [delta]);
  }
  // A kept copy's cells, by tier and bucket: (bucket start in quarter hours) × 8 + tier.
  const copies = new Map<string, Map<number, CellDeltas>>();
  for (const { delta: first, byBucket } of lanes.values()) {
    const copyCells = new Map<number, Map<number, CellDeltas>>();
    const cellsOfCopy = (keeps: number) => {
      let cells = copyCells.get(keeps);
      if (!cells) {
        const corridor = keeps & KEEPS_CORRIDOR ? first.corridor : '';
        const serviceLevel = keeps & KEEPS_SERVICE_LEVEL ? first.serviceLevel : '';
        const key = `${keeps}${S}${first.level}${S}${first.carrierId}${S}${first.peerCarrierId}${S}${first.family}${S}${corridor}${S}${serviceLevel}`;
        cells = copies.get(key);
        if (!cells) {
          cells = new Map();
          copies.set(key, cells);
        }
        copyCells.set(keeps, cells);
      }
      return cells;
    };
    for (const group of byBucket.values()) {
      const bucketMs = group[0].bucketMs;
      for (const tier of ROLLUP_TIERS) {
        const bucketStart = tierBucketStart(tier, bucketMs);
        const at = (bucketStart / QUARTER_HOUR_MS) * 8 + tier;
        for (const keeps of keptCopies(first.level, tier)) {
          const cells = cellsOfCopy(keeps);
          const entry = cells.get(at);
          if (entry) {
            for (const delta of group) entry.deltas.push(delta);
            continue;
          }
          cells.set(at, { cell: cellKeyOf(first, tier, bucketStart, keeps), deltas: [...group] });
        }
      }
    }
  }
  const ordered: CellDeltas[] = [];
  for (const key of [...copies.keys()].sort()) {
    const cells = copies.get(key) as Map<number, CellDeltas>;
    for (const at of [...cells.keys()].sort((a, b) => a - b)) ordered.push(cells.get(at) as CellDeltas);
  }
  return ordered;
}

/**
 * A cell after its deltas: every addition merged first (Chan), then every removal taken back,
 * so the count never passes below zero on the way. Throws when the deltas take away more than
 * the cell holds (a rollup that disagrees with its facts: rebuild it).
 */
export function foldDeltas(input: { cell: RollupCellKey; state: CellState | null; deltas: readonly RollupDelta[] }): CellState {
  // Value families (transit, customs, Kaplan–Meier, hand-over, feed latency) keep moments and a histogram.
  const valued = HISTOGRAM_OF[input.cell.family] !== undefined;
  let count = input.state?.count ?? 0;
  let successes = input.state?.successes ?? 0;
  let moments: Moments = { count: valued ? count : 0, mean: input.state?.mean ?? 0, m2: input.state?.m2 ?? 0 };
  const histogram = new Map(input.state?.histogram ?? []);
  const fold = (delta: RollupDelta) => {
    count += delta.sign * delta.count;
    successes += delta.sign * delta.successes;
    if (valued) {
      const part = { count: delta.count, mean: delta.mean, m2: delta.m2 };
      moments = delta.sign === 1 ? mergeMoments(moments, part) : unmergeMoments(moments, part);
    }
    for (const [bucket, n] of delta.histogram) {
      const next = (histogram.get(bucket) ?? 0) + delta.sign * n;
      if (next < 0) throw new RangeError(`rollup cell ${rollupCellKey(input.cell)} would hold ${next} values in bucket ${bucket}`);
      if (next === 0) histogram.delete(bucket);
      else histogram.set(bucket, next);
    }
    if (count < 0 || successes < 0) throw new RangeError(`rollup cell ${rollupCellKey(input.cell)} would hold ${count} trials and ${successes} successes`);
  };
  // Every addition in order, then every removal in order (two passes, no list: a compactor folds a hundred thousand cells a run).
  for (const delta of input.deltas) if (delta.sign === 1) fold(delta);
  for (const delta of input.deltas) if (delta.sign === -1) fold(delta);
  return count === 0 ? { count: 0, successes: 0, mean: 0, m2: 0, histogram: new Map() } : { count, successes, mean: valued ? moments.mean : 0, m2: valued ? moments.m2 : 0, histogram };
}

/** The compactor's unit of work: cells are written by one compactor at a time per shard. */
export const ROLLUP_SHARDS = 16;

/**
 * Every cell a delta changes shares its level, carrier, peer and family (tiers and summed-away
 * copies change only the bucket, corridor and service level), so sharding on those keeps each cell
 * in one shard.
 */
export function rollupShardOf(delta: Pick<RollupDelta, 'level' | 'carrierId' | 'peerCarrierId' | 'family'>): number {
  let hash = 2166136261;
  for (const char of `${delta.level}${SEPARATOR}${delta.carrierId}${SEPARATOR}${delta.peerCarrierId}${SEPARATOR}${delta.family}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % ROLLUP_SHARDS;
}
