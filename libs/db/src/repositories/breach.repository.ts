import type { BreachEntity } from '../entities/breach.entity';
import type { BreachEventEntity } from '../entities/breach-event.entity';
import type { SlaPolicyEntity } from '../entities/sla-policy.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** A breach row joined with its policy's name, as stored. */
export type BreachRow = ColumnsOf<
  BreachEntity,
  | 'id'
  | 'policy_id'
  | 'scope_key'
  | 'carrier'
  | 'corridor'
  | 'service_level'
  | 'metric'
  | 'op'
  | 'threshold'
  | 'severity'
  | 'value'
  | 'worst_value'
  | 'sample'
  | 'window_from'
  | 'window_to'
  | 'opened_at'
  | 'last_evaluated_at'
  | 'acknowledged_at'
  | 'acknowledged_by'
  | 'acknowledged_note'
  | 'resolved_at'
  | 'evidence'
  | 'wrong_side_since'
> & {
  status: 'open' | 'acknowledged' | 'resolved';
  policy_name: string;
  carrier_name: string | null;
};

export const BREACH_COLUMNS = `b.id, b.policy_id, p.name AS policy_name, b.scope_key, b.carrier, b.corridor, b.service_level, b.metric, b.op,
  b.threshold, b.severity, b.value, b.worst_value, b.sample, b.window_from, b.window_to, b.status, b.opened_at, b.last_evaluated_at,
  b.acknowledged_at, b.acknowledged_by, b.acknowledged_note, b.resolved_at, b.evidence, b.wrong_side_since,
  (SELECT name FROM carriers WHERE code = b.carrier) AS carrier_name`;

/** A breach with its policy's name; lock takes the breach row FOR UPDATE. */
export async function findBreach(runner: SqlRunner, id: string, lock = false): Promise<BreachRow | null> {
  const [row] = await rows<BreachRow>(
    runner,
    `SELECT ${BREACH_COLUMNS} FROM breaches b JOIN sla_policies p ON p.id = b.policy_id WHERE b.id = $1${lock ? ' FOR UPDATE OF b' : ''}`,
    [id],
  );
  return row ?? null;
}

/** Newest first, filtered by status, carrier and corridor when given. */
export async function listBreaches(
  runner: SqlRunner,
  filter: { status?: string; carrier?: string; corridor?: string },
  limit: number,
): Promise<BreachRow[]> {
  const parameters: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    parameters.push(value);
    where.push(sql.replace('?', `$${parameters.length}`));
  };
  if (filter.status !== undefined) add('b.status = ?', filter.status);
  if (filter.carrier !== undefined) add('b.carrier = ?', filter.carrier);
  if (filter.corridor !== undefined) add('b.corridor = ?', filter.corridor);
  return rows<BreachRow>(
    runner,
    `SELECT ${BREACH_COLUMNS} FROM breaches b JOIN sla_policies p ON p.id = b.policy_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.opened_at DESC, b.id LIMIT ${limit}`,
    parameters,
  );
}

export type BreachTransitionRow = ColumnsOf<BreachEventEntity, 'transition' | 'reminder' | 'at' | 'detail'>;

export async function breachTransitions(runner: SqlRunner, breachId: string): Promise<BreachTransitionRow[]> {
  return rows<BreachTransitionRow>(runner, 'SELECT transition, reminder, at, detail FROM breach_events WHERE breach_id = $1 ORDER BY at, id', [breachId]);
}

/** The contract of a breach's policy (clock metrics are measured on it). */
export async function policyContractOf(runner: SqlRunner, policyId: string): Promise<{ contract: string | null } | undefined> {
  const [policy] = await rows<ColumnsOf<SlaPolicyEntity, 'contract'>>(runner, 'SELECT contract FROM sla_policies WHERE id = $1', [policyId]);
  return policy;
}

export async function acknowledgeBreach(runner: SqlRunner, id: string, input: { at: Date; by: string; note: string }): Promise<void> {
  await runner.query(`UPDATE breaches SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, acknowledged_note = $4 WHERE id = $1`, [id, input.at, input.by, input.note]);
}

export async function unacknowledgeBreach(runner: SqlRunner, id: string): Promise<void> {
  await runner.query(`UPDATE breaches SET status = 'open', acknowledged_at = NULL, acknowledged_by = NULL, acknowledged_note = NULL WHERE id = $1`, [id]);
}

/** An acknowledgement can be undone and made again: each one is its own event, numbered in `reminder`. */
export async function insertBreachAckEvent(
  runner: SqlRunner,
  input: { breachId: string; transition: 'acknowledged' | 'ack_undone'; at: Date; detail: Record<string, unknown> },
): Promise<void> {
  await runner.query(
    `INSERT INTO breach_events (breach_id, transition, reminder, at, detail)
       SELECT $1::uuid, $2::varchar, count(*), $3::timestamptz, $4::jsonb FROM breach_events WHERE breach_id = $1::uuid AND transition = $2::varchar`,
    [input.breachId, input.transition, input.at, JSON.stringify(input.detail)],
  );
}

// --- SLA evaluation (one transaction per policy and scope) ---

