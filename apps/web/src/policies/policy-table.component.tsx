import type { PolicyStatus } from '../api/policy-state-types';
import type { SlaPolicy } from '../api/sla-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { describePolicyScope } from './policy-form.util';
import { formatValueWords, metricWords, requirementWords } from './policy-words.util';

const STATE_WORDS: Record<PolicyStatus['state'], string> = {
  ok: 'OK',
  breaching: 'Breaching',
  no_data: 'No data',
  not_evaluated: 'Not evaluated yet',
  disabled: 'Disabled',
};

type PolicyTableProps = {
  policies: readonly SlaPolicy[];
  canEdit: boolean;
  busyId: string | null;
  onEdit: (id: string) => void;
  onDelete: (policy: SlaPolicy) => void;
};

function StateCell({ policy }: { policy: SlaPolicy }) {
  const status = policy.status;
  if (status === null) return <td>—</td>;
  const worst = status.worst;
  const lanes = status.scopes !== null && status.scopes > 1 ? `${status.breachingScopes ?? 0} of ${status.scopes} breaching` : null;
  return (
    <td data-field="state">
      <span className={`policy-state policy-state--${status.state}`}>{STATE_WORDS[status.state]}</span>
      {lanes !== null ? <span className="data-table__detail">{lanes}</span> : null}
      {lanes !== null && worst !== null ? <span className="data-table__detail">worst: {describePolicyScope(worst)}</span> : null}
    </td>
  );
}

// Grafana's rule list: each policy with its state, the value that gave it, and when it is judged next.
export function PolicyTable({ policies, canEdit, busyId, onEdit, onDelete }: PolicyTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="SLA policies">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Current value</th>
            <th scope="col">Target</th>
            <th scope="col">Sample</th>
            <th scope="col">Scope</th>
            <th scope="col">Window</th>
            <th scope="col">Severity</th>
            <th scope="col">Last evaluated</th>
            <th scope="col">Next evaluation</th>
            {canEdit ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {policies.map((policy) => (
            <tr key={policy.id} data-policy-id={policy.id}>
              <th scope="row">
                {policy.name}
                <span className="data-table__detail">{metricWords(policy.metric)}</span>
                {policy.contract ? <span className="data-table__detail">contract {policy.contract}</span> : null}
              </th>
              <StateCell policy={policy} />
              <td data-field="value">{formatValueWords(policy.status?.value ?? null, policy.metric)}</td>
              <td>{requirementWords(policy)}</td>
              <td data-field="sample">
                {policy.status?.sample == null ? '—' : policy.status.sample.toLocaleString('en')}
                <span className="data-table__detail">verdict from {policy.minSample}</span>
              </td>
              <td>{describePolicyScope(policy)}</td>
              <td>{policy.windowDays} d</td>
              <td>
                <span className={`severity severity--${policy.severity}`}>{policy.severity}</span>
              </td>
              <td>{policy.status?.lastEvaluatedAt ? formatUtcInstant(policy.status.lastEvaluatedAt) : 'never'}</td>
              <td>{policy.status?.nextEvaluationAt ? formatUtcInstant(policy.status.nextEvaluationAt) : '—'}</td>
              {canEdit ? (
                <td className="data-table__actions">
                  <button type="button" className="button--quiet" onClick={() => onEdit(policy.id)} aria-label={`Edit ${policy.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button--quiet"
                    disabled={busyId === policy.id}
                    onClick={() => onDelete(policy)}
                    aria-label={`Delete ${policy.name}`}
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
