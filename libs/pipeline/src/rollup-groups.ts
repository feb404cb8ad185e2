import { forEachFramedCell, RollupCellRow } from '@lanewatch/db';
import { HISTOGRAM_OF, HistogramSum, KpiFamily, mergeMoments, Moments, momentStatistics } from '@lanewatch/domain';

/** One family of one group, summed over the window's cells. */
export class FamilyCells {
  private readonly buckets = new HistogramSum();
  successes = 0;
  private moments: Moments = { count: 0, mean: 0, m2: 0 };

  constructor(readonly family: KpiFamily) {}

  get count(): number {
    return this.moments.count;
  }

  /** Adds a read's cells: Chan's merge of their moments, their successes and their histograms' counts. */
  add(row: RollupCellRow): void {
    forEachFramedCell(row.cells, (cell) => {
      this.moments = mergeMoments(this.moments, { count: cell.count, mean: cell.mean, m2: cell.m2 });
      this.successes += cell.successes;
      if (cell.histogram.length > 0) this.buckets.addPacked(cell.histogram);
    });
  }

  /** The summed histogram's non-empty buckets. */
  get histogram(): Map<number, number> {
    return this.buckets.toHistogram();
  }

  statistics() {
    return momentStatistics({ ...this.moments, m2: Math.max(0, this.moments.m2) });
  }

  percentile(p: number): number | null {
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
  return groups;
}

/** Orders strings by code units: the same order on every machine, whatever its locale. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
