import { useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { fetchPolicies } from '../api/dashboard-api';
import type { SlaPolicy } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { formatThreshold, metricLabel } from '../breaches/breach-format.util';
import { toSearchString } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { PolicyForm } from './policy-form.component';
import { policiesCsv } from './policies-csv.util';
import { describePolicyScope } from './policy-form.util';

function PolicyTable({ policies, canEdit, onEdit }: { policies: readonly SlaPolicy[]; canEdit: boolean; onEdit: (id: string) => void }) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="SLA policies">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Metric</th>
            <th scope="col">Threshold</th>
            <th scope="col">Window</th>
            <th scope="col">Min. sample</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            {canEdit ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {policies.map((policy) => (
            <tr key={policy.id} data-policy-id={policy.id}>
              <th scope="row">
                {policy.name}
                {policy.contract ? <span className="data-table__detail">contract {policy.contract}</span> : null}
              </th>
              <td>{describePolicyScope(policy)}</td>
              <td>{metricLabel(policy.metric)}</td>
              <td>{formatThreshold(policy)}</td>
              <td>{policy.windowDays} d</td>
              <td>{policy.minSample}</td>
              <td>
                <span className={`severity severity--${policy.severity}`}>{policy.severity}</span>
              </td>
              <td>{policy.enabled ? 'enabled' : 'disabled'}</td>
              {canEdit ? (
                <td>
                  <button type="button" className="button--quiet" onClick={() => onEdit(policy.id)} aria-label={`Edit ${policy.name}`}>
                    Edit
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

// `?edit=<id>` or `?edit=new` in the URL opens the form, so an edit in progress is a link too.
export function PoliciesPage() {
  const { token, onUnauthorized, canEdit } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const editing = canEdit ? params.get('edit') : null;
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: `policies-${version}`, load, onUnauthorized });

  const openForm = (edit: string | null) => {
    const next = new URLSearchParams(params);
    if (edit === null) {
      next.delete('edit');
    } else {
      next.set('edit', edit);
    }
    navigate({ pathname: location.pathname, search: toSearchString(next) });
  };

  return (
    <>
      <title>SLA policies — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>SLA policies</h1>
          <p className="page-header__subtitle">
            {canEdit ? 'What each carrier contract promises; evaluated every minute.' : 'Read only: viewers cannot change policies.'}
          </p>
        </div>
        {canEdit ? (
          <button type="button" onClick={() => openForm('new')}>
            New policy
          </button>
        ) : null}
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <QueryState query={policies} what="the policies">
          {(data) => {
            const editedPolicy = editing === null || editing === 'new' ? null : (data.find((policy) => policy.id === editing) ?? null);
            const showForm = editing === 'new' || editedPolicy !== null;
            return (
              <>
                {showForm ? (
                  <PolicyForm
                    key={editing}
                    policy={editedPolicy}
                    onSaved={() => {
                      setVersion((value) => value + 1);
                      openForm(null);
                    }}
                    onCancel={() => openForm(null)}
                  />
                ) : null}
                {data.length === 0 ? (
                  <p className="panel__placeholder" role="status">
                    No SLA policies yet.{canEdit ? ' Create one, or load contracts with npm run lanewatch -- sla apply FILE.yaml.' : ''}
                  </p>
                ) : (
                  <section className="panel" aria-label="Policies">
                    <div className="panel__header">
                      <h2>Policies</h2>
                      <CsvDownloadButton fileName="lanewatch-sla-policies.csv" csv={() => policiesCsv(data)} what="the SLA policies" />
                    </div>
                    <PolicyTable policies={data} canEdit={canEdit} onEdit={(id) => openForm(id)} />
                  </section>
                )}
              </>
            );
          }}
        </QueryState>
      </main>
    </>
  );
}
