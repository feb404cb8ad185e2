import { useCallback } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.context';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { DateRangeControl } from '../filters/date-range-control.component';
import { useDashboardQuery } from '../filters/use-dashboard-query.hook';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { columnsCsv, csvFileName } from '../shared/csv.util';
import { formatRate, formatUtcRange } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { CATEGORY_LABELS, formatRateChange, ParcelFilter, reasonLabel, watchlistHref } from './exception-links.util';
import { ExceptionReport, ExceptionReportRow, fetchExceptionReport, WatchCounts } from './exceptions-api';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const lane = (corridor: string | null) => corridor ?? 'no lane';

function CountLink({ count, filter, label }: { count: number; filter: ParcelFilter; label: string }) {
  if (count === 0) return <>0</>;
  return (
    <Link to={watchlistHref(filter)} aria-label={`${count} ${label}: list the parcels`}>
      {count}
    </Link>
  );
}

type Reason = { row: ExceptionReportRow; type: string; key: string; current: number; previous: number; filter: ParcelFilter };

function reasonsOf(report: ExceptionReport): Reason[] {
  const out: Reason[] = [];
  for (const row of report.rows) {
    const scope = { carrier: row.carrier, corridor: row.corridor, from: report.from, to: report.to };
    const add = (type: string, field: 'categories' | 'failureReasons' | 'lateReasons', filterOf: (key: string) => ParcelFilter) => {
      const keys = new Set([...Object.keys(row.current[field]), ...Object.keys(row.previous[field])]);
      for (const key of [...keys].sort()) out.push({ row, type, key, current: row.current[field][key] ?? 0, previous: row.previous[field][key] ?? 0, filter: filterOf(key) });
    };
    add('Exception category', 'categories', (key) => ({ ...scope, kind: 'exception', category: key }));
    add('Failed attempt reason', 'failureReasons', (key) => ({ ...scope, kind: 'failed', reason: key }));
    add('Late delivery reason', 'lateReasons', (key) => ({ ...scope, kind: 'late', reason: key }));
  }
  return out;
}

const REPORT_CSV = [
  { header: 'carrier', value: (row: ExceptionReportRow) => row.carrier },
  { header: 'corridor', value: (row: ExceptionReportRow) => row.corridor },
  { header: 'parcels', value: (row: ExceptionReportRow) => row.current.parcels },
  { header: 'exceptions', value: (row: ExceptionReportRow) => row.current.exceptions },
  { header: 'exception_rate', value: (row: ExceptionReportRow) => row.current.exceptionRate },
  { header: 'previous_exception_rate', value: (row: ExceptionReportRow) => row.previous.exceptionRate },
  { header: 'exception_rate_change', value: (row: ExceptionReportRow) => row.change.exceptionRate },
  { header: 'failed_attempts', value: (row: ExceptionReportRow) => row.current.failedAttempts },
  { header: 'previous_failed_attempts', value: (row: ExceptionReportRow) => row.previous.failedAttempts },
  { header: 'late', value: (row: ExceptionReportRow) => row.current.late },
  { header: 'delivered', value: (row: ExceptionReportRow) => row.current.delivered },
] as const;

const REPORT_COLUMNS: readonly SortableColumn<ExceptionReportRow>[] = [
  { id: 'carrier', label: 'Carrier', sortValue: (row) => row.carrier },
  { id: 'lane', label: 'Lane', sortValue: (row) => lane(row.corridor) },
  { id: 'parcels', label: 'Parcels', numeric: true, sortValue: (row) => row.current.parcels },
  { id: 'exceptions', label: 'Exceptions', numeric: true, sortValue: (row) => row.current.exceptions },
  { id: 'rate', label: 'Exception rate', numeric: true, sortValue: (row) => row.current.exceptionRate },
  { id: 'previous', label: 'Previous', numeric: true, sortValue: (row) => row.previous.exceptionRate },
  { id: 'change', label: 'Change', numeric: true, sortValue: (row) => row.change.exceptionRate },
  { id: 'failed', label: 'Failed attempts', numeric: true, sortValue: (row) => row.current.failedAttempts },
  { id: 'late', label: 'Late / delivered', numeric: true, sortValue: (row) => row.current.late },
];

const REASON_COLUMNS: readonly SortableColumn<Reason>[] = [
  { id: 'carrier', label: 'Carrier', sortValue: (reason) => reason.row.carrier },
  { id: 'lane', label: 'Lane', sortValue: (reason) => lane(reason.row.corridor) },
  { id: 'type', label: 'Type', sortValue: (reason) => reason.type },
  { id: 'key', label: 'Category or reason', sortValue: (reason) => reason.key },
  { id: 'current', label: 'Parcels', numeric: true, sortValue: (reason) => reason.current },
  { id: 'previous', label: 'Previous', numeric: true, sortValue: (reason) => reason.previous },
];

