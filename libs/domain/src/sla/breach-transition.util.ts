import { SlaMeasurement } from './sla-measurement.util';
import { SlaOp } from './sla-policy.schema';
import { slaWindow } from './sla-scope.util';
import { SlaVerdict } from './sla-verdict.util';

export const BREACH_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

/** The active (open or acknowledged) breach of one policy and scope instance, as stored. */
export interface ActiveBreach {
  status: 'open' | 'acknowledged';
  value: number;
  worstValue: number;
  sample: number;
  windowFrom: Date;
  windowTo: Date;
  openedAt: Date;
  lastEvaluatedAt: Date;
}

export type BreachAction =
  | { kind: 'open'; value: number; worstValue: number; sample: number; windowFrom: Date; windowTo: Date; openedAt: Date; lastEvaluatedAt: Date }
  | { kind: 'update'; value: number; worstValue: number; sample: number; windowFrom: Date; windowTo: Date; lastEvaluatedAt: Date }
  | { kind: 'resolve'; resolvedAt: Date }
  | { kind: 'none' };

/** The worse of two values for the policy's direction: the higher for `lte`, the lower for `gte`. */
export function worseValue(op: SlaOp, a: number, b: number): number {
  return op === 'lte' ? Math.max(a, b) : Math.min(a, b);
}

/**
 * What one evaluation does to the breach of its policy and scope instance (sla.md §2-3).
 * - insufficient data never opens and never resolves: an open breach stays as it is;
 * - a violation opens a breach, or updates the active one (value, sample, window, worst value);
 * - compliance resolves the active breach at asOf (acknowledged ones too).
 * An evaluation older than the breach's last one changes nothing, so a late job cannot roll back
 * newer evidence; one at the same asOf with the same measurement rewrites the same values.
 */
export function nextBreachAction(input: {
  active: ActiveBreach | null;
  verdict: SlaVerdict;
  measurement: SlaMeasurement;
  asOf: Date;
  policy: { op: SlaOp; windowDays: number };
  /** The instant asked for, when asOf is it floored: transitions are stamped with it (default asOf). */
  evaluatedAt?: Date;
}): BreachAction {
  const { active, verdict, measurement, asOf, policy } = input;
  const at = input.evaluatedAt ?? asOf;
  if (verdict === 'insufficient_data') return { kind: 'none' };
  if (active && at.getTime() < active.lastEvaluatedAt.getTime()) return { kind: 'none' };
  if (verdict === 'complies') return active ? { kind: 'resolve', resolvedAt: new Date(at.getTime()) } : { kind: 'none' };
  if (measurement.value === null) return { kind: 'none' };
  const window = slaWindow({ windowDays: policy.windowDays, asOf });
  const evidence = { value: measurement.value, sample: measurement.sample, windowFrom: window.from, windowTo: window.to, lastEvaluatedAt: new Date(at.getTime()) };
  if (!active) return { kind: 'open', ...evidence, worstValue: measurement.value, openedAt: new Date(at.getTime()) };
  return { kind: 'update', ...evidence, worstValue: worseValue(policy.op, active.worstValue, measurement.value) };
}

/** The active breach after an action: null once resolved (or when there was none and nothing opened). */
export function applyBreachAction(active: ActiveBreach | null, action: BreachAction): ActiveBreach | null {
  switch (action.kind) {
    case 'none':
      return active;
    case 'resolve':
      return null;
    case 'open': {
      const { kind: _kind, ...fields } = action;
      return { status: 'open', ...fields };
    }
    case 'update': {
      if (!active) return null;
      const { kind: _kind, ...fields } = action;
      return { ...active, ...fields };
    }
  }
}
