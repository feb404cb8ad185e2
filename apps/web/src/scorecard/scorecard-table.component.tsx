import { Fragment, useCallback, useId, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import type { Scorecards } from '../api/api-types';
import { fetchTimeseriesByCarrier } from '../api/api-client';
import { fetchBreaches, fetchPolicies } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { downloadTextFile } from '../shared/download.util';
import { useApiQuery } from '../shared/use-api-query.hook';
import { headerGroups, SCORECARD_COLUMNS, SCORECARD_TABLE_COLUMNS, type ScorecardColumn } from './scorecard-columns.util';
import { scorecardCsv, scorecardCsvFileName } from './scorecard-csv.util';
import { ScorecardRow } from './scorecard-row.component';
import { ScorecardSparkline } from './scorecard-sparkline.component';
import { SPARKLINE_METRIC, sparklineBucket, transitSparklines } from './sparkline.util';
import { SortHeader } from '../shared/sortable-table.component';
import { type SortState, sortRows, toggleSort } from '../shared/table-sort.util';

type ScorecardTableProps = { scorecards: Scorecards; rangeLabel: string; selectedCarrier: string | null };

const INITIAL_SORT: SortState = { columnId: 'carrier', direction: 'ascending' };
// The trend sits next to the carrier's name, where it is seen without scrolling the wide table.
const TREND_AFTER_COLUMN_ID = 'carrier';

export function ScorecardTable({ scorecards, rangeLabel, selectedCarrier }: ScorecardTableProps) {
  const headingId = useId();
  const captionId = useId();
  // A carrier's link keeps the date range, so its detail page shows the same window.
  const carrierSearch = dashboardSearch(useLocation().search);
  const [sort, setSort] = useState<SortState>(INITIAL_SORT);
  const sortColumn = SCORECARD_COLUMNS.find(({ id }) => id === sort.columnId) ?? SCORECARD_COLUMNS[0];
  const rows = useMemo(
    () =>
      sortRows({
        rows: scorecards.carriers,
        value: sortColumn.value,
        direction: sort.direction,
        tieBreaker: (row) => row.carrier,
      }),
    [scorecards.carriers, sortColumn, sort.direction],
  );
  const groups = headerGroups(SCORECARD_TABLE_COLUMNS);
  const sortBy = (columnId: string) => setSort((current) => toggleSort(current, columnId));
  // SLA targets colour the cells; without them (still loading, or refused) the table reads as before.
  const { token, onUnauthorized } = useSession();
  const loadPolicies = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: 'scorecard-policies', load: loadPolicies, onUnauthorized });
  // Open breaches, lane ones included, badge the carrier's figure they judge (issue 15).
  const loadOpen = useCallback((signal: AbortSignal) => fetchBreaches({ token, signal, status: 'open', carrier: null, corridor: null }), [token]);
  const openBreaches = useApiQuery({ requestKey: 'scorecard-open-breaches', load: loadOpen, onUnauthorized });
  // Every row's sparkline from ONE time series grouped by carrier, over the scorecard's own window.
  const { from, to } = scorecards;
  const bucket = sparklineBucket({ fromMs: Date.parse(from), toMs: Date.parse(to) });
  const loadTrends = useCallback(
    (signal: AbortSignal) => fetchTimeseriesByCarrier({ token, signal, metric: SPARKLINE_METRIC, bucket, from, to }),
    [token, bucket, from, to],
  );
  const trends = useApiQuery({ requestKey: `scorecard-trends|${bucket}|${from}|${to}`, load: loadTrends, onUnauthorized });
  const sparklines = useMemo(() => (trends.data === null ? null : transitSparklines(trends.data)), [trends.data]);

  function exportCsv(): void {
    downloadTextFile({
      fileName: scorecardCsvFileName(scorecards),
      text: scorecardCsv({ scorecards, rows }),
      mimeType: 'text/csv',
    });
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Carrier scorecard</h2>
        <button type="button" className="button--quiet" onClick={exportCsv}>
          Download CSV
        </button>
      </div>
      <p className="panel__note">
        One row per carrier, from its own legs. Rates show their Wilson 95 % interval below; n is the sample. A dash
        means no data, not zero. Select a column heading to sort.
      </p>
      <p className="panel__note" role="status">
        {policies.loading
          ? 'Loading SLA targets…'
          : policies.error !== null
            ? `SLA targets could not be loaded, so cells are not coloured: ${policies.error}.`
            : 'Cells with an SLA target on the carrier are green when they meet it, red when they miss it beyond doubt ' +
              '(for rates, the whole interval), amber when they miss within the noise or the sample is below the ' +
              'policy minimum. A badge names an open breach on one of the carrier’s lanes; hover or read a cell for every ' +
              'target on it (carrier, lane and "*").'}
        {trends.loading ? ' Loading the transit trends…' : null}
        {trends.error !== null ? ` The transit trends could not be loaded: ${trends.error}.` : null}
      </p>
      {/* Focusable so keyboard users can scroll the wide table sideways. */}
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="scorecard">
          {/* Read out by screen readers; sighted users see the range above and the order in the arrows. */}
          <caption id={captionId} className="visually-hidden">
            Carrier scorecard, {rangeLabel}; sorted by {sortColumn.group ? `${sortColumn.group} ` : ''}
            {sortColumn.label}, {sort.direction}
          </caption>
          <thead>
            <tr>
              {groups.map((group) =>
                group.label === null ? (
                  <Fragment key={group.firstColumnId}>
                    <SortableHeader column={columnById(group.firstColumnId)} sort={sort} onSort={sortBy} rowSpan={2} />
                    {group.firstColumnId === TREND_AFTER_COLUMN_ID ? (
                      <th scope="col" rowSpan={2} className="scorecard__heading scorecard__heading--trend" title={`Median leg transit per ${bucket}, lower is better`}>
                        Transit trend
                        <span className="scorecard__detail">p50 per {bucket}</span>
                      </th>
                    ) : null}
                  </Fragment>
                ) : (
                  <th key={group.firstColumnId} scope="colgroup" colSpan={group.span} className="scorecard__group">
                    {group.label}
                  </th>
                ),
              )}
            </tr>
            <tr>
              {SCORECARD_TABLE_COLUMNS.filter((column) => column.group !== null).map((column) => (
                <SortableHeader key={column.id} column={column} sort={sort} onSort={sortBy} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ScorecardRow
                key={row.carrier}
                row={row}
                selected={row.carrier === selectedCarrier}
                carrierSearch={carrierSearch}
                policies={policies.data ?? []}
                openBreaches={openBreaches.data ?? []}
                trendAfterColumnId={TREND_AFTER_COLUMN_ID}
                trend={
                  trends.loading ? (
                    <span className="sparkline sparkline--empty">…</span>
                  ) : (
                    <ScorecardSparkline points={sparklines?.get(row.carrier) ?? null} bucket={bucket} />
                  )
                }
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function columnById(id: string): ScorecardColumn {
  return SCORECARD_COLUMNS.find((column) => column.id === id) ?? SCORECARD_COLUMNS[0];
}

// The shared header cell (a button, aria-sort), with the group read out before the label.
function SortableHeader({ column, sort, onSort, rowSpan }: { column: ScorecardColumn; sort: SortState; onSort: (columnId: string) => void; rowSpan?: number }) {
  const header = {
    id: column.id,
    label: column.label,
    sortValue: column.value,
    description: column.description,
    className: `scorecard__heading scorecard__heading--${column.kind === 'text' ? 'text' : 'number'}`,
  };
  return <SortHeader column={header} sort={sort} onSort={onSort} rowSpan={rowSpan} hiddenPrefix={column.group ?? undefined} />;
}
