import fc from 'fast-check';
import { KpiContribution, KpiFamily } from './kpi-contributions';
import { CellState, cellKeysOf, deltasByCell, foldDeltas, RollupDelta, rollupCellKey, RollupCellKey, rollupDeltas, rollupShardOf } from './rollup-deltas';

const base = { level: 'l' as const, carrierId: 7, peerCarrierId: 0, corridor: 'CN-BR', serviceLevel: 'standard' };
const transit = (closingMs: number, value: number): KpiContribution => ({ ...base, family: 'transit', closingMs, value, success: null });
const attempt = (closingMs: number, success: boolean): KpiContribution => ({ ...base, family: 'attempt', closingMs, value: null, success });

/** Every cell of a set of contributions, folded from nothing: the reference the incremental path must meet. */
function cellsOf(contributions: KpiContribution[]): Map<string, { key: RollupCellKey; state: CellState }> {
  return fold(new Map(), rollupDeltas({ removed: [], added: contributions }));
}

function fold(cells: Map<string, { key: RollupCellKey; state: CellState }>, deltas: RollupDelta[]) {
  const perCell = new Map<string, { key: RollupCellKey; deltas: RollupDelta[] }>();
  for (const delta of deltas) {
    for (const key of cellKeysOf(delta)) {
      const entry = perCell.get(rollupCellKey(key)) ?? { key, deltas: [] };
      entry.deltas.push(delta);
      perCell.set(rollupCellKey(key), entry);
    }
  }
  const next = new Map(cells);
  for (const [id, { key, deltas: cellDeltas }] of perCell) {
    const state = foldDeltas({ cell: key, state: cells.get(id)?.state ?? null, deltas: cellDeltas });
    if (state.count === 0) next.delete(id);
    else next.set(id, { key, state });
  }
  return next;
}

function expectSameCells(actual: ReturnType<typeof cellsOf>, expected: ReturnType<typeof cellsOf>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, { state }] of expected) {
    const got = actual.get(id)?.state as CellState;
    expect({ id, count: got.count, successes: got.successes, histogram: [...got.histogram].sort() }).toEqual({
      id,
      count: state.count,
      successes: state.successes,
      histogram: [...state.histogram].sort(),
    });
    expect(Math.abs(got.mean - state.mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(state.mean)));
    expect(Math.abs(got.m2 - state.m2)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(state.m2)));
  }
}