/** The policy and scope's evaluation lock: the row lock alone cannot cover "no row yet". */
export async function lockSlaScope(runner: SqlRunner, policyId: string, scopeKey: string): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sla:${policyId}:${scopeKey}`]);
}

export type ActiveBreachRow = ColumnsOf<
  BreachEntity,
  'id' | 'scope_key' | 'carrier' | 'corridor' | 'service_level' | 'value' | 'worst_value' | 'sample' | 'window_from' | 'window_to' | 'opened_at' | 'last_evaluated_at'
> & { status: 'open' | 'acknowledged' };

/** The policy's open or acknowledged breaches (their scopes). */
export async function activeBreachScopes(runner: SqlRunner, policyId: string): Promise<Pick<ActiveBreachRow, 'id' | 'scope_key' | 'carrier' | 'corridor' | 'service_level'>[]> {
  return rows(runner, `SELECT id, scope_key, carrier, corridor, service_level FROM breaches WHERE policy_id = $1 AND status IN ('open', 'acknowledged')`, [policyId]);
}

/** The scope's open or acknowledged breach, locked for update. */
export async function activeBreachForUpdate(runner: SqlRunner, policyId: string, scopeKey: string): Promise<ActiveBreachRow | undefined> {
  const [row] = await rows<ActiveBreachRow>(
    runner,
    `SELECT id, scope_key, carrier, corridor, service_level, status, value, worst_value, sample, window_from, window_to, opened_at, last_evaluated_at
       FROM breaches WHERE policy_id = $1 AND scope_key = $2 AND status IN ('open', 'acknowledged') FOR UPDATE`,
    [policyId, scopeKey],
  );
  return row;
}

/** [policy_id, scope_key, carrier, corridor, service_level, metric, op, threshold, severity, value, worst_value, sample, window_from, window_to, opened_at, last_evaluated_at, evidence (JSON text), wrong_side_since] */
export async function openBreach(runner: SqlRunner, values: unknown[]): Promise<string> {
  const [row] = await rows<ColumnsOf<BreachEntity, 'id'>>(
    runner,
    `INSERT INTO breaches (policy_id, scope_key, carrier, corridor, service_level, metric, op, threshold, severity, value, worst_value, sample,
           window_from, window_to, status, opened_at, last_evaluated_at, evidence, wrong_side_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, $16, $17, $18) RETURNING id`,
    values,
  );
  return row.id;
}

/** [id, value, worst_value, sample, window_from, window_to, last_evaluated_at, evidence (JSON text)] */
export async function updateBreachMeasurement(runner: SqlRunner, values: unknown[]): Promise<void> {
  await runner.query(
    `UPDATE breaches SET value = $2, worst_value = $3, sample = $4, window_from = $5, window_to = $6, last_evaluated_at = $7, evidence = $8 WHERE id = $1`,
    values,
  );
}

export async function resolveBreach(runner: SqlRunner, id: string, resolvedAt: Date | string): Promise<void> {
  await runner.query(`UPDATE breaches SET status = 'resolved', resolved_at = $2, last_evaluated_at = GREATEST(last_evaluated_at, $2) WHERE id = $1`, [id, resolvedAt]);
}

/** The latest opened or reminder transition's instant (max of breach_events.at) and the count of reminders. */
export type BreachNotificationRow = { last_at: TableRow<BreachEventEntity>['at'] | null; reminders: string };

/** When the breach last notified (opened or reminder) and how many reminders it has had. */
export async function breachNotificationState(runner: SqlRunner, breachId: string): Promise<BreachNotificationRow | undefined> {
  const [last] = await rows<BreachNotificationRow>(
    runner,
    `SELECT max(at) FILTER (WHERE transition IN ('opened', 'reminder')) AS last_at, count(*) FILTER (WHERE transition = 'reminder') AS reminders
         FROM breach_events WHERE breach_id = $1`,
    [breachId],
  );
  return last;
}

export async function insertBreachTransition(runner: SqlRunner, breachId: string, transition: string, reminder: number, at: Date): Promise<void> {
  await runner.query('INSERT INTO breach_events (breach_id, transition, reminder, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [breachId, transition, reminder, at]);
}

export type CarrierMonthBreachRow = ColumnsOf<
  BreachEntity,
  'id' | 'corridor' | 'service_level' | 'metric' | 'severity' | 'status' | 'opened_at' | 'resolved_at'
> & { policy_name: string };

/** A carrier's breaches open at any time in [from, to), oldest first (the review pack). */
export async function carrierBreachesBetween(runner: SqlRunner, carrier: string, from: Date, to: Date): Promise<CarrierMonthBreachRow[]> {
  return rows<CarrierMonthBreachRow>(
    runner,
    `SELECT b.id, p.name AS policy_name, b.corridor, b.service_level, b.metric, b.severity, b.status, b.opened_at, b.resolved_at
       FROM breaches b JOIN sla_policies p ON p.id = b.policy_id
      WHERE b.carrier = $1 AND b.opened_at < $3 AND (b.resolved_at IS NULL OR b.resolved_at >= $2)
      ORDER BY b.opened_at, b.id`,
    [carrier, from, to],
  );
}
