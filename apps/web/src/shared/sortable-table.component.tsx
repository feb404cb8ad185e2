import { type ReactNode, useMemo, useState } from 'react';
import { type SortDirection, type SortState, type SortValue, sortRows, toggleSort } from './table-sort.util';

// The one sortable data table of the dashboard (issue 15, point 10): every table of records gets its
// header from here, so every one sorts the same way: a button in each header cell (Tab reaches it,
// Enter or Space sorts, a second press reverses), aria-sort on the sorted header, missing figures last.

export type SortableColumn<R> = {
  id: string;
  label: ReactNode;
  // Absent: the column does not sort (a button column, a free-text note).
  sortValue?: (row: R) => SortValue;
  numeric?: boolean;
  // Hover text: what the column holds.
  description?: string;
  className?: string;
};

type SortableTableProps<R> = {
  columns: readonly SortableColumn<R>[];
  rows: readonly R[];
  // Equal values keep this order (and React's keys), so rows do not jump between clicks.
  rowKey: (row: R) => string;
  renderRow: (row: R) => ReactNode;
  // null: the rows keep the order they came in (a ranking) until a header is pressed.
  initialSort?: SortState | null;
  className?: string;
  label?: string;
  caption?: ReactNode;
  footer?: ReactNode;
  testId?: string;
};

export function SortableTable<R>({ columns, rows, rowKey, renderRow, initialSort = null, className = 'data-table', label, caption, footer, testId }: SortableTableProps<R>) {
  const { sorted, sort, sortBy } = useSortedRows({ rows, columns, rowKey, initialSort });
  return (
    <table className={className} aria-label={label} data-sortable-table="" data-testid={testId}>
      {caption ?? null}
      <thead>
        <tr>
          {columns.map((column) => (
            <SortHeader key={column.id} column={column} sort={sort} onSort={sortBy} />
          ))}
        </tr>
      </thead>
      <tbody>{sorted.map((row) => renderRow(row))}</tbody>
      {footer ?? null}
    </table>
  );
}

export function useSortedRows<R>({
  rows,
  columns,
  rowKey,
  initialSort = null,
}: {
  rows: readonly R[];
  columns: readonly { id: string; sortValue?: (row: R) => SortValue }[];
  rowKey: (row: R) => string;
  initialSort?: SortState | null;
}): { sorted: readonly R[]; sort: SortState | null; sortBy: (columnId: string) => void } {
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const sorted = useMemo(() => {
    const column = sort === null ? undefined : columns.find(({ id }) => id === sort.columnId);
    if (sort === null || column?.sortValue === undefined) return rows;
    return sortRows({ rows, value: column.sortValue, direction: sort.direction, tieBreaker: rowKey });
  }, [rows, columns, rowKey, sort]);
  const sortBy = (columnId: string) => setSort((current) => (current === null ? { columnId, direction: 'ascending' } : toggleSort(current, columnId)));
  return { sorted, sort, sortBy };
}

const ARROWS: Record<SortDirection, string> = { ascending: '▲', descending: '▼' };

type SortHeaderProps = {
  column: { id: string; label: ReactNode; sortValue?: unknown; numeric?: boolean; description?: string; className?: string };
  sort: SortState | null;
  onSort: (columnId: string) => void;
  rowSpan?: number;
  // Read before the label by screen readers only ("Transit " before "p50").
  hiddenPrefix?: string;
};

/** A column header; with a sort value, a real button inside the cell and aria-sort on the cell. */
export function SortHeader({ column, sort, onSort, rowSpan, hiddenPrefix }: SortHeaderProps) {
  const classes = [column.numeric ? 'data-table__number' : '', column.className ?? ''].filter(Boolean).join(' ') || undefined;
  if (column.sortValue === undefined) {
    return (
      <th scope="col" rowSpan={rowSpan} className={classes} title={column.description}>
        {column.label}
      </th>
    );
  }
  const active = sort !== null && sort.columnId === column.id;
  return (
    <th scope="col" rowSpan={rowSpan} aria-sort={active ? sort.direction : 'none'} className={classes} data-column={column.id}>
      <button type="button" className="sort-button" onClick={() => onSort(column.id)} title={column.description}>
        {hiddenPrefix ? <span className="visually-hidden">{hiddenPrefix} </span> : null}
        {column.label}
        <span className="sort-button__arrow" aria-hidden="true">
          {active ? ARROWS[sort.direction] : '↕'}
        </span>
      </button>
    </th>
  );
}
