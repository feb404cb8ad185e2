import {
  contractPoliciesForUpdate,
  ContractPolicyValues,
  disableSlaPolicy,
  insertContractPolicy,
  insertSlaContractKey,
  lockSlaContract,
  requeueContractClockLegs,
  updateContractPolicy,
  upsertSlaContract,
} from '@lanewatch/db';
import { ContractAction, diffContract, SlaContract, SlaMetric, SlaOp, SlaSeverity, StoredContractPolicy } from '@lanewatch/domain';
import type { DataSource, EntityManager } from 'typeorm';

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
    await lockSlaContract(manager, contract.contract);
    const stored = await contractPoliciesForUpdate(manager, contract.contract);
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
    const written = await upsertSlaContract(manager, { contract: contract.contract, effectiveFrom: contract.effectiveFrom, carrier: contract.carrier, document: contract });
    if (written) {
      await insertSlaContractKey(manager, contract.contract);
      options.onClockRequeued?.(await requeueClockLegs(manager, contract.contract));
    }
    const actions = diffContract({ existing, incoming: contract });
    for (const action of actions) {
      if (action.kind === 'disable') {
        await disableSlaPolicy(manager, action.id);
        continue;
      }
      const p = action.policy;
      const values: ContractPolicyValues = [p.name, p.carrier, p.corridor, p.serviceLevel, p.metric, p.op, p.threshold, p.windowDays, p.minSample, p.severity, p.enabled,
        p.burnRate === null ? null : JSON.stringify(p.burnRate), p.wilsonGuard, p.contract, p.effectiveFrom];
      if (action.kind === 'create') {
        await insertContractPolicy(manager, values);
      } else {
        await updateContractPolicy(manager, action.id, values);
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
  return requeueContractClockLegs(manager, contract);
}
