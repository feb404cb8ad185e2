import { describe, expect, it } from '@jest/globals';
import { compareSortValues, sortRows, toggleSort } from './table-sort.util';

type Row = { code: string; value: number | string | null };
const rows: Row[] = [
  { code: 'c', value: 3 },
  { code: 'none', value: null },
  { code: 'a', value: 1 },
  { code: 'b', value: 2 },
];

function order(direction: 'ascending' | 'descending', input: Row[] = rows): string[] {
  return sortRows({ rows: input, value: (row) => row.value, direction, tieBreaker: (row) => row.code }).map((row) => row.code);
}

describe('sortRows', () => {
  it('sorts numbers ascending and descending', () => {
    expect(order('ascending')).toEqual(['a', 'b', 'c', 'none']);
    expect(order('descending')).toEqual(['c', 'b', 'a', 'none']);
  });

  it('puts missing figures last in both directions', () => {
    expect(order('ascending').at(-1)).toBe('none');
    expect(order('descending').at(-1)).toBe('none');
  });

  it('treats 0 as a value, not as missing', () => {
    expect(order('ascending', [...rows, { code: 'zero', value: 0 }])[0]).toBe('zero');
  });

  it('breaks ties by the tie-breaker in a fixed order', () => {
    const tied: Row[] = [
      { code: 'y', value: 1 },
      { code: 'x', value: 1 },
    ];
    expect(order('ascending', tied)).toEqual(['x', 'y']);
    expect(order('descending', tied)).toEqual(['x', 'y']);
  });

  it('sorts names case-insensitively and with numbers in numeric order', () => {
    const names: Row[] = [
      { code: '1', value: 'post 10' },
      { code: '2', value: 'Post 9' },
      { code: '3', value: 'aramex' },
    ];
    expect(order('ascending', names)).toEqual(['3', '2', '1']);
  });

  it('does not reorder the rows it was given', () => {
    const input = [...rows];
    order('ascending', input);
    expect(input).toEqual(rows);
  });
});

describe('compareSortValues', () => {
  it('holds two missing values equal', () => {
    expect(compareSortValues(null, null, 'descending')).toBe(0);
  });
});

describe('toggleSort', () => {
  it('reverses the sorted column', () => {
    expect(toggleSort({ columnId: 'p95', direction: 'ascending' }, 'p95')).toEqual({ columnId: 'p95', direction: 'descending' });
    expect(toggleSort({ columnId: 'p95', direction: 'descending' }, 'p95')).toEqual({ columnId: 'p95', direction: 'ascending' });
  });

  it('starts another column ascending', () => {
    expect(toggleSort({ columnId: 'p95', direction: 'descending' }, 'rate')).toEqual({ columnId: 'rate', direction: 'ascending' });
  });
});
