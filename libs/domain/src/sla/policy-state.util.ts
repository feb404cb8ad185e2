import type { SlaOp } from './sla-policy.schema';
import type { SlaVerdict } from './sla-verdict.util';

export type PolicyState = 'ok' | 'breaching' | 'no_data';

export interface ScopeResult {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  value: number | null;
  sample: number;
  verdict: SlaVerdict;
}

/** One line per policy for the policy list: its state, and the value of its worst scope instance. */
export interface PolicyStateSummary {
  state: PolicyState;
  /** The worst value among the instances with a verdict (lowest for "at least", highest for "at most"). */
  value: number | null;
  sample: number;
  /** The instance the value belongs to (a policy with "*" has one per value seen). */
  worst: { carrier: string | null; corridor: string | null; serviceLevel: string | null } | null;
  scopes: number;
  breachingScopes: number;
}

/**
 * Breaching when any instance violates, OK when at least one complies and none violates, no data
 * when no instance has the minimum sample. A violating instance is always the worst one shown.
 */
export function summarisePolicyState(input: { op: SlaOp; scopes: readonly ScopeResult[] }): PolicyStateSummary {
  const judged = input.scopes.filter((scope) => scope.verdict !== 'insufficient_data' && scope.value !== null);
  const breaching = judged.filter((scope) => scope.verdict === 'violates');
  const pool = breaching.length > 0 ? breaching : judged;
  const worse = (a: ScopeResult, b: ScopeResult) => ((input.op === 'gte' ? (a.value as number) < (b.value as number) : (a.value as number) > (b.value as number)) ? a : b);
  const worst = pool.length > 0 ? pool.reduce(worse) : null;
  // Without a verdict the largest instance still says how far from the minimum sample it is.
  const largest = input.scopes.length > 0 ? input.scopes.reduce((a, b) => (b.sample > a.sample ? b : a)) : null;
  const shown = worst ?? largest;
  return {
    state: breaching.length > 0 ? 'breaching' : judged.length > 0 ? 'ok' : 'no_data',
    value: shown?.value ?? null,
    sample: shown?.sample ?? 0,
    worst: shown ? { carrier: shown.carrier, corridor: shown.corridor, serviceLevel: shown.serviceLevel } : null,
    scopes: input.scopes.length,
    breachingScopes: breaching.length,
  };
}
