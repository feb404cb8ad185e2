import { useId, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { CarrierScorecard, Scorecards } from '../api/api-types';
import { carrierPath } from '../carriers/carrier-detail.util';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { downloadTextFile } from '../shared/download.util';
import { formatScorecardCell, headerGroups, SCORECARD_COLUMNS, type ScorecardColumn } from './scorecard-columns.util';
import { scorecardCsv, scorecardCsvFileName } from './scorecard-csv.util';
import { type SortState, sortRows, toggleSort } from './table-sort.util';

type ScorecardTableProps = { scorecards: Scorecards; rangeLabel: string; selectedCarrier: string | null };

const INITIAL_SORT: SortState = { columnId: 'carrier', direction: 'ascending' };

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
  const groups = headerGroups(SCORECARD_COLUMNS);
  const sortBy = (columnId: string) => setSort((current) => toggleSort(current, columnId));

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
                  <SortableHeader
                    key={group.firstColumnId}
                    column={columnById(group.firstColumnId)}
                    sort={sort}
                    onSort={sortBy}
                    rowSpan={2}
                  />
                ) : (
                  <th key={group.firstColumnId} scope="colgroup" colSpan={group.span} className="scorecard__group">
                    {group.label}
                  </th>
                ),
              )}
            </tr>
            <tr>
              {SCORECARD_COLUMNS.filter((column) => column.group !== null).map((column) => (
                <SortableHeader key={column.id} column={column} sort={sort} onSort={sortBy} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ScorecardRow key={row.carrier} row={row} selected={row.carrier === selectedCarrier} carrierSearch={carrierSearch} />
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

type SortableHeaderProps = {
  column: ScorecardColumn;
  sort: SortState;
  onSort: (columnId: string) => void;
  rowSpan?: number;
};

// The sort control is a real button inside the header cell, so Tab reaches it and Enter or Space
// sorts; aria-sort on the cell tells screen readers the current order.
function SortableHeader({ column, sort, onSort, rowSpan }: SortableHeaderProps) {
  const active = sort.columnId === column.id;
  const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      aria-sort={active ? sort.direction : 'none'}
      className={`scorecard__heading scorecard__heading--${column.kind === 'text' ? 'text' : 'number'}`}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column.id)} title={column.description}>
        {column.group ? <span className="visually-hidden">{column.group} </span> : null}
        {column.label}
        <span className="sort-button__arrow" aria-hidden="true">
          {arrow}
        </span>
      </button>
    </th>
  );
}

function ScorecardRow({ row, selected, carrierSearch }: { row: CarrierScorecard; selected: boolean; carrierSearch: string }) {
  return (
    <tr className={selected ? 'scorecard__row scorecard__row--selected' : 'scorecard__row'}>
      {SCORECARD_COLUMNS.map((column) => {
        const cell = formatScorecardCell(column, row);
        const content = (
          <>
            {cell.missing ? (
              <>
                <span aria-hidden="true" className="no-data" title="No data">
                  {cell.text}
                </span>
                <span className="visually-hidden">no data</span>
              </>
            ) : column.kind === 'text' ? (
              <Link className="scorecard__value" to={carrierPath(row.carrier, carrierSearch)}>
                {cell.text}
              </Link>
            ) : (
              <span className="scorecard__value">{cell.text}</span>
            )}
            {cell.interval ? <span className="scorecard__detail">{cell.interval}</span> : null}
            {cell.detail ? <span className="scorecard__detail">{cell.detail}</span> : null}
          </>
        );
        if (column.kind === 'text') {
          return (
            <th key={column.id} scope="row" className="scorecard__carrier">
              {content}
            </th>
          );
        }
        // SLA slot: a verdict (none yet) colours the cell via data-verdict in styles.css.
        const verdict = column.verdict?.(row) ?? undefined;
        return (
          <td key={column.id} className="scorecard__number" data-verdict={verdict}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}
