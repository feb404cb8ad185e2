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
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

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

const SILENCE_COLUMNS: readonly SortableColumn<Silence>[] = [
  { id: 'reason', label: 'Reason', sortValue: (silence) => silence.reason },
  { id: 'mutes', label: 'Mutes', sortValue: (silence) => describeSilenceScope(silence) },
  { id: 'from', label: 'From', sortValue: (silence) => Date.parse(silence.from) },
  { id: 'to', label: 'To', sortValue: (silence) => Date.parse(silence.to) },
  { id: 'state', label: 'State', sortValue: (silence) => silence.to },
  { id: 'createdBy', label: 'Created by', sortValue: (silence) => silence.createdBy },
  { id: 'actions', label: 'Actions' },
];

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
      <SortableTable
        label="Silences"
        columns={canEdit ? SILENCE_COLUMNS : SILENCE_COLUMNS.slice(0, -1)}
        rows={silences}
        rowKey={(silence) => silence.id}
        renderRow={(silence) => (
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
          )}
      />
    </div>
  );
}
