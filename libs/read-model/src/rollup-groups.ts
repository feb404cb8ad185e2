import { forEachFramedCell, RollupCellRow } from '@lanewatch/db';
import { HISTOGRAM_OF, HistogramSum, KpiFamily, mergeMoments, Moments, momentStatistics, unmergeMoments } from '@lanewatch/domain';

/** One family of one group, summed over the window's cells (and the unfolded deltas). */
export class FamilyCells {
  private readonly buckets = new HistogramSum();
  private added = 0;
  private moments: Moments = { count: 0, mean: 0, m2: 0 };
  // Removal deltas wait until every addition is in: taken from the total, never from a partial sum.
  private removals: { moments: Moments; successes: number; histogram: Uint8Array }[] = [];

  constructor(readonly family: KpiFamily) {}

  get count(): number {
    this.settle();
    return this.moments.count;
  }

  get successes(): number {
    this.settle();
    return this.added;
  }

  /** Adds a read's cells: Chan's merge of their moments, their successes and their histograms' counts. */
  add(row: RollupCellRow): void {
    forEachFramedCell(row.cells, (cell) => {
      if (cell.count < 0) {
        this.removals.push({ moments: { count: -cell.count, mean: cell.mean, m2: cell.m2 }, successes: -cell.successes, histogram: cell.histogram.slice() });
        return;
      }
      this.moments = mergeMoments(this.moments, { count: cell.count, mean: cell.mean, m2: cell.m2 });
      this.added += cell.successes;
      if (cell.histogram.length > 0) this.buckets.addPacked(cell.histogram);
    });
  }

  private settle(): void {
    for (const removal of this.removals) {
      this.moments = unmergeMoments(this.moments, removal.moments);
      this.added -= removal.successes;
      if (removal.histogram.length > 0) this.buckets.addPacked(removal.histogram, -1);
    }
    this.removals = [];
  }

  /** The summed histogram's non-empty buckets. */
  get histogram(): Map<number, number> {
    this.settle();
    return this.buckets.toHistogram();
  }

  statistics() {
    this.settle();
    return momentStatistics({ ...this.moments, m2: Math.max(0, this.moments.m2) });
  }

  percentile(p: number): number | null {
    this.settle();
    const spec = HISTOGRAM_OF[this.family];
    return spec && this.buckets.count > 0 ? this.buckets.percentile(spec, p) : null;
  }
}

/**
 * The cells of a rollup read summed per group key (whatever `keyOf` makes of a cell's key
 * columns) and family.
 */
export function groupRollups<K>(
  cells: RollupCellRow[],
  keyOf: (row: RollupCellRow) => K,
  idOf: (key: K) => string,
): Map<string, { key: K; families: Map<KpiFamily, FamilyCells> }> {
  const groups = new Map<string, { key: K; families: Map<KpiFamily, FamilyCells> }>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const id = idOf(key);
    const group = groups.get(id) ?? { key, families: new Map<KpiFamily, FamilyCells>() };
    const family = cell.family as KpiFamily;
    const sum = group.families.get(family) ?? new FamilyCells(family);
    sum.add(cell);
    group.families.set(family, sum);
    groups.set(id, group);
  }
  // A family whose unfolded removals take away all it held has no data; nor has a group left with none.
  for (const [id, group] of groups) {
    for (const [family, sum] of group.families) if (sum.count === 0) group.families.delete(family);
    if (group.families.size === 0) groups.delete(id);
  }
  return groups;
}

/** Orders strings by code units: the same order on every machine, whatever its locale. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
