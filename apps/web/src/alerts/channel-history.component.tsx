import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { UnauthorizedError } from '../api/api-client';
import { fetchChannelDeliveries, sendChannelTest } from '../api/dashboard-api';
import type { NotificationChannel } from '../api/alert-types';
import type { ChannelDelivery } from '../api/policy-state-types';
import { useSession } from '../auth/session.context';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const OUTCOME_WORDS: Record<string, string> = { delivered: 'delivered', failed: 'failed', pending: 'sending (retries with back-off)' };
const WHAT_WORDS: Record<string, string> = { test: 'Test alert', opened: 'Breach opened', resolved: 'Breach resolved', reminder: 'Reminder: still open' };

// What was sent to one channel (Grafana's contact-point history): time, breach or test, outcome, error.
const DELIVERY_COLUMNS: readonly SortableColumn<ChannelDelivery>[] = [
  { id: 'time', label: 'Time', sortValue: (row) => Date.parse(row.deliveredAt ?? row.createdAt) },
  { id: 'what', label: 'What', sortValue: (row) => WHAT_WORDS[row.transition] ?? row.transition },
  { id: 'outcome', label: 'Outcome', sortValue: (row) => row.status },
  { id: 'attempts', label: 'Attempts', numeric: true, sortValue: (row) => row.attempts },
  { id: 'error', label: 'Error', sortValue: (row) => row.error },
];

export function ChannelHistory({ channel }: { channel: NotificationChannel }) {
  const { token, onUnauthorized, canEdit } = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback((signal: AbortSignal) => fetchChannelDeliveries({ token, signal, id: channel.id }), [token, channel.id]);
  const deliveries = useApiQuery({ requestKey: `deliveries-${channel.id}-${version}`, load, onUnauthorized });

  async function sendTest(): Promise<void> {
    setBusy(true);
    setNotice(null);
    try {
      await sendChannelTest({ token, id: channel.id });
      setNotice({ error: false, text: 'Test alert queued: it goes out through the same sender as breach alerts. Refresh to see the outcome.' });
      setVersion((value) => value + 1);
    } catch (reason) {
      if (reason instanceof UnauthorizedError) return onUnauthorized();
      setNotice({ error: true, text: reason instanceof Error ? reason.message : 'Could not send the test alert' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="delivery-history" aria-label={`Deliveries to ${channel.name}`}>
      <div className="toolbar">
        {canEdit ? (
          <button type="button" disabled={busy} onClick={() => void sendTest()} aria-label={`Send a test alert to ${channel.name}`}>
            {busy ? 'Sending…' : 'Send test'}
          </button>
        ) : null}
        <button type="button" className="button--quiet" onClick={() => setVersion((value) => value + 1)}>
          Refresh history
        </button>
      </div>
      {notice !== null ? (
        <p className={notice.error ? 'banner banner--error' : 'banner banner--info'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      <QueryState query={deliveries} what="the delivery history">
        {(rows) =>
          rows.length === 0 ? (
            <p className="panel__placeholder">Nothing sent to this channel yet.</p>
          ) : (
            <SortableTable
              label={`Delivery history of ${channel.name}`}
              columns={DELIVERY_COLUMNS}
              rows={rows}
              rowKey={(row) => row.id}
              renderRow={(row) => (
                  <tr key={row.id} data-delivery-kind={row.kind} data-delivery-status={row.status}>
                    <td>{formatUtcInstant(row.deliveredAt ?? row.createdAt)}</td>
                    <td>
                      {row.kind === 'breach' && row.breachId !== null ? <Link to={`/breaches/${encodeURIComponent(row.breachId)}`}>{WHAT_WORDS[row.transition] ?? row.transition}</Link> : (WHAT_WORDS[row.transition] ?? row.transition)}
                    </td>
                    <td>
                      <span className={row.status === 'delivered' ? 'health health--ok' : row.status === 'failed' ? 'health health--bad' : 'health'}>{OUTCOME_WORDS[row.status] ?? row.status}</span>
                    </td>
                    <td className="data-table__number">{row.attempts}</td>
                    <td className="data-table__wrap">{row.error ?? '—'}</td>
                  </tr>
                )}
            />
          )
        }
      </QueryState>
    </section>
  );
}
