import {
  activeBreachForUpdate,
  ActiveBreachRow,
  activeBreachScopes,
  breachNotificationState,
  carrierDirectory,
  CarrierDirectory,
  enabledSlaPolicies,
  findBreach,
  insertBreachTransition,
  lockSlaScope,
  openBreach,
  resolveBreach,
  updateBreachMeasurement,
  lockRollupsForRead,
  PolicyRow,
  recordPolicyEvaluationSummary,
  recordSlaEvaluation,
  slaEvaluationHistory,
  SqlRunner,
} from '@lanewatch/db';
import {
  ActiveBreach,
  applyBreachAction,
  BreachAction,
  isWrongSide,
  nextBreachAction,
  policyVerdict,
  reminderDue,
  scopeInstances,
  scopeKey,
  slaMeasurement,
  SlaMeasurement,
  SlaMetric,
  SlaScopeInstance,
  SlaVerdict,
  wrongSideSince,
  summarisePolicyState,
} from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { insertAlertDeliveries } from './alert-channels';
import { breachView } from './breach-view';
import { worstParcels } from './evidence';
import { slaEvaluationInstant } from '@lanewatch/domain';
import { measureScope, seenScopes } from './measure-scope';

// The policy row and its columns live with the SLA policy repository (libs/db).
export type { PolicyRow } from '@lanewatch/db';

export interface ScopeEvaluation {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  windowFrom: string;
  windowTo: string;
  value: number | null;
  sample: number;
  verdict: SlaVerdict;
  action: BreachAction['kind'];
  breachId: string | null;
  breachStatus: 'open' | 'acknowledged' | 'resolved' | null;
  reminder: number | null;
}

export interface SlaEvaluationResult {
  asOf: string;
  policies: { policyId: string; name: string; metric: SlaMetric; scopes: ScopeEvaluation[] }[];
  /** Alert deliveries inserted by this evaluation: enqueue them once it has committed. */
  deliveryIds: string[];
  /** One entry (the channel's kind) per matching channel a silence kept a transition from. */
  silencedKinds: string[];
}

type ActiveRow = ActiveBreachRow;

const toActive = (row: ActiveRow): ActiveBreach => ({
  status: row.status,
  value: Number(row.value),
  worstValue: Number(row.worst_value),
  sample: Number(row.sample),
  windowFrom: new Date(row.window_from),
  windowTo: new Date(row.window_to),
  openedAt: new Date(row.opened_at),
  lastEvaluatedAt: new Date(row.last_evaluated_at),
});

// Evaluations read back to find where the wrong-side run began (about ten days at the 5-minute schedule).
const WRONG_SIDE_LOOKBACK = 3000;

/**
 * Evaluates every enabled policy (or the ones given) at asOf (sla.md §2): measure each scope
 * instance through the KPI read path, give a verdict, and apply the breach action in one
 * transaction per instance under a row lock; the partial unique index is the final guard.
 * Idempotent at the same asOf.
 */
export async function evaluateSlas(
  dataSource: DataSource,
  input: { asOf: Date; reminderMinutes: number; policyIds?: string[] },
): Promise<SlaEvaluationResult> {
  const asOf = slaEvaluationInstant(input.asOf);
  const evaluatedAt = new Date(input.asOf.getTime());
  const policies = await enabledSlaPolicies(dataSource, input.policyIds);
  const result: SlaEvaluationResult = { asOf: asOf.toISOString(), policies: [], deliveryIds: [], silencedKinds: [] };
  // Scopes name carriers by code (policies, breaches); the reads filter by id: resolved once per run, not per scope.
  const carriers = await carrierDirectory(dataSource);
  for (const policy of policies) {
    const scope = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level, metric: policy.metric, contract: policy.contract ?? null };
    const active = await activeBreachScopes(dataSource, policy.id);
    // Active breaches whose scope went quiet are evaluated too: insufficient data then keeps them open.
    const seen = [
      ...(await seenScopes(dataSource, { policy: scope, asOf, windowDays: policy.window_days, carriers })),
      ...active.map((row) => ({ carrier: row.carrier, corridor: row.corridor, serviceLevel: row.service_level })),
    ];
    const scopes: ScopeEvaluation[] = [];
    for (const instance of scopeInstances({ policy: scope, seen })) {
      scopes.push(await evaluateInstance(dataSource, { policy, instance, asOf, evaluatedAt, reminderMinutes: input.reminderMinutes, deliveries: result, carriers }));
    }
    result.policies.push({ policyId: policy.id, name: policy.name, metric: policy.metric, scopes });
    // For the policy list; an evaluation at an earlier asOf (a replay) does not overwrite a later one.
    await recordPolicyEvaluationSummary(dataSource, policy.id, input.asOf, summarisePolicyState({ op: policy.op, scopes }));
  }
  return result;
}