const WATCH_COLUMNS: readonly SortableColumn<WatchCounts>[] = [
  { id: 'carrier', label: 'Carrier', sortValue: (row) => row.carrier },
  { id: 'lane', label: 'Lane', sortValue: (row) => lane(row.corridor) },
  { id: 'silent', label: 'Silent', numeric: true, sortValue: (row) => row.silent },
  { id: 'lost', label: 'Lost candidates', numeric: true, sortValue: (row) => row.lost },
  { id: 'openExceptions', label: 'Open exceptions', numeric: true, sortValue: (row) => row.openExceptions },
  { id: 'failedAttempts', label: 'Failed attempts awaiting delivery', numeric: true, sortValue: (row) => row.failedAttempts },
];

export function ExceptionsPage() {
  const { token, onUnauthorized } = useSession();
  const { query, nowMs, update } = useDashboardQuery();
  const from = formatApiInstant(query.fromMs);
  const to = formatApiInstant(query.toMs);
  const load = useCallback((signal: AbortSignal) => fetchExceptionReport({ token, signal, from, to }), [token, from, to]);
  const report = useApiQuery({ requestKey: `exceptions|${from}|${to}`, load, onUnauthorized });

  return (
    <>
      <title>Exceptions — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Exceptions</h1>
          <p className="page-header__subtitle">
            Parcels each carrier took on in the range (by their first scan on its leg), against the range of equal length before. Every count opens its parcels.
          </p>
        </div>
        <DateRangeControl range={query} nowMs={nowMs} onChange={(range) => update({ fromMs: range.fromMs, toMs: range.toMs })} />
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <QueryState query={report} what="the exception report">
          {(data) => (
            <>
              <section className="panel" aria-labelledby="exception-rates-heading">
                <div className="panel__header">
                  <h2 id="exception-rates-heading">Exception rate per carrier and lane, {formatUtcRange(query)}</h2>
                  <div className="panel__actions">
                    <CsvDownloadButton fileName={csvFileName('exceptions', from.slice(0, 10), to.slice(0, 10))} csv={() => columnsCsv(REPORT_CSV, data.rows)} what="the exception rates" disabled={data.rows.length === 0} />
                  </div>
                </div>
                <p className="panel__note">
                  Previous period: {data.previousFrom.slice(0, 16).replace('T', ' ')} to {data.previousTo.slice(0, 16).replace('T', ' ')} UTC. Change in percentage points.
                </p>
                {data.rows.length === 0 ? (
                  <p className="panel__placeholder">No parcel started in this range or the one before.</p>
                ) : (
                  <SortableTable
                    columns={REPORT_COLUMNS}
                    rows={data.rows}
                    rowKey={(row) => `${row.carrier}|${row.corridor ?? ''}`}
                    renderRow={(row) => {
                        const scope = { carrier: row.carrier, corridor: row.corridor, from: data.from, to: data.to };
                        const name = `${row.carrier} ${lane(row.corridor)}`;
                        return (
                          <tr key={`${row.carrier}|${row.corridor ?? ''}`}>
                            <th scope="row">
                              <Link to={`/carriers/${encodeURIComponent(row.carrier)}`}>{row.carrier}</Link>
                            </th>
                            <td>{lane(row.corridor)}</td>
                            <td className="data-table__number">
                              <CountLink count={row.current.parcels} filter={{ ...scope, kind: 'parcels' }} label={`parcels of ${name}`} />
                            </td>
                            <td className="data-table__number">
                              <CountLink count={row.current.exceptions} filter={{ ...scope, kind: 'exception' }} label={`exceptions of ${name}`} />
                            </td>
                            <td className="data-table__number">{formatRate(row.current.exceptionRate)}</td>
                            <td className="data-table__number">
                              {formatRate(row.previous.exceptionRate)}{' '}
                              <span className="data-table__detail">
                                (<CountLink count={row.previous.exceptions} filter={{ ...scope, from: data.previousFrom, to: data.previousTo, kind: 'exception' }} label={`exceptions of ${name} in the previous period`} /> of {row.previous.parcels})
                              </span>
                            </td>
                            <td className="data-table__number">{formatRateChange(row.change.exceptionRate)}</td>
                            <td className="data-table__number">
                              <CountLink count={row.current.failedAttempts} filter={{ ...scope, kind: 'failed' }} label={`parcels with failed attempts of ${name}`} />
                            </td>
                            <td className="data-table__number">
                              <CountLink count={row.current.late} filter={{ ...scope, kind: 'late' }} label={`late deliveries of ${name}`} /> / {row.current.delivered}
                            </td>
                          </tr>
                        );
                      }}
                  />
                )}
              </section>
              <ReasonsTable data={data} />
              <WatchTable data={data} />
            </>
          )}
        </QueryState>
      </main>
    </>
  );
}

