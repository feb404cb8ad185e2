export type SortDirection = 'ascending' | 'descending';
export type SortState<Id extends string = string> = { columnId: Id; direction: SortDirection };
export type SortValue = number | string | null;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

// Missing figures sort last in both directions: "no data" is neither the best nor the worst carrier.
export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return direction === 'ascending' ? order : -order;
}

type SortRowsInput<R> = {
  rows: readonly R[];
  value: (row: R) => SortValue;
  direction: SortDirection;
  // Equal values keep a fixed order (e.g. by carrier code) so rows do not jump between clicks.
  tieBreaker: (row: R) => string;
};

export function sortRows<R>({ rows, value, direction, tieBreaker }: SortRowsInput<R>): R[] {
  return [...rows].sort(
    (left, right) =>
      compareSortValues(value(left), value(right), direction) || collator.compare(tieBreaker(left), tieBreaker(right)),
  );
}

// A click on the sorted column reverses it; a click on another column sorts that one ascending.
export function toggleSort<Id extends string>(current: SortState<Id>, columnId: Id): SortState<Id> {
  if (current.columnId === columnId) {
    return { columnId, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { columnId, direction: 'ascending' };
}
