import { lockRollupsForRead, recordSlaEvaluation, rows, slaEvaluationHistory, SqlRunner } from '@lanewatch/db';
import {
  ActiveBreach,
  applyBreachAction,
  BreachAction,
  burnRateVerdict,
  isWrongSide,
  nextBreachAction,
  reminderDue,
  scopeInstances,
  scopeKey,
  slaMeasurement,
  SlaMeasurement,
  SlaMetric,
  SlaOp,
  SlaScopeInstance,
  slaVerdict,
  SlaVerdict,
  wrongSideSince,
  summarisePolicyState,
} from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { insertAlertDeliveries } from './alert-channels';
import { breachView, findBreach } from './breach-view';
import { worstParcels } from './evidence';
import { measureScope, seenScopes, slaEvaluationInstant } from './measure-scope';

export interface PolicyRow {
  id: string;
  name: string;
  carrier: string | null;
  corridor: string | null;
  service_level: string | null;
  metric: SlaMetric;
  op: SlaOp;
  threshold: number;
  window_days: number;
  min_sample: number;
  severity: string;
  enabled: boolean;
  burn_rate: { shortWindowDays: number; longWindowDays: number } | null;
  wilson_guard: boolean;
  /** The contract file the policy came from: clock metrics run on its clock. */
  contract?: string | null;
}

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

interface ActiveRow {
  id: string;
  scope_key: string;
  carrier: string | null;
  corridor: string | null;
  service_level: string | null;
  status: 'open' | 'acknowledged';
  value: number;
  worst_value: number;
  sample: number;
  window_from: Date;
  window_to: Date;
  opened_at: Date;
  last_evaluated_at: Date;
}

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

export const POLICY_COLUMNS =
  'id, name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard';

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
  const policies = await rows<PolicyRow>(
    dataSource,
    `SELECT ${POLICY_COLUMNS}, contract FROM sla_policies WHERE enabled ${input.policyIds ? 'AND id = ANY($1::uuid[])' : ''} ORDER BY name, id`,
    input.policyIds ? [input.policyIds] : [],
  );
  const result: SlaEvaluationResult = { asOf: asOf.toISOString(), policies: [], deliveryIds: [], silencedKinds: [] };
  for (const policy of policies) {
    const scope = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level, metric: policy.metric, contract: policy.contract ?? null };
    const active = await rows<ActiveRow>(
      dataSource,
      `SELECT id, scope_key, carrier, corridor, service_level FROM breaches WHERE policy_id = $1 AND status IN ('open', 'acknowledged')`,
      [policy.id],
    );
    // Active breaches whose scope went quiet are evaluated too: insufficient data then keeps them open.
    const seen = [
      ...(await seenScopes(dataSource, { policy: scope, asOf, windowDays: policy.window_days })),
      ...active.map((row) => ({ carrier: row.carrier, corridor: row.corridor, serviceLevel: row.service_level })),
    ];
    const scopes: ScopeEvaluation[] = [];
    for (const instance of scopeInstances({ policy: scope, seen })) {
      scopes.push(await evaluateInstance(dataSource, { policy, instance, asOf, evaluatedAt, reminderMinutes: input.reminderMinutes, deliveries: result }));
    }
    result.policies.push({ policyId: policy.id, name: policy.name, metric: policy.metric, scopes });
    // For the policy list; an evaluation at an earlier asOf (a replay) does not overwrite a later one.
    await dataSource.query(
      'UPDATE sla_policies SET last_evaluated_at = $2, last_evaluation = $3 WHERE id = $1 AND (last_evaluated_at IS NULL OR last_evaluated_at <= $2)',
      [policy.id, input.asOf, JSON.stringify(summarisePolicyState({ op: policy.op, scopes }))],
    );
  }
  return result;
}

/** One scope instance's measurement and verdict; read-only (the evaluation and the draft preview). */
export async function measurePolicyInstance(runner: SqlRunner, policy: PolicyRow, instance: SlaScopeInstance, asOf: Date) {
  const scope = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.service_level, metric: policy.metric, contract: policy.contract ?? null };
  const long = await measureScope(runner, { policy: scope, instance, asOf, windowDays: policy.window_days });
  const measurement = slaMeasurement(policy.metric, long.source);
  const verdictPolicy = { metric: policy.metric, op: policy.op, threshold: Number(policy.threshold), minSample: policy.min_sample, wilsonGuard: policy.wilson_guard };
  let verdict: SlaVerdict;
  if (policy.burn_rate) {
    const short = await measureScope(runner, { policy: scope, instance, asOf, windowDays: policy.burn_rate.shortWindowDays });
    verdict = burnRateVerdict({ policy: verdictPolicy, short: slaMeasurement(policy.metric, short.source), long: measurement });
  } else {
    verdict = slaVerdict({ policy: verdictPolicy, measurement });
  }
  return { window: long.window, measurement, verdict };
}

