import { useCallback, useState } from 'react';
import type { Silence } from '../api/alert-types';
import { deleteSilence, fetchSilences } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { describeSilenceScope } from './alert-forms.util';
import { silencesCsv, silenceState } from './alerts-csv.util';
import { SilenceForm } from './silence-form.component';
import { useDeleteAction } from './use-delete-action.hook';

type SilencesSectionProps = { formOpen: boolean; onForm: (open: boolean) => void; nowMs: number };

export function SilencesSection({ formOpen, onForm, nowMs }: SilencesSectionProps) {
  const { token, onUnauthorized, canEdit } = useSession();
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => fetchSilences({ token, signal }), [token]);
  const silences = useApiQuery({ requestKey: `silences-${version}`, load, onUnauthorized });
  const reload = () => setVersion((value) => value + 1);
  const remover = useDeleteAction({ remove: (id, bearer) => deleteSilence({ id, token: bearer }), onDeleted: reload });

  return (
    <section className="panel" aria-labelledby="silences-heading">
      <div className="panel__header">
        <h2 id="silences-heading">Silences</h2>
        <div className="panel__actions">
          <CsvDownloadButton
            fileName="lanewatch-silences.csv"
            csv={() => silencesCsv(silences.data ?? [], nowMs)}
            what="the silences"
            disabled={silences.data === null || silences.data.length === 0}
          />
          {canEdit && !formOpen ? (
            <button type="button" onClick={() => onForm(true)}>
              New silence
            </button>
          ) : null}
        </div>
      </div>
      <p className="panel__note">A silence mutes matching alerts for its period; breaches still open and are listed.</p>
      {canEdit && formOpen ? (
        <SilenceForm
          nowMs={nowMs}
          onCreated={() => {
            reload();
            onForm(false);
          }}
          onCancel={() => onForm(false)}
        />
      ) : null}
      {remover.error !== null ? (
        <div className="banner banner--error" role="alert">
          <p>{remover.error}</p>
        </div>
      ) : null}
      <QueryState query={silences} what="the silences">
        {(data) =>
          data.length === 0 ? (
            <p className="panel__placeholder">No silences: every alert is sent.</p>
          ) : (
            <SilenceTable
              silences={data}
              nowMs={nowMs}
              canEdit={canEdit}
              busyId={remover.busyId}
              onDelete={(silence) => remover.run(silence.id, `Delete the silence “${silence.reason}”? Matching alerts are sent again.`)}
            />
          )
        }
      </QueryState>
    </section>
  );
}

type SilenceTableProps = {
  silences: readonly Silence[];
  nowMs: number;
  canEdit: boolean;
  busyId: string | null;
  onDelete: (silence: Silence) => void;
};

function SilenceTable({ silences, nowMs, canEdit, busyId, onDelete }: SilenceTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Silences">
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Mutes</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">Created by</th>
            {canEdit ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {silences.map((silence) => (
            <tr key={silence.id} data-silence-id={silence.id}>
              <th scope="row">{silence.reason}</th>
              <td>
                {describeSilenceScope(silence)}
                {silence.policyId === null ? null : <span className="data-table__detail">policy {silence.policyId}</span>}
              </td>
              <td>{formatUtcInstant(silence.from)}</td>
              <td>{formatUtcInstant(silence.to)}</td>
              <td>{silenceState(silence, nowMs)}</td>
              <td>{silence.createdBy ?? '—'}</td>
              {canEdit ? (
                <td>
                  <button
                    type="button"
                    className="button--quiet"
                    disabled={busyId === silence.id}
                    onClick={() => onDelete(silence)}
                    aria-label={`Delete silence ${silence.reason}`}
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
