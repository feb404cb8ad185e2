import type { PolicyStatus } from '../api/policy-state-types';
import type { SlaPolicy } from '../api/sla-types';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { describePolicyScope } from './policy-form.util';
import { formatValueWords, metricWords, requirementWords } from './policy-words.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const STATE_WORDS: Record<PolicyStatus['state'], string> = {
  ok: 'OK',
  breaching: 'Breaching',
  no_data: 'No data',
  not_evaluated: 'Not evaluated yet',
  disabled: 'Disabled',
};

const STATE_ORDER: Record<PolicyStatus['state'], number> = { breaching: 0, no_data: 1, not_evaluated: 2, ok: 3, disabled: 4 };
const SEVERITY_ORDER: Record<string, number> = { critical: 0, major: 1, minor: 2 };

const POLICY_COLUMNS: readonly SortableColumn<SlaPolicy>[] = [
  { id: 'name', label: 'Name', sortValue: (policy) => policy.name },
  { id: 'state', label: 'State', sortValue: (policy) => (policy.status === null ? null : STATE_ORDER[policy.status.state]) },
  { id: 'value', label: 'Current value', sortValue: (policy) => policy.status?.value ?? null },
  { id: 'target', label: 'Target', sortValue: (policy) => policy.threshold },
  { id: 'sample', label: 'Sample', sortValue: (policy) => policy.status?.sample ?? null },
  { id: 'scope', label: 'Scope', sortValue: (policy) => describePolicyScope(policy) },
  { id: 'window', label: 'Window', sortValue: (policy) => policy.windowDays },
  { id: 'severity', label: 'Severity', sortValue: (policy) => SEVERITY_ORDER[policy.severity] ?? 3 },
  { id: 'lastEvaluated', label: 'Last evaluated', sortValue: (policy) => (policy.status?.lastEvaluatedAt ? Date.parse(policy.status.lastEvaluatedAt) : null) },
  { id: 'nextEvaluation', label: 'Next evaluation', sortValue: (policy) => (policy.status?.nextEvaluationAt ? Date.parse(policy.status.nextEvaluationAt) : null) },
  { id: 'actions', label: 'Actions' },
];

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
      <SortableTable
        label="SLA policies"
        columns={canEdit ? POLICY_COLUMNS : POLICY_COLUMNS.slice(0, -1)}
        rows={policies}
        rowKey={(policy) => policy.id}
        renderRow={(policy) => (
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
        )}
      />
    </div>
  );
}