async function evaluateInstance(
  dataSource: DataSource,
  input: { policy: PolicyRow; instance: SlaScopeInstance; asOf: Date; evaluatedAt: Date; reminderMinutes: number; deliveries: Deliveries },
): Promise<ScopeEvaluation> {
  const { policy, instance, asOf, evaluatedAt } = input;
  const key = scopeKey(instance);
  return dataSource.transaction(async (manager) => {
    // Serialises evaluations of one policy and scope; the row lock alone cannot cover "no row yet".
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sla:${policy.id}:${key}`]);
    // Each later statement takes its snapshot after a rebuild's swap, never across it.
    await lockRollupsForRead(manager);
    // Measured inside the lock so two evaluations never apply results out of order.
    const { window, measurement, verdict } = await measurePolicyInstance(manager, policy, instance, asOf);
    const wrongSide = isWrongSide({ op: policy.op, threshold: Number(policy.threshold), value: measurement.value });
    await recordSlaEvaluation(manager, {
      policyId: policy.id, scopeKey: key, evaluatedAt, windowTo: window.to, value: measurement.value, sample: measurement.sample, verdict, wrongSide,
    });
    const [activeRow] = await rows<ActiveRow>(
      manager,
      `SELECT id, scope_key, carrier, corridor, service_level, status, value, worst_value, sample, window_from, window_to, opened_at, last_evaluated_at
       FROM breaches WHERE policy_id = $1 AND scope_key = $2 AND status IN ('open', 'acknowledged') FOR UPDATE`,
      [policy.id, key],
    );
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
      const [row] = await rows<{ id: string }>(
        manager,
        `INSERT INTO breaches (policy_id, scope_key, carrier, corridor, service_level, metric, op, threshold, severity, value, worst_value, sample,
           window_from, window_to, status, opened_at, last_evaluated_at, evidence, wrong_side_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, $16, $17, $18) RETURNING id`,
        [policy.id, key, instance.carrier, instance.corridor, instance.serviceLevel, policy.metric, policy.op, policy.threshold, policy.severity, action.value,
          action.worstValue, action.sample, action.windowFrom, action.windowTo, action.openedAt, action.lastEvaluatedAt, JSON.stringify(evidence), since],
      );
      breachId = row.id;
      await transitionEvent(manager, breachId, 'opened', 0, evaluatedAt);
      await deliveriesFor(manager, input.deliveries, breachId, 'opened', asOf);
    } else if (action.kind === 'update' && breachId) {
      const evidence = await evidenceOf(manager, policy, instance, window, measurement, asOf);
      await manager.query(
        `UPDATE breaches SET value = $2, worst_value = $3, sample = $4, window_from = $5, window_to = $6, last_evaluated_at = $7, evidence = $8 WHERE id = $1`,
        [breachId, action.value, action.worstValue, action.sample, action.windowFrom, action.windowTo, action.lastEvaluatedAt, JSON.stringify(evidence)],
      );
    } else if (action.kind === 'resolve' && breachId) {
      await manager.query(`UPDATE breaches SET status = 'resolved', resolved_at = $2, last_evaluated_at = GREATEST(last_evaluated_at, $2) WHERE id = $1`, [breachId, action.resolvedAt]);
      await transitionEvent(manager, breachId, 'resolved', 0, evaluatedAt);
      await deliveriesFor(manager, input.deliveries, breachId, 'resolved', asOf);
    }
    if (after && breachId && action.kind !== 'open') {
      const [last] = await rows<{ last_at: Date | null; reminders: string }>(
        manager,
        `SELECT max(at) FILTER (WHERE transition IN ('opened', 'reminder')) AS last_at, count(*) FILTER (WHERE transition = 'reminder') AS reminders
         FROM breach_events WHERE breach_id = $1`,
        [breachId],
      );
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
  await runner.query('INSERT INTO breach_events (breach_id, transition, reminder, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [breachId, transition, reminder, at]);
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
  const { total, parcels } = await worstParcels(runner, { metric: policy.metric, instance, window });
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
