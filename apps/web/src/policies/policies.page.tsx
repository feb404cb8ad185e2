import { useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { deletePolicy, fetchPolicies } from '../api/dashboard-api';
import { useDeleteAction } from '../alerts/use-delete-action.hook';
import { useSession } from '../auth/session.context';
import { toSearchString } from '../filters/dashboard-query.util';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { PolicyForm } from './policy-form.component';
import { policiesCsv } from './policies-csv.util';
import { PolicyTable } from './policy-table.component';

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
  const remover = useDeleteAction({ remove: (id, bearer) => deletePolicy({ id, token: bearer }), onDeleted: () => setVersion((value) => value + 1) });

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
            {canEdit
              ? 'What each carrier contract promises, and whether it is kept: the state, value and sample of the last evaluation.'
              : 'Read only: viewers cannot change policies.'}
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
                    {remover.error !== null ? (
                      <div className="banner banner--error" role="alert">
                        <p>{remover.error}</p>
                      </div>
                    ) : null}
                    <PolicyTable
                      policies={data}
                      canEdit={canEdit}
                      busyId={remover.busyId}
                      onEdit={(id) => openForm(id)}
                      onDelete={(policy) =>
                        remover.run(policy.id, `Delete the policy “${policy.name}” and its breach history? Disable it instead to keep the history.`)
                      }
                    />
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
