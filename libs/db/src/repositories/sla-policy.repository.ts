import type { PolicyStateSummary, SlaMetric, SlaOp } from '@lanewatch/domain';
import type { SlaContractEntity, SlaContractKeyEntity } from '../entities/sla-contract.entity';
import type { SlaPolicyEntity } from '../entities/sla-policy.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** An SLA policy as the evaluator reads it (sla_policies). */
export type PolicyRow = ColumnsOf<
  SlaPolicyEntity,
  'id' | 'name' | 'carrier' | 'corridor' | 'service_level' | 'threshold' | 'window_days' | 'min_sample' | 'severity' | 'enabled' | 'burn_rate' | 'wilson_guard'
> & {
  metric: SlaMetric;
  op: SlaOp;
  /** The contract file the policy came from: clock metrics run on its clock. */
  contract?: string | null;
};

/** A policy as the API shows it: with its contract, timestamps and the latest evaluation's summary. */
export type StoredPolicyRow = PolicyRow &
  ColumnsOf<SlaPolicyEntity, 'contract' | 'effective_from' | 'created_at' | 'updated_at' | 'last_evaluated_at'> & {
    last_evaluation: PolicyStateSummary | null;
  };

/** A policy of a contract file: contract and effective_from set (to_char'd 'YYYY-MM-DD'). */
export type ContractPolicyRow = PolicyRow & { [Column in 'contract' | 'effective_from']: NonNullable<TableRow<SlaPolicyEntity>[Column]> };

export const POLICY_COLUMNS =
  'id, name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard';

const STORED_COLUMNS = `${POLICY_COLUMNS}, contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, created_at, updated_at, last_evaluated_at, last_evaluation`;

/** name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate (JSON text), wilson_guard. */
export type PolicyValues = [string, string | null, string | null, string | null, string, string, number, number, number, string, boolean, string | null, boolean];

export async function insertSlaPolicy(runner: SqlRunner, values: PolicyValues): Promise<StoredPolicyRow> {
  const [row] = await rows<StoredPolicyRow>(
    runner,
    `INSERT INTO sla_policies (name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${STORED_COLUMNS}`,
    values,
  );
  return row;
}

export async function listStoredSlaPolicies(runner: SqlRunner): Promise<StoredPolicyRow[]> {
  return rows<StoredPolicyRow>(runner, `SELECT ${STORED_COLUMNS} FROM sla_policies ORDER BY name, id`);
}

export async function findStoredSlaPolicy(runner: SqlRunner, id: string): Promise<StoredPolicyRow | undefined> {
  const [row] = await rows<StoredPolicyRow>(runner, `SELECT ${STORED_COLUMNS} FROM sla_policies WHERE id = $1`, [id]);
  return row;
}

export async function replaceSlaPolicy(runner: SqlRunner, id: string, values: PolicyValues): Promise<StoredPolicyRow> {
  const [row] = await rows<StoredPolicyRow>(
    runner,
    `UPDATE sla_policies SET name = $2, carrier = $3, corridor = $4, service_level = $5, metric = $6, op = $7, threshold = $8, window_days = $9,
         min_sample = $10, severity = $11, enabled = $12, burn_rate = $13, wilson_guard = $14, updated_at = now() WHERE id = $1 RETURNING ${STORED_COLUMNS}`,
    [id, ...values],
  );
  return row;
}

/** True when a policy was deleted. */
export async function deleteSlaPolicy(runner: SqlRunner, id: string): Promise<boolean> {
  const result = await rows<ColumnsOf<SlaPolicyEntity, 'id'>>(runner, 'DELETE FROM sla_policies WHERE id = $1 RETURNING id', [id]);
  return result.length > 0;
}

/** Enabled policies (or the enabled ones among policyIds), by name, for evaluation. */
export async function enabledSlaPolicies(runner: SqlRunner, policyIds?: string[]): Promise<PolicyRow[]> {
  return rows<PolicyRow>(
    runner,
    `SELECT ${POLICY_COLUMNS}, contract FROM sla_policies WHERE enabled ${policyIds ? 'AND id = ANY($1::uuid[])' : ''} ORDER BY name, id`,
    policyIds ? [policyIds] : [],
  );
}

/** A carrier's enabled policies, by name (the review pack). */
export async function enabledSlaPoliciesOfCarrier(runner: SqlRunner, carrier: string): Promise<PolicyRow[]> {
  return rows<PolicyRow>(runner, `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE carrier = $1 AND enabled ORDER BY name, id`, [carrier]);
}

