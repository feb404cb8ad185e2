import { Fragment, useCallback, useState } from 'react';
import type { CreatedChannel, NotificationChannel } from '../api/alert-types';
import { deleteChannel, fetchChannels } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { channelHealth } from './alert-forms.util';
import { channelsCsv } from './alerts-csv.util';
import { ChannelForm } from './channel-form.component';
import { ChannelHistory } from './channel-history.component';
import { useDeleteAction } from './use-delete-action.hook';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

type ChannelsSectionProps = { formOpen: boolean; onForm: (open: boolean) => void };

const anyOf = (values: readonly string[], noun: string) => (values.length === 0 ? `every ${noun}` : values.join(', '));

export function ChannelsSection({ formOpen, onForm }: ChannelsSectionProps) {
  const { token, onUnauthorized, canEdit } = useSession();
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const load = useCallback((signal: AbortSignal) => fetchChannels({ token, signal }), [token]);
  const channels = useApiQuery({ requestKey: `channels-${version}`, load, onUnauthorized });
  const reload = () => setVersion((value) => value + 1);
  const remover = useDeleteAction({ remove: (id, bearer) => deleteChannel({ id, token: bearer }), onDeleted: reload });

  return (
    <section className="panel" aria-labelledby="channels-heading">
      <div className="panel__header">
        <h2 id="channels-heading">Notification channels</h2>
        <div className="panel__actions">
          <CsvDownloadButton
            fileName="lanewatch-notification-channels.csv"
            csv={() => channelsCsv(channels.data ?? [])}
            what="the notification channels"
            disabled={channels.data === null || channels.data.length === 0}
          />
          {canEdit && !formOpen ? (
            <button type="button" onClick={() => onForm(true)}>
              New channel
            </button>
          ) : null}
        </div>
      </div>
      {created !== null ? <SecretNotice created={created} onDismiss={() => setCreated(null)} /> : null}
      {canEdit && formOpen ? (
        <ChannelForm
          onCreated={(result) => {
            setCreated(result);
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
      <QueryState query={channels} what="the notification channels">
        {(data) =>
          data.length === 0 ? (
            <p className="panel__placeholder">No notification channels yet{canEdit ? '; create one to receive breach alerts.' : '.'}</p>
          ) : (
            <ChannelTable
              channels={data}
              canEdit={canEdit}
              busyId={remover.busyId}
              onDelete={(channel) => remover.run(channel.id, `Delete the channel “${channel.name}”?`)}
            />
          )
        }
      </QueryState>
    </section>
  );
}

// The signing secret is derived and never stored: this is the only time anyone sees it.
function SecretNotice({ created, onDismiss }: { created: CreatedChannel; onDismiss: () => void }) {
  return (
    <div className="banner banner--info" role="status">
      <p>
        <strong>Channel “{created.channel.name}” created.</strong>{' '}
        {created.secret === null ? null : (
          <>
            Its webhook signing secret, shown only now: <code className="secret">{created.secret}</code>
          </>
        )}
      </p>
      <button type="button" className="button--quiet" onClick={onDismiss}>
        {created.secret === null ? 'Dismiss' : 'I have stored the secret'}
      </button>
    </div>
  );
}

const CHANNEL_COLUMNS: readonly SortableColumn<NotificationChannel>[] = [
  { id: 'name', label: 'Name', sortValue: (channel) => channel.name },
  { id: 'kind', label: 'Kind', sortValue: (channel) => channel.kind },
  { id: 'target', label: 'Target', sortValue: (channel) => channel.target },
  { id: 'sends', label: 'Sends' },
  { id: 'health', label: 'Health', sortValue: (channel) => channelHealth(channel) },
  { id: 'lastError', label: 'Last error', sortValue: (channel) => channel.lastError },
  { id: 'lastSuccess', label: 'Last success', sortValue: (channel) => (channel.lastSuccessAt === null ? null : Date.parse(channel.lastSuccessAt)) },
  { id: 'actions', label: 'Actions' },
];

type ChannelTableProps = {
  channels: readonly NotificationChannel[];
  canEdit: boolean;
  busyId: string | null;
  onDelete: (channel: NotificationChannel) => void;
};

function ChannelTable({ channels, canEdit, busyId, onDelete }: ChannelTableProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const columns = 8;
  return (
    <div className="table-scroll">
      <SortableTable
        label="Notification channels"
        columns={CHANNEL_COLUMNS}
        rows={channels}
        rowKey={(channel) => channel.id}
        renderRow={(channel) => (
            <Fragment key={channel.id}>
              <tr data-channel-id={channel.id}>
                <th scope="row">
                  {channel.name}
                  {channel.enabled ? null : <span className="data-table__detail">disabled</span>}
                </th>
                <td>{channel.kind}</td>
                <td className="data-table__wrap">{channel.target}</td>
                <td>
                  {anyOf(channel.severities, 'severity')}; {anyOf(channel.carriers, 'carrier')}; {anyOf(channel.corridors, 'corridor')}
                </td>
                <td>
                  <span className={channel.healthy ? 'health health--ok' : 'health health--bad'}>{channelHealth(channel)}</span>
                </td>
                <td className="data-table__wrap">{channel.lastError ?? '—'}</td>
                <td>{channel.lastSuccessAt === null ? '—' : formatUtcInstant(channel.lastSuccessAt)}</td>
                <td className="data-table__actions">
                  <button
                    type="button"
                    className="button--quiet"
                    aria-expanded={openId === channel.id}
                    onClick={() => setOpenId(openId === channel.id ? null : channel.id)}
                    aria-label={`${canEdit ? 'Test and history' : 'History'} of ${channel.name}`}
                  >
                    {canEdit ? 'Test & history' : 'History'}
                  </button>
                  {canEdit ? (
                    <button
                      type="button"
                      className="button--quiet"
                      disabled={busyId === channel.id}
                      onClick={() => onDelete(channel)}
                      aria-label={`Delete channel ${channel.name}`}
                    >
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
              {openId === channel.id ? (
                <tr className="data-table__expansion">
                  <td colSpan={columns}>
                    <ChannelHistory channel={channel} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )}
      />
    </div>
  );
}
