import type { ContractAction } from './sla-contract-diff.util';

/** One line per action, for the CLI. */
export function describeContractAction(action: ContractAction): string {
  if (action.kind === 'create') return `created  ${action.contract} / ${action.name}`;
  const changes = action.changes.map((change) => `${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`).join(', ');
  return `${action.kind === 'update' ? 'updated ' : 'disabled'} ${action.contract} / ${action.name} (${changes})`;
}
