import { SlaOp } from './sla-policy.schema';

/** The value is past the threshold in the policy's direction (sla.md §2), whatever the sample. */
export function isWrongSide(input: { op: SlaOp; threshold: number; value: number | null }): boolean | null {
  if (input.value === null || !Number.isFinite(input.value)) return null;
  return input.op === 'lte' ? input.value > input.threshold : input.value < input.threshold;
}

export interface EvaluatedPoint {
  evaluatedAt: Date;
  /** null: no value at that evaluation (no data), which neither starts nor ends a run. */
  wrongSide: boolean | null;
}

/**
 * Since when the metric has been on the wrong side: the first evaluation of the latest unbroken run of
 * wrong-side values, any order in, ignoring evaluations without a value. Null when the latest evaluation
 * with a value is on the right side (or there is none).
 */
export function wrongSideSince(points: readonly EvaluatedPoint[]): Date | null {
  const ordered = points.filter((point) => point.wrongSide !== null).sort((a, b) => b.evaluatedAt.getTime() - a.evaluatedAt.getTime());
  let since: Date | null = null;
  for (const point of ordered) {
    if (!point.wrongSide) break;
    since = point.evaluatedAt;
  }
  return since === null ? null : new Date(since.getTime());
}