function ReasonsTable({ data }: { data: ExceptionReport }) {
  const reasons = reasonsOf(data);
  return (
    <section className="panel" aria-labelledby="exception-reasons-heading">
      <div className="panel__header">
        <h2 id="exception-reasons-heading">Categories and reasons</h2>
        <div className="panel__actions">
          <CsvDownloadButton
            fileName={csvFileName('exception-reasons', data.from.slice(0, 10), data.to.slice(0, 10))}
            csv={() => columnsCsv([
              { header: 'carrier', value: (r: Reason) => r.row.carrier },
              { header: 'corridor', value: (r: Reason) => r.row.corridor },
              { header: 'type', value: (r: Reason) => r.type },
              { header: 'reason', value: (r: Reason) => r.key },
              { header: 'count', value: (r: Reason) => r.current },
              { header: 'previous_count', value: (r: Reason) => r.previous },
            ], reasons)}
            what="the exception categories and reasons"
            disabled={reasons.length === 0}
          />
        </div>
      </div>
      {reasons.length === 0 ? (
        <p className="panel__placeholder">No exception, failed attempt or late delivery in either period.</p>
      ) : (
        <SortableTable
          columns={REASON_COLUMNS}
          rows={reasons}
          rowKey={(reason) => `${reason.row.carrier}|${reason.row.corridor ?? ''}|${reason.type}|${reason.key}`}
          renderRow={(reason) => (
              <tr key={`${reason.row.carrier}|${reason.row.corridor ?? ''}|${reason.type}|${reason.key}`}>
                <td>{reason.row.carrier}</td>
                <td>{lane(reason.row.corridor)}</td>
                <td>{reason.type}</td>
                <td>{reason.type === 'Exception category' ? (CATEGORY_LABELS[reason.key] ?? reason.key) : reasonLabel(reason.key)}</td>
                <td className="data-table__number">
                  <CountLink count={reason.current} filter={reason.filter} label={`${reason.type.toLowerCase()} ${reason.key} of ${reason.row.carrier} ${lane(reason.row.corridor)}`} />
                </td>
                <td className="data-table__number">{reason.previous}</td>
              </tr>
            )}
        />
      )}
    </section>
  );
}

function WatchTable({ data }: { data: ExceptionReport }) {
  return (
    <section className="panel" aria-labelledby="watch-heading">
      <div className="panel__header">
        <h2 id="watch-heading">To act on now ({data.asOf.slice(0, 16).replace('T', ' ')} UTC)</h2>
      </div>
      {data.watch.length === 0 ? (
        <p className="panel__placeholder">No silent, lost, exception or failed-attempt parcel is open.</p>
      ) : (
        <SortableTable
          columns={WATCH_COLUMNS}
          rows={data.watch}
          rowKey={(row) => `${row.carrier}|${row.corridor ?? ''}`}
          renderRow={(row) => {
              const scope = { carrier: row.carrier, corridor: row.corridor };
              const name = `${row.carrier} ${lane(row.corridor)}`;
              return (
                <tr key={`${row.carrier}|${row.corridor ?? ''}`}>
                  <td>{row.carrier}</td>
                  <td>{lane(row.corridor)}</td>
                  <td className="data-table__number"><CountLink count={row.silent} filter={{ ...scope, kind: 'silent' }} label={`silent parcels of ${name}`} /></td>
                  <td className="data-table__number"><CountLink count={row.lost} filter={{ ...scope, kind: 'lost' }} label={`lost candidates of ${name}`} /></td>
                  <td className="data-table__number"><CountLink count={row.openExceptions} filter={{ ...scope, kind: 'open_exception' }} label={`open exceptions of ${name}`} /></td>
                  <td className="data-table__number"><CountLink count={row.failedAttempts} filter={{ ...scope, kind: 'failed_attempt' }} label={`failed attempts awaiting delivery of ${name}`} /></td>
                </tr>
              );
            }}
        />
      )}
    </section>
  );
}