/** For the policy list; an evaluation at an earlier asOf (a replay) does not overwrite a later one. */
export async function recordPolicyEvaluationSummary(runner: SqlRunner, policyId: string, evaluatedAt: Date, summary: PolicyStateSummary): Promise<void> {
  await runner.query(
    'UPDATE sla_policies SET last_evaluated_at = $2, last_evaluation = $3 WHERE id = $1 AND (last_evaluated_at IS NULL OR last_evaluated_at <= $2)',
    [policyId, evaluatedAt, JSON.stringify(summary)],
  );
}

// --- Contract files (lanewatch sla apply): one transaction, under the contract's advisory lock. ---

export async function lockSlaContract(runner: SqlRunner, contract: string): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sla-contract:${contract}`]);
}

/** A contract's policies, locked for update. */
export async function contractPoliciesForUpdate(runner: SqlRunner, contract: string): Promise<ContractPolicyRow[]> {
  return rows<ContractPolicyRow>(
    runner,
    `SELECT ${POLICY_COLUMNS}, contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM sla_policies WHERE contract = $1 FOR UPDATE`,
    [contract],
  );
}

/** Stores a contract document; true when it is new or changed. */
export async function upsertSlaContract(
  runner: SqlRunner,
  input: { contract: string; effectiveFrom: string; carrier: string; document: unknown },
): Promise<boolean> {
  const written = await rows<ColumnsOf<SlaContractEntity, 'contract'>>(
    runner,
    `INSERT INTO sla_contracts (contract, effective_from, carrier, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract, effective_from) DO UPDATE SET carrier = EXCLUDED.carrier, document = EXCLUDED.document, applied_at = now()
       WHERE sla_contracts.document IS DISTINCT FROM EXCLUDED.document OR sla_contracts.carrier IS DISTINCT FROM EXCLUDED.carrier
       RETURNING contract`,
    [input.contract, input.effectiveFrom, input.carrier, JSON.stringify(input.document)],
  );
  return written.length > 0;
}

export async function insertSlaContractKey(runner: SqlRunner, contract: string): Promise<void> {
  await runner.query(`INSERT INTO sla_contract_keys (contract) VALUES ($1) ON CONFLICT (contract) DO NOTHING`, [contract]);
}

export async function disableSlaPolicy(runner: SqlRunner, id: string): Promise<void> {
  await runner.query('UPDATE sla_policies SET enabled = false, updated_at = now() WHERE id = $1', [id]);
}

/** name … wilson_guard as in PolicyValues, then contract and effective_from. */
export type ContractPolicyValues = [...PolicyValues, string, string];

export async function insertContractPolicy(runner: SqlRunner, values: ContractPolicyValues): Promise<void> {
  await runner.query(
    `INSERT INTO sla_policies (name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard, contract, effective_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    values,
  );
}

export async function updateContractPolicy(runner: SqlRunner, id: string, values: ContractPolicyValues): Promise<void> {
  await runner.query(
    `UPDATE sla_policies SET name = $1, carrier = $2, corridor = $3, service_level = $4, metric = $5, op = $6, threshold = $7, window_days = $8,
             min_sample = $9, severity = $10, enabled = $11, burn_rate = $12, wilson_guard = $13, contract = $14, effective_from = $15, updated_at = now() WHERE id = $16`,
    [...values, id],
  );
}

/**
 * Queues every finished leg of the contract's carriers for re-derivation (its clock changed); returns how many.
 */
export async function requeueContractClockLegs(runner: SqlRunner, contract: string): Promise<number> {
  const [queued] = await rows<{ n: string }>(
    runner,
    `WITH queued AS (
       INSERT INTO link_queue (leg_id, batch_id, events)
       SELECT f.leg_id, NULL, 0 FROM leg_facts f JOIN carriers c ON c.id = f.carrier_id
        WHERE c.code IN (SELECT carrier FROM sla_contracts WHERE contract = $1) AND f.leg_end_at IS NOT NULL
        ORDER BY f.leg_id
       RETURNING 1)
     SELECT count(*) AS n FROM queued`,
    [contract],
  );
  return Number(queued.n);
}

/** The number a contract's clock cells are kept under (sla_contract_keys); undefined for an unapplied contract. */
export async function contractKeyId(runner: SqlRunner, contract: string): Promise<number | undefined> {
  const [found] = await rows<ColumnsOf<SlaContractKeyEntity, 'id'>>(runner, `SELECT id FROM sla_contract_keys WHERE contract = $1`, [contract]);
  return found ? Number(found.id) : undefined;
}
