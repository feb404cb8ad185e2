import { linkGroupsOf } from './derive';

const leg = (id: string) => ({ id, carrier: 'C', trackingNumber: `T${id}` });
const sorted = (groups: string[][]) => groups.map((group) => [...group].sort()).sort((a, b) => a[0].localeCompare(b[0]));

describe('linkGroupsOf', () => {
  it('joins legs through hand-overs and pins, and leaves unconnected legs alone', () => {
    const groups = linkGroupsOf({
      legs: ['1', '2', '3', '4', '5', '6'].map(leg),
      handovers: [
        { fromLegId: '1', toLegId: '2', occurredAtMs: 0 },
        { fromLegId: '3', toLegId: '2', occurredAtMs: 0 },
      ],
      pins: [
        { legId: '5', parentLegId: '4' },
        { legId: '6', parentLegId: null },
      ],
    });
    expect(sorted(groups)).toEqual([['1', '2', '3'], ['4', '5'], ['6']]);
  });

  it('puts each leg in exactly one group, chains included', () => {
    const ids = Array.from({ length: 50 }, (_, index) => String(index + 10));
    const groups = linkGroupsOf({
      legs: ids.map(leg),
      handovers: ids.slice(1).map((id, index) => ({ fromLegId: ids[index], toLegId: id, occurredAtMs: 0 })),
      pins: [],
    });
    expect(groups).toHaveLength(1);
    expect([...groups[0]].sort()).toEqual([...ids].sort());
  });
});
