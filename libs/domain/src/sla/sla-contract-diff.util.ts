import { SlaContract, SlaContractPolicy } from './sla-contract.parser';
import { SLA_POLICY_FIELDS, SlaPolicyField } from './sla-policy.schema';

/** A stored contract policy: what `diffContract` compares the file against. */
export interface StoredContractPolicy extends SlaContractPolicy {
  id: string;
}

export interface ContractFieldChange {
  field: ContractPolicyField;
  from: unknown;
  to: unknown;
}

export type ContractAction =
  | { kind: 'create'; contract: string; name: string; policy: SlaContractPolicy }
  | { kind: 'update'; contract: string; name: string; id: string; policy: SlaContractPolicy; changes: ContractFieldChange[] }
  | { kind: 'disable'; contract: string; name: string; id: string; changes: ContractFieldChange[] };

// Every stored field but the key (contract, name), in the order changes are reported: derived from the
// policy's one field list, so a new policy field is compared without anyone remembering to add it here.
export type ContractPolicyField = 'effectiveFrom' | Exclude<SlaPolicyField, 'name'>;
const isComparedPolicyField = (field: SlaPolicyField): field is Exclude<SlaPolicyField, 'name'> => field !== 'name';
const COMPARED_FIELDS: readonly ContractPolicyField[] = ['effectiveFrom', ...SLA_POLICY_FIELDS.filter(isComparedPolicyField)];

/**
 * What applying a contract file changes, keyed by (contract, policy name): new names are created,
 * changed ones updated field by field, names gone from the file disabled (not deleted: their
 * breaches keep their history). Once the actions are applied, the same file yields none.
 */
export function diffContract(input: { existing: readonly StoredContractPolicy[]; incoming: SlaContract }): ContractAction[] {
  const { contract } = input.incoming;
  const existingByName = new Map<string, StoredContractPolicy>();
  for (const policy of input.existing) {
    if (policy.contract === contract && !existingByName.has(policy.name)) existingByName.set(policy.name, policy);
  }
  const actions: ContractAction[] = [];
  const incomingNames = new Set<string>();
  for (const policy of input.incoming.policies) {
    incomingNames.add(policy.name);
    const stored = existingByName.get(policy.name);
    if (!stored) {
      actions.push({ kind: 'create', contract, name: policy.name, policy });
      continue;
    }
    const changes = fieldChanges(stored, policy);
    if (changes.length > 0) actions.push({ kind: 'update', contract, name: policy.name, id: stored.id, policy, changes });
  }
  const gone = [...existingByName.values()].filter((policy) => !incomingNames.has(policy.name) && policy.enabled);
  gone.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const policy of gone) {
    actions.push({ kind: 'disable', contract, name: policy.name, id: policy.id, changes: [{ field: 'enabled', from: true, to: false }] });
  }
  return actions;
}

function fieldChanges(stored: SlaContractPolicy, incoming: SlaContractPolicy): ContractFieldChange[] {
  return COMPARED_FIELDS.filter((field) => !sameValue(stored[field], incoming[field])).map((field) => ({ field, from: stored[field], to: incoming[field] }));
}

// Values are scalars, null, or the flat burnRate object.
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => left[key] === right[key]);
  }
  return (a ?? null) === (b ?? null);
}
