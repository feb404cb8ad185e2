import { carrierDirectory, type SqlRunner } from '@lanewatch/db';
import { DAY_MS, PolicyStateSummary, scopeInstances, ScopeResult, slaEvaluationInstant, summarisePolicyState } from '@lanewatch/domain';
import { measurePolicyInstance, PolicyRow } from './evaluate';
import { seenScopes } from './measure-scope';

export interface PolicyPreview extends PolicyStateSummary {
  asOf: string;
  windowFrom: string;
  windowTo: string;
  instances: ScopeResult[];
}

const MAX_PREVIEW_INSTANCES = 200;

/**
 * What a policy (saved or a draft) would give at asOf, through the evaluation's own measurement and
 * verdict, without writing anything: no breach, no alert, no stored state.
 */
export async function previewPolicy(runner: SqlRunner, input: { policy: Omit<PolicyRow, 'id'>; asOf: Date }): Promise<PolicyPreview> {
  const asOf = slaEvaluationInstant(input.asOf);
  const policy: PolicyRow = { ...input.policy, id: 'preview' };
  const scope = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level, metric: policy.metric, contract: policy.contract ?? null };
  const carriers = await carrierDirectory(runner);
  const seen = await seenScopes(runner, { policy: scope, asOf, windowDays: policy.window_days, carriers });
  const instances: ScopeResult[] = [];
  let window = { from: asOf, to: asOf };
  for (const instance of scopeInstances({ policy: scope, seen }).slice(0, MAX_PREVIEW_INSTANCES)) {
    const measured = await measurePolicyInstance(runner, policy, instance, asOf, carriers);
    window = measured.window;
    instances.push({ ...instance, value: measured.measurement.value, sample: measured.measurement.sample, verdict: measured.verdict });
  }
  if (instances.length === 0) window = { from: new Date(asOf.getTime() - policy.window_days * DAY_MS), to: asOf };
  return {
    asOf: asOf.toISOString(),
    windowFrom: window.from.toISOString(),
    windowTo: window.to.toISOString(),
    ...summarisePolicyState({ op: policy.op, scopes: instances }),
    instances,
  };
}
