import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.context';
import { SHIPMENTS_PATH, shipmentLookupSearch } from '../shipments/shipment-link.util';
import { csvFileName } from '../shared/csv.util';
import { downloadTextFile } from '../shared/download.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { CATEGORY_LABELS, ParcelKind, reasonLabel, WATCH_KIND_LABELS } from './exception-links.util';
import { fetchParcelCsv, fetchParcelPage, WatchParcel } from './exceptions-api';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const FILTERS = ['kind', 'carrier', 'corridor', 'from', 'to', 'category', 'reason', 'sort'] as const;
const SORTS = [
  ['lastEventAt', 'Longest without news first'],
  ['-lastEventAt', 'Latest news first'],
  ['legStartAt', 'Oldest first scan first'],
  ['-legStartAt', 'Newest first scan first'],
] as const;
const utc = (iso: string | null) => (iso === null ? '—' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

function problemOf(parcel: WatchParcel): string {
  const parts: string[] = [];
  if (parcel.exceptionCategory) parts.push(`${CATEGORY_LABELS[parcel.exceptionCategory] ?? parcel.exceptionCategory}${parcel.exceptionOpen ? ' (open)' : ''}`);
  if (parcel.failedAttempts > 0) parts.push(`${parcel.failedAttempts} failed attempt${parcel.failedAttempts > 1 ? 's' : ''}: ${reasonLabel(parcel.failureReason ?? 'UNKNOWN').toLowerCase()}`);
  if (parcel.lateReason) parts.push(`late: ${reasonLabel(parcel.lateReason).toLowerCase()}`);
  return parts.join('; ') || '—';
}

// The parcels to act on, and the parcels behind every count of the exception report (same filters in the URL).
// Sorts the parcels shown; the "Order" control above asks the server for another page order.
const WATCH_PARCEL_COLUMNS: readonly SortableColumn<WatchParcel>[] = [
  { id: 'tracking', label: 'Tracking number', sortValue: (parcel) => parcel.trackingNumber },
  { id: 'carrier', label: 'Carrier', sortValue: (parcel) => parcel.carrier },
  { id: 'lane', label: 'Lane', sortValue: (parcel) => parcel.corridor },
  { id: 'firstScan', label: 'First scan', sortValue: (parcel) => parcel.legStartAt },
  { id: 'latestScan', label: 'Latest scan', sortValue: (parcel) => parcel.lastEventAt },
  { id: 'silent', label: 'Days without news', numeric: true, sortValue: (parcel) => parcel.daysSilent },
  { id: 'problem', label: 'Problem', sortValue: (parcel) => problemOf(parcel) },
  { id: 'state', label: 'State', sortValue: (parcel) => parcel.status },
];

export function WatchlistPage() {
  const kindId = useId();
  const sortId = useId();
  const { token, onUnauthorized } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const search = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) search.set(key, value);
  }
  if (!search.has('kind')) search.set('kind', 'silent');
  const kind = search.get('kind') as ParcelKind;
  const key = search.toString();
  const [pages, setPages] = useState<{ key: string; parcels: WatchParcel[]; cursor: string | null }>({ key: '', parcels: [], cursor: null });
  const load = useCallback((signal: AbortSignal) => fetchParcelPage({ token, signal, search: new URLSearchParams(key) }), [token, key]);
  const first = useApiQuery({ requestKey: `watchlist|${key}`, load, onUnauthorized });
  useEffect(() => {
    if (first.data) setPages({ key, parcels: first.data.parcels, cursor: first.data.nextCursor });
  }, [first.data, key]);
  const shown = pages.key === key ? pages : { key, parcels: first.data?.parcels ?? [], cursor: first.data?.nextCursor ?? null };

  function choose(name: string, value: string): void {
    const next = new URLSearchParams(key);
    next.set(name, value);
    if (name === 'kind') for (const dropped of ['from', 'to', 'category', 'reason']) next.delete(dropped);
    navigate({ pathname: location.pathname, search: `?${next.toString()}` });
  }

  async function loadMore(): Promise<void> {
    if (!shown.cursor) return;
    const next = new URLSearchParams(key);
    next.set('cursor', shown.cursor);
    const page = await fetchParcelPage({ token, search: next });
    setPages({ key, parcels: [...shown.parcels, ...page.parcels], cursor: page.nextCursor });
  }

  const scope = [search.get('carrier'), search.get('corridor'), search.get('category') && (CATEGORY_LABELS[search.get('category') as string] ?? search.get('category')), search.get('reason') && reasonLabel(search.get('reason') as string)]
    .filter(Boolean)
    .join(', ');
  const windowNote = search.get('from') && search.get('to') ? `first scan from ${utc(search.get('from'))} to ${utc(search.get('to'))}` : null;

  return (
    <>
      <title>Watchlist — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Watchlist</h1>
          <p className="page-header__subtitle">
            {WATCH_KIND_LABELS[kind] ?? kind}
            {scope ? `: ${scope}` : ''}
            {windowNote ? ` (${windowNote})` : ''}. A tracking number opens the shipment.
          </p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <section className="panel" aria-labelledby="watchlist-heading">
          <div className="panel__header">
            <h2 id="watchlist-heading">Parcels</h2>
            <div className="panel__actions">
              <div className="field">
                <label htmlFor={kindId}>List</label>
                <select id={kindId} value={kind} onChange={(event) => choose('kind', event.target.value)}>
                  {Object.entries(WATCH_KIND_LABELS)
                    .filter(([value]) => ['silent', 'lost', 'open_exception', 'failed_attempt'].includes(value) || value === kind)
                    .map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={sortId}>Sort</label>
                <select id={sortId} value={search.get('sort') ?? 'lastEventAt'} onChange={(event) => choose('sort', event.target.value)}>
                  {SORTS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button--quiet"
                aria-label="Download CSV of every parcel in this list"
                onClick={() => void fetchParcelCsv({ token, search: new URLSearchParams(key) }).then((text) => downloadTextFile({ fileName: csvFileName('watchlist', kind), text, mimeType: 'text/csv' }))}
              >
                Download CSV
              </button>
            </div>
          </div>
          <QueryState query={first} what="the watchlist">
            {(data) =>
              data.total === 0 ? (
                <p className="panel__placeholder">No parcel in this list.</p>
              ) : (
                <>
                  <p className="panel__note" role="status">
                    Showing {shown.parcels.length} of {data.total} parcels.
                  </p>
                  <SortableTable
                    columns={WATCH_PARCEL_COLUMNS}
                    rows={shown.parcels}
                    rowKey={(parcel) => `${parcel.carrier}|${parcel.trackingNumber}`}
                    renderRow={(parcel) => (
                        <tr key={`${parcel.carrier}|${parcel.trackingNumber}`}>
                          <th scope="row">
                            <Link to={{ pathname: SHIPMENTS_PATH, search: shipmentLookupSearch(parcel) }}>{parcel.trackingNumber}</Link>
                          </th>
                          <td>{parcel.carrier}</td>
                          <td>{parcel.corridor ?? 'no lane'}</td>
                          <td>{utc(parcel.legStartAt)}</td>
                          <td>{utc(parcel.lastEventAt)}</td>
                          <td className="data-table__number">{parcel.daysSilent ?? '—'}</td>
                          <td>{problemOf(parcel)}</td>
                          <td>{parcel.status === 'open' ? 'open' : 'closed'}</td>
                        </tr>
                      )}
                  />
                  {shown.cursor ? (
                    <button type="button" onClick={() => void loadMore()}>
                      Show more parcels
                    </button>
                  ) : null}
                </>
              )
            }
          </QueryState>
        </section>
      </main>
    </>
  );
}