/** One scope instance's measurement and verdict; read-only (the evaluation and the draft preview). */
export async function measurePolicyInstance(runner: SqlRunner, policy: PolicyRow, instance: SlaScopeInstance, asOf: Date, directory?: CarrierDirectory) {
  const carriers = directory ?? (await carrierDirectory(runner));
  const scope = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level, metric: policy.metric, contract: policy.contract ?? null };
  const long = await measureScope(runner, { policy: scope, instance, asOf, windowDays: policy.window_days, carriers });
  const measurement = slaMeasurement(policy.metric, long.source);
  const verdictPolicy = {
    metric: policy.metric, op: policy.op, threshold: Number(policy.threshold), minSample: policy.min_sample, wilsonGuard: policy.wilson_guard, burnRate: policy.burn_rate,
  };
  const short = policy.burn_rate ? await measureScope(runner, { policy: scope, instance, asOf, windowDays: policy.burn_rate.shortWindowDays, carriers }) : null;
  // The same verdict the dashboard gives (policyVerdict in libs/domain).
  const verdict: SlaVerdict = policyVerdict({ policy: verdictPolicy, long: measurement, short: short && slaMeasurement(policy.metric, short.source) });
  return { window: long.window, measurement, verdict };
}

async function evaluateInstance(
  dataSource: DataSource,
  input: { policy: PolicyRow; instance: SlaScopeInstance; asOf: Date; evaluatedAt: Date; reminderMinutes: number; deliveries: Deliveries; carriers: CarrierDirectory },
): Promise<ScopeEvaluation> {
  const { policy, instance, asOf, evaluatedAt } = input;
  const key = scopeKey(instance);
  return dataSource.transaction(async (manager) => {
    // Serialises evaluations of one policy and scope; the row lock alone cannot cover "no row yet".
    await lockSlaScope(manager, policy.id, key);
    // Each later statement takes its snapshot after a rebuild's swap, never across it.
    await lockRollupsForRead(manager);
    // Measured inside the lock so two evaluations never apply results out of order.
    const { window, measurement, verdict } = await measurePolicyInstance(manager, policy, instance, asOf, input.carriers);
    const wrongSide = isWrongSide({ op: policy.op, threshold: Number(policy.threshold), value: measurement.value });
    await recordSlaEvaluation(manager, {
      policyId: policy.id, scopeKey: key, evaluatedAt, windowTo: window.to, value: measurement.value, sample: measurement.sample, verdict, wrongSide,
    });
    const activeRow = await activeBreachForUpdate(manager, policy.id, key);
    const active = activeRow ? toActive(activeRow) : null;
    const action = nextBreachAction({ active, verdict, measurement, asOf, evaluatedAt, policy: { op: policy.op, windowDays: policy.window_days } });
    let breachId = activeRow?.id ?? null;
    const after = applyBreachAction(active, action);
    let reminder: number | null = null;
    if (action.kind === 'open') {
      const evidence = await evidenceOf(manager, policy, instance, window, measurement, asOf);
      // The value may have been past the target before the sample allowed a verdict: the history says since when.
      const history = await slaEvaluationHistory(manager, { policyId: policy.id, scopeKey: key, until: evaluatedAt, limit: WRONG_SIDE_LOOKBACK });
      const since = wrongSideSince(history) ?? action.openedAt;
      breachId = await openBreach(
        manager,
        [policy.id, key, instance.carrier, instance.corridor, instance.serviceLevel, policy.metric, policy.op, policy.threshold, policy.severity, action.value,
          action.worstValue, action.sample, action.windowFrom, action.windowTo, action.openedAt, action.lastEvaluatedAt, JSON.stringify(evidence), since],
      );
      await transitionEvent(manager, breachId, 'opened', 0, evaluatedAt);
      await deliveriesFor(manager, input.deliveries, breachId, 'opened', asOf);
    } else if (action.kind === 'update' && breachId) {
      const evidence = await evidenceOf(manager, policy, instance, window, measurement, asOf);
      await updateBreachMeasurement(
        manager,
        [breachId, action.value, action.worstValue, action.sample, action.windowFrom, action.windowTo, action.lastEvaluatedAt, JSON.stringify(evidence)],
      );
    } else if (action.kind === 'resolve' && breachId) {
      await resolveBreach(manager, breachId, action.resolvedAt);
      await transitionEvent(manager, breachId, 'resolved', 0, evaluatedAt);
      await deliveriesFor(manager, input.deliveries, breachId, 'resolved', asOf);
    }
    if (after && breachId && action.kind !== 'open') {
      const last = await breachNotificationState(manager, breachId);
      if (reminderDue({ breach: { status: after.status, openedAt: after.openedAt }, lastNotifiedAt: last?.last_at ? new Date(last.last_at) : null, intervalMinutes: input.reminderMinutes, asOf })) {
        reminder = Number(last?.reminders ?? 0) + 1;
        await transitionEvent(manager, breachId, 'reminder', reminder, asOf);
        await deliveriesFor(manager, input.deliveries, breachId, 'reminder', asOf, reminder);
      }
    }
    const status = action.kind === 'resolve' ? 'resolved' : (after?.status ?? null);
    return {
      carrier: instance.carrier,
      corridor: instance.corridor,
      serviceLevel: instance.serviceLevel,
      windowFrom: window.from.toISOString(),
      windowTo: window.to.toISOString(),
      value: measurement.value,
      sample: measurement.sample,
      verdict,
      action: action.kind,
      breachId: status === null ? null : breachId,
      breachStatus: status,
      reminder,
    };
  });
}