describe('rollup deltas', () => {
  it('writes nothing for a fact whose contributions did not change', () => {
    const same = [transit(1000, 3.5), attempt(2000, true)];
    expect(rollupDeltas({ removed: same, added: [...same].reverse() })).toEqual([]);
  });

  it('sums the contributions of one quarter hour into one delta per sign', () => {
    const deltas = rollupDeltas({ removed: [transit(60_000, 4)], added: [transit(0, 2), transit(120_000, 4), transit(900_000, 1)] });
    expect(deltas.map((delta) => [delta.sign, delta.bucketMs, delta.count, delta.mean])).toEqual([
      [-1, 0, 1, 4],
      [1, 0, 2, 3],
      [1, 900_000, 1, 1],
    ]);
  });

  it('changes every kept copy of a lane cell in days, weeks and months, its whole quarter hour, and the feed cell only as it is', () => {
    expect(cellKeysOf({ ...base, family: 'transit', bucketMs: 0 })).toHaveLength(13);
    expect(cellKeysOf({ ...base, level: 'e', family: 'feed', bucketMs: 0 })).toHaveLength(4);
  });

  it('refuses to take from a cell more than it holds', () => {
    const [delta] = rollupDeltas({ removed: [transit(0, 1)], added: [] });
    expect(() => foldDeltas({ cell: cellKeysOf(delta)[0], state: null, deltas: [delta] })).toThrow(RangeError);
  });

  it('keeps every cell of one carrier, peer, level and family in one shard', () => {
    const shards = new Set(cellKeysOf({ ...base, family: 'transit', bucketMs: 5_000_000 }).map((cell) => rollupShardOf(cell)));
    expect(shards.size).toBe(1);
  });

  it('folded in any grouping and order, gives the cells of the final contributions (property)', () => {
    const family = fc.constantFrom<KpiFamily>('transit', 'attempt', 'customs');
    const contribution = fc
      .record({
        family,
        closingMs: fc.integer({ min: 0, max: 40 * 86_400_000 }),
        value: fc.double({ min: 0, max: 90, noNaN: true }),
        success: fc.boolean(),
        corridor: fc.constantFrom('CN-BR', 'CN-FR', ''),
      })
      .map(({ family: f, closingMs, value, success, corridor }): KpiContribution => ({
        ...base,
        corridor,
        family: f,
        closingMs,
        value: f === 'attempt' ? null : value,
        success: f === 'attempt' ? success : null,
      }));
    fc.assert(
      fc.property(
        fc.array(contribution, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(contribution, { maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (initial, removedPicks, later, groups) => {
          const removed = [...new Set(removedPicks.map((pick) => pick % initial.length))].map((index) => initial[index]);
          const final = [...initial.filter((item) => !removed.includes(item)), ...later];
          // One change, its deltas folded in `groups` slices in reverse order.
          const deltas = rollupDeltas({ removed, added: later });
          let cells = cellsOf(initial);
          const size = Math.ceil(deltas.length / groups) || 1;
          for (let start = Math.max(0, deltas.length - size); ; start -= size) {
            cells = fold(cells, deltas.slice(Math.max(0, start), start + size));
            if (start <= 0) break;
          }
          expectSameCells(cells, cellsOf(final));
        },
      ),
      { numRuns: 100 },
    );
  });
  it('groups deltas by cell as cellKeysOf lists them: each cell once with every delta that changes it, in a fixed order (property)', () => {
    // Few values per dimension and a few weeks of buckets, so lanes share coarse cells and deltas interleave.
    const delta = fc
      .record({
        level: fc.constantFrom<RollupDelta['level']>('l', 'e'),
        carrierId: fc.integer({ min: 1, max: 2 }),
        peerCarrierId: fc.constant(0),
        corridor: fc.constantFrom('CN-BR', 'CN-FR'),
        serviceLevel: fc.constantFrom('standard', 'express'),
        family: fc.constantFrom<KpiFamily>('transit', 'attempt'),
        // Quarter-hour starts (as stored) around the epoch, days' starts over six weeks, and instants within a quarter hour.
        bucketMs: fc.oneof(
          fc.integer({ min: -20, max: 200 }).map((n) => n * 900_000),
          fc.integer({ min: 0, max: 42 }).map((n) => n * 86_400_000),
          fc.integer({ min: 0, max: 3 * 86_400_000 }),
        ),
        sign: fc.constantFrom<1 | -1>(1, -1),
        count: fc.integer({ min: 1, max: 5 }),
      })
      .map((fields): RollupDelta => ({ ...fields, successes: 0, mean: 0, m2: 0, histogram: new Map() }));
    const ids = new Map<RollupDelta, number>();
    const idsOf = (deltas: RollupDelta[]) => deltas.map((item) => ids.get(item)).sort((a, b) => (a as number) - (b as number));
    fc.assert(
      fc.property(fc.array(delta, { minLength: 1, maxLength: 80, size: 'max' }), (deltas) => {
        deltas.forEach((item, index) => ids.set(item, index));
        const expected = new Map<string, { cell: RollupCellKey; deltas: RollupDelta[] }>();
        for (const item of deltas) {
          for (const cell of cellKeysOf(item)) {
            const entry = expected.get(rollupCellKey(cell)) ?? { cell, deltas: [] };
            entry.deltas.push(item);
            expected.set(rollupCellKey(cell), entry);
          }
        }
        const grouped = deltasByCell(deltas);
        expect(grouped.map((entry) => rollupCellKey(entry.cell)).sort()).toEqual([...expected.keys()].sort());
        for (const entry of grouped) {
          const want = expected.get(rollupCellKey(entry.cell));
          expect(entry.cell).toEqual(want?.cell);
          expect(idsOf(entry.deltas)).toEqual(idsOf(want?.deltas ?? []));
        }
        // The order depends on the cells only, not on the order the deltas came in.
        expect(deltasByCell([...deltas].reverse()).map((entry) => rollupCellKey(entry.cell))).toEqual(grouped.map((entry) => rollupCellKey(entry.cell)));
      }),
      { numRuns: 100 },
    );
  });
});
