import { rows } from '@lanewatch/db';
import { ContractAction, diffContract, SlaContract, SlaMetric, SlaOp, SlaSeverity, StoredContractPolicy } from '@lanewatch/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { POLICY_COLUMNS, PolicyRow } from './evaluate';

/**
 * Applies a parsed contract file in one transaction (sla.md §1 "policies as code"): the diff against
 * the stored policies of that contract is created, updated or disabled. Applying the same file
 * again changes nothing and answers no actions.
 */
export async function applySlaContract(
  dataSource: DataSource,
  contract: SlaContract,
  options: { onClockRequeued?: (legs: number) => void } = {},
): Promise<ContractAction[]> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sla-contract:${contract.contract}`]);
    const stored = await rows<PolicyRow & { contract: string; effective_from: string }>(
      manager,
      `SELECT ${POLICY_COLUMNS}, contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM sla_policies WHERE contract = $1 FOR UPDATE`,
      [contract.contract],
    );
    const existing: StoredContractPolicy[] = stored.map((row) => ({
      id: row.id,
      contract: row.contract,
      effectiveFrom: row.effective_from,
      name: row.name,
      carrier: row.carrier,
      corridor: row.corridor,
      serviceLevel: row.service_level,
      metric: row.metric as SlaMetric,
      op: row.op as SlaOp,
      threshold: Number(row.threshold),
      windowDays: row.window_days,
      minSample: row.min_sample,
      severity: row.severity as SlaSeverity,
      enabled: row.enabled,
      burnRate: row.burn_rate,
      wilsonGuard: row.wilson_guard,
    }));
    // The whole parsed contract (clock, and whatever else a contract carries) for readers of sla_contracts;
    // an unchanged document keeps its applied_at, so applying the same file again changes nothing.
    const written = await rows<{ contract: string }>(
      manager,
      `INSERT INTO sla_contracts (contract, effective_from, carrier, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract, effective_from) DO UPDATE SET carrier = EXCLUDED.carrier, document = EXCLUDED.document, applied_at = now()
       WHERE sla_contracts.document IS DISTINCT FROM EXCLUDED.document OR sla_contracts.carrier IS DISTINCT FROM EXCLUDED.carrier
       RETURNING contract`,
      [contract.contract, contract.effectiveFrom, contract.carrier, JSON.stringify(contract)],
    );
    if (written.length > 0) {
      await manager.query(`INSERT INTO sla_contract_keys (contract) VALUES ($1) ON CONFLICT (contract) DO NOTHING`, [contract.contract]);
      options.onClockRequeued?.(await requeueClockLegs(manager, contract.contract));
    }
    const actions = diffContract({ existing, incoming: contract });
    for (const action of actions) {
      if (action.kind === 'disable') {
        await manager.query('UPDATE sla_policies SET enabled = false, updated_at = now() WHERE id = $1', [action.id]);
        continue;
      }
      const p = action.policy;
      const values = [p.name, p.carrier, p.corridor, p.serviceLevel, p.metric, p.op, p.threshold, p.windowDays, p.minSample, p.severity, p.enabled,
        p.burnRate === null ? null : JSON.stringify(p.burnRate), p.wilsonGuard, p.contract, p.effectiveFrom];
      if (action.kind === 'create') {
        await manager.query(
          `INSERT INTO sla_policies (name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard, contract, effective_from)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          values,
        );
      } else {
        await manager.query(
          `UPDATE sla_policies SET name = $1, carrier = $2, corridor = $3, service_level = $4, metric = $5, op = $6, threshold = $7, window_days = $8,
             min_sample = $9, severity = $10, enabled = $11, burn_rate = $12, wilson_guard = $13, contract = $14, effective_from = $15, updated_at = now() WHERE id = $16`,
          [...values, action.id],
        );
      }
    }
    return actions;
  });
}

/**
 * A new or changed contract version changes the clock facts of its carriers' ended legs (contracts.md §1):
 * they are queued for derivation like legs whose events arrived, and the workers recompute their facts
 * and rollup deltas in the background, a chunk at a time under the usual per-journey locks.
 */
async function requeueClockLegs(manager: EntityManager, contract: string): Promise<number> {
  const [queued] = await rows<{ n: string }>(
    manager,
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

/** One line per action, for the CLI. */
export function describeContractAction(action: ContractAction): string {
  if (action.kind === 'create') return `created  ${action.contract} / ${action.name}`;
  const changes = action.changes.map((change) => `${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`).join(', ');
  return `${action.kind === 'update' ? 'updated ' : 'disabled'} ${action.contract} / ${action.name} (${changes})`;
}