async function transitionEvent(runner: SqlRunner, breachId: string, transition: string, reminder: number, at: Date): Promise<void> {
  await insertBreachTransition(runner, breachId, transition, reminder, at);
}

type Deliveries = Pick<SlaEvaluationResult, 'deliveryIds' | 'silencedKinds'>;

async function deliveriesFor(
  runner: SqlRunner,
  out: Deliveries,
  breachId: string,
  transition: 'opened' | 'resolved' | 'reminder',
  at: Date,
  reminder?: number,
): Promise<void> {
  const row = await findBreach(runner, breachId);
  if (!row) return;
  const { ids, silencedKinds } = await insertAlertDeliveries(runner, { breach: breachView(row), transition, reminder, at });
  out.deliveryIds.push(...ids);
  out.silencedKinds.push(...silencedKinds);
}

async function evidenceOf(
  runner: SqlRunner,
  policy: PolicyRow,
  instance: SlaScopeInstance,
  window: { from: Date; to: Date },
  measurement: SlaMeasurement,
  asOf: Date,
): Promise<Record<string, unknown>> {
  const { total, parcels } = await worstParcels(runner, { metric: policy.metric, instance, window, contract: policy.contract ?? null });
  return {
    evaluatedAt: asOf.toISOString(),
    windowFrom: window.from.toISOString(),
    windowTo: window.to.toISOString(),
    value: measurement.value,
    sample: measurement.sample,
    successes: measurement.successes,
    // "10 of 32": the parcels shown out of every parcel that matched in the window.
    matching: total,
    parcels,
  };
}
