import { HISTOGRAM_OF, RollupBucketRow, RollupMomentRow } from '@lanewatch/db';
import { histogramPercentile, KpiFamily, momentStatistics } from '@lanewatch/domain';

/** One family of one group, summed over the window's cells. */
export class FamilyCells {
  readonly histogram = new Map<number, number>();

  constructor(
    readonly family: KpiFamily,
    readonly count: number,
    readonly successes: number,
    private readonly mean: number | null,
    private readonly m2: number | null,
  ) {}

  statistics() {
    return momentStatistics({ count: this.count, mean: this.mean ?? 0, m2: Math.max(0, this.m2 ?? 0) });
  }

  percentile(p: number): number | null {
    const spec = HISTOGRAM_OF[this.family];
    return spec && this.histogram.size > 0 ? histogramPercentile(this.histogram, spec, p) : null;
  }
}

type RollupRow = RollupMomentRow | RollupBucketRow;

/**
 * Rows of a rollup read gathered per group key (whatever `keyOf` makes of a row's key columns)
 * and family: the moments with their summed histogram beside them.
 */
export function groupRollups<K>(
  result: { moments: RollupMomentRow[]; buckets: RollupBucketRow[] },
  keyOf: (row: RollupRow) => K,
  idOf: (key: K) => string,
): Map<string, { key: K; families: Map<KpiFamily, FamilyCells> }> {
  const groups = new Map<string, { key: K; families: Map<KpiFamily, FamilyCells> }>();
  for (const row of result.moments) {
    const key = keyOf(row);
    const id = idOf(key);
    const group = groups.get(id) ?? { key, families: new Map<KpiFamily, FamilyCells>() };
    group.families.set(row.family as KpiFamily, new FamilyCells(row.family as KpiFamily, Number(row.n), Number(row.s), row.mean, row.m2));
    groups.set(id, group);
  }
  for (const row of result.buckets) {
    const cells = groups.get(idOf(keyOf(row)))?.families.get(row.family as KpiFamily);
    if (cells) cells.histogram.set(row.bucket, (cells.histogram.get(row.bucket) ?? 0) + Number(row.count));
  }
  return groups;
}

/** Orders strings by code units: the same order on every machine, whatever its locale. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
