import fc from 'fast-check';
import { LinkHandover, LinkLeg, LinkResolution, LinkRoot, resolveLinks } from './linking';

const leg = (id: string, carrier: string, trackingNumber: string): LinkLeg => ({ id, carrier, trackingNumber });
const root = (shipmentId: string, legId: string): LinkRoot => ({ shipmentId, legId });
const handover = (fromLegId: string, toLegId: string, occurredAtMs: number): LinkHandover => ({ fromLegId, toLegId, occurredAtMs });

const resolvedLeg = (resolution: LinkResolution, legId: string) => {
  const found = resolution.legs.find((resolved) => resolved.legId === legId);
  if (!found) throw new Error(`leg ${legId} missing from the resolution`);
  return found;
};

const first = leg('L1', 'cainiao', 'LP005123456789CN');
const second = leg('L2', 'postnl', 'RS123456789NL');
const third = leg('L3', 'correios', 'NL123456789BR');

describe('resolveLinks', () => {
  it('puts a root and its two-hop hand-over chain (three legs) in one shipment', () => {
    const resolution = resolveLinks({
      legs: [third, first, second],
      roots: [root('S1', 'L1')],
      handovers: [handover('L2', 'L3', 2000), handover('L1', 'L2', 1000)],
    });
    expect(resolution).toEqual({
      // Legs come back sorted by carrier and tracking number.
      legs: [
        { legId: 'L1', shipmentId: 'S1', parentLegId: null, linkedAtMs: null },
        { legId: 'L3', shipmentId: 'S1', parentLegId: 'L2', linkedAtMs: 2000 },
        { legId: 'L2', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 1000 },
      ],
      shipments: [{ shipmentId: 'S1', effectiveShipmentId: 'S1' }],
      conflicts: [],
    });
  });

  it('leaves a leg with no hand-over unlinked', () => {
    const resolution = resolveLinks({ legs: [first, third], roots: [root('S1', 'L1')], handovers: [] });
    expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: null, parentLegId: null, linkedAtMs: null });
    expect(resolvedLeg(resolution, 'L1').shipmentId).toBe('S1');
  });

  it('leaves a leg unlinked when its only hand-over comes from an unlinked leg', () => {
    const resolution = resolveLinks({ legs: [second, third], roots: [], handovers: [handover('L2', 'L3', 1000)] });
    expect(resolution.legs.map((resolved) => resolved.shipmentId)).toEqual([null, null]);
    expect(resolution.shipments).toEqual([]);
  });

  it('lets the earlier hand-over win when two shipments claim the same leg, and reports the conflict', () => {
    const otherFirst = leg('L9', 'yanwen', 'UG000000001YP');
    const resolution = resolveLinks({
      legs: [first, otherFirst, third],
      roots: [root('S1', 'L1'), root('S2', 'L9')],
      handovers: [handover('L1', 'L3', 5000), handover('L9', 'L3', 3000)],
    });
    expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S2', parentLegId: 'L9', linkedAtMs: 3000 });
    expect(resolution.conflicts).toEqual([
      {
        kind: 'leg_claimed_twice',
        legId: 'L3',
        winner: { fromLegId: 'L9', shipmentId: 'S2', occurredAtMs: 3000 },
        losers: [{ fromLegId: 'L1', shipmentId: 'S1', occurredAtMs: 5000 }],
      },
    ]);
    expect(resolution.shipments).toEqual([
      { shipmentId: 'S1', effectiveShipmentId: 'S1' },
      { shipmentId: 'S2', effectiveShipmentId: 'S2' },
    ]);
  });

  it('reports a losing hand-over sent twice as one losing claim', () => {
    const otherFirst = leg('L9', 'yanwen', 'UG000000001YP');
    const resolution = resolveLinks({
      legs: [first, otherFirst, third],
      roots: [root('S1', 'L1'), root('S2', 'L9')],
      handovers: [handover('L1', 'L3', 5000), handover('L9', 'L3', 3000), handover('L1', 'L3', 5000)],
    });
    expect(resolution.conflicts).toEqual([
      {
        kind: 'leg_claimed_twice',
        legId: 'L3',
        winner: { fromLegId: 'L9', shipmentId: 'S2', occurredAtMs: 3000 },
        losers: [{ fromLegId: 'L1', shipmentId: 'S1', occurredAtMs: 5000 }],
      },
    ]);
  });

  it('breaks a tie between hand-overs at the same instant on the sender, not on leg ids or input order', () => {
    // Sender 'yanwen' sorts after 'cainiao'; the leg ids say the opposite.
    const cainiao = leg('Z-leg', 'cainiao', 'LP005123456789CN');
    const yanwen = leg('A-leg', 'yanwen', 'UG000000001YP');
    const input = {
      legs: [cainiao, yanwen, third],
      roots: [root('S1', 'Z-leg'), root('S2', 'A-leg')],
      handovers: [handover('A-leg', 'L3', 3000), handover('Z-leg', 'L3', 3000)],
    };
    expect(resolvedLeg(resolveLinks(input), 'L3').shipmentId).toBe('S1');
    expect(resolvedLeg(resolveLinks({ ...input, handovers: [...input.handovers].reverse() }), 'L3').shipmentId).toBe('S1');
  });

  it('does not report a conflict when two legs of the same shipment hand over to the same leg', () => {
    const resolution = resolveLinks({
      legs: [first, second, third],
      roots: [root('S1', 'L1')],
      handovers: [handover('L1', 'L2', 1000), handover('L2', 'L3', 3000), handover('L1', 'L3', 2000)],
    });
    expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 2000 });
    expect(resolution.conflicts).toEqual([]);
  });

  it('merges the shipment of a registered first leg into the shipment whose hand-over reaches it', () => {
    const resolution = resolveLinks({
      legs: [first, second, third],
      roots: [root('S1', 'L1'), root('S2', 'L2')],
      handovers: [handover('L1', 'L2', 1000), handover('L2', 'L3', 2000)],
    });
    expect(resolvedLeg(resolution, 'L2')).toEqual({ legId: 'L2', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 1000 });
    expect(resolvedLeg(resolution, 'L3').shipmentId).toBe('S1');
    expect(resolution.shipments).toEqual([
      { shipmentId: 'S1', effectiveShipmentId: 'S1' },
      { shipmentId: 'S2', effectiveShipmentId: 'S1' },
    ]);
    expect(resolution.conflicts).toEqual([]);
  });

  it('does not let a hand-over from an unlinked leg steal a leg from a linked one, even when earlier', () => {
    const stray = leg('L7', 'dhl', 'JJD000000001');
    const resolution = resolveLinks({
      legs: [first, stray, third],
      roots: [root('S1', 'L1')],
      handovers: [handover('L7', 'L3', 1000), handover('L1', 'L3', 5000)],
    });
    expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 5000 });
    expect(resolvedLeg(resolution, 'L7').shipmentId).toBeNull();
    expect(resolution.conflicts).toEqual([]);
  });

  it('ignores a hand-over from a leg to itself', () => {
    const resolution = resolveLinks({ legs: [third], roots: [], handovers: [handover('L3', 'L3', 1000)] });
    expect(resolution.legs).toEqual([{ legId: 'L3', shipmentId: null, parentLegId: null, linkedAtMs: null }]);
  });

  it('does not hang on a hand-over cycle without a root, and leaves its legs unlinked', () => {
    const resolution = resolveLinks({
      legs: [second, third],
      roots: [],
      handovers: [handover('L2', 'L3', 1000), handover('L3', 'L2', 2000)],
    });
    expect(resolution.legs.map((resolved) => resolved.shipmentId)).toEqual([null, null]);
  });

  // The cycle L2 <-> L3 hangs off the root L1; the root reaches it after both cycle hand-overs. The two
  // namings make the cycle's entry leg sort first or last, so both resolution orders are exercised.
  it.each([
    ['the entry leg sorts after the other cycle leg', leg('L2', 'postnl', 'RS123456789NL'), leg('L3', 'correios', 'NL123456789BR')],
    ['the entry leg sorts before the other cycle leg', leg('L2', 'correios', 'NL123456789BR'), leg('L3', 'postnl', 'RS123456789NL')],
  ])('does not hang on a cycle hanging off a root, and links every leg of it when %s', (_case, entry, other) => {
    const resolution = resolveLinks({
      legs: [first, entry, other],
      roots: [root('S1', 'L1')],
      handovers: [handover('L1', 'L2', 3000), handover('L2', 'L3', 1000), handover('L3', 'L2', 2000)],
    });
    expect(resolvedLeg(resolution, 'L2')).toEqual({ legId: 'L2', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 3000 });
    expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S1', parentLegId: 'L2', linkedAtMs: 1000 });
  });

  it('does not hang when a cycle returns to the root', () => {
    const resolution = resolveLinks({
      legs: [first, second],
      roots: [root('S1', 'L1')],
      handovers: [handover('L1', 'L2', 1000), handover('L2', 'L1', 2000)],
    });
    expect(resolution.legs.map((resolved) => resolved.shipmentId)).toEqual(['S1', 'S1']);
    expect(resolution.shipments).toEqual([{ shipmentId: 'S1', effectiveShipmentId: 'S1' }]);
  });

  it('orders legs whose carrier and tracking number run together the same way in any input order', () => {
    // 'dhl' + 'de12345' and 'dhlde' + '12345' read the same once the separator is ignored.
    const a = leg('La', 'dhl', 'de12345');
    const b = leg('Lb', 'dhlde', '12345');
    expect(resolveLinks({ legs: [a, b], roots: [], handovers: [] }).legs.map((resolved) => resolved.legId)).toEqual(
      resolveLinks({ legs: [b, a], roots: [], handovers: [] }).legs.map((resolved) => resolved.legId),
    );
  });
});

// Random link graphs: small, with colliding instants and natural keys that run together.
const CARRIERS = ['dhl', 'dhlde', 'pn', 'pnl'];
const TRACKING_NUMBERS = ['de12345', '12345', 'l12345', 'L12345', '99999'];
const graphs = fc
  .uniqueArray(fc.record({ carrier: fc.constantFrom(...CARRIERS), trackingNumber: fc.constantFrom(...TRACKING_NUMBERS) }), {
    minLength: 1,
    maxLength: 8,
    selector: (key) => `${key.carrier}/${key.trackingNumber}`,
  })
  .chain((keys) => {
    const legs = keys.map((key, index) => leg(`leg-${index}`, key.carrier, key.trackingNumber));
    const legId = fc.nat({ max: legs.length - 1 }).map((index) => legs[index].id);
    return fc.record({
      legs: fc.constant(legs),
      roots: fc
        .uniqueArray(fc.record({ shipmentId: fc.constantFrom('S1', 'S2', 'S3', 'S4'), legId }), {
          maxLength: 4,
          selector: (candidate) => candidate.shipmentId,
        })
        .map((roots) => roots.map((candidate) => root(candidate.shipmentId, candidate.legId))),
      handovers: fc.array(
        fc.record({ fromLegId: legId, toLegId: legId, occurredAtMs: fc.integer({ min: 0, max: 4 }) }).map((h) => handover(h.fromLegId, h.toLegId, h.occurredAtMs)),
        { maxLength: 14 },
      ),
    });
  });

const permutation = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('resolveLinks properties', () => {
  it('gives the same result under any permutation of legs, roots and hand-overs and any duplication of hand-overs', () => {
    const scenarios = graphs.chain((graph) =>
      fc.record({
        graph: fc.constant(graph),
        legs: permutation(graph.legs),
        roots: permutation(graph.roots),
        handovers: fc
          .array(fc.nat({ max: Math.max(graph.handovers.length - 1, 0) }), { maxLength: graph.handovers.length === 0 ? 0 : 6 })
          .chain((copies) => permutation([...graph.handovers, ...copies.map((index) => ({ ...graph.handovers[index] }))])),
      }),
    );
    fc.assert(
      fc.property(scenarios, ({ graph, legs, roots, handovers }) => {
        expect(resolveLinks({ legs, roots, handovers })).toEqual(resolveLinks(graph));
      }),
      { numRuns: 1000 },
    );
  });

  it('links exactly the legs a chain of hand-overs reaches from a root, each in the shipment of its parent', () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const reachable = new Set(graph.roots.map((candidate) => candidate.legId));
        for (let grew = true; grew; ) {
          grew = false;
          for (const h of graph.handovers) {
            if (reachable.has(h.fromLegId) && !reachable.has(h.toLegId)) {
              reachable.add(h.toLegId);
              grew = true;
            }
          }
        }
        const resolution = resolveLinks(graph);
        const byId = new Map(resolution.legs.map((resolved) => [resolved.legId, resolved]));
        for (const resolved of resolution.legs) {
          expect({ legId: resolved.legId, linked: resolved.shipmentId !== null }).toEqual({
            legId: resolved.legId,
            linked: reachable.has(resolved.legId),
          });
          if (resolved.parentLegId === null) {
            if (resolved.shipmentId !== null) expect(graph.roots).toContainEqual(root(resolved.shipmentId, resolved.legId));
          } else {
            expect(graph.handovers).toContainEqual(handover(resolved.parentLegId, resolved.legId, resolved.linkedAtMs ?? Number.NaN));
            expect(byId.get(resolved.parentLegId)?.shipmentId).toBe(resolved.shipmentId);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  describe('pins (events.md §9)', () => {
    const intruder = leg('L7', 'hostile', 'HX0000001');
    // The attack of issue 12: a backdated hand-over from another carrier's leg claims an existing leg.
    const attack = {
      legs: [first, intruder, third],
      roots: [root('S1', 'L1'), root('S7', 'L7')],
      handovers: [handover('L1', 'L3', 5000), handover('L7', 'L3', 1000)],
    };

    it('without a pin, the earlier hand-over wins and the conflict is reported', () => {
      const resolution = resolveLinks(attack);
      expect(resolvedLeg(resolution, 'L3')).toMatchObject({ shipmentId: 'S7', parentLegId: 'L7' });
      expect(resolution.conflicts.map((conflict) => conflict.kind)).toEqual(['leg_claimed_twice']);
    });

    it('a leg pinned to a parent follows that parent and lists the earlier contradicting claim as ignored', () => {
      const resolution = resolveLinks({ ...attack, pins: [{ legId: 'L3', parentLegId: 'L1' }] });
      expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: 5000 });
      expect(resolution.conflicts).toEqual([
        {
          kind: 'pinned_link_contradicted',
          legId: 'L3',
          winner: { fromLegId: 'L1', shipmentId: 'S1', occurredAtMs: 5000 },
          losers: [{ fromLegId: 'L7', shipmentId: 'S7', occurredAtMs: 1000 }],
        },
      ]);
    });

    it('a pin to a parent with no hand-over event links the leg without an instant', () => {
      const resolution = resolveLinks({ legs: [first, third], roots: [root('S1', 'L1')], handovers: [], pins: [{ legId: 'L3', parentLegId: 'L1' }] });
      expect(resolvedLeg(resolution, 'L3')).toEqual({ legId: 'L3', shipmentId: 'S1', parentLegId: 'L1', linkedAtMs: null });
      expect(resolution.conflicts).toEqual([]);
    });

    it('a first leg pinned to no parent keeps its own shipment against any claim', () => {
      const resolution = resolveLinks({
        legs: [first, intruder],
        roots: [root('S1', 'L1'), root('S7', 'L7')],
        handovers: [handover('L7', 'L1', 1)],
        pins: [{ legId: 'L1', parentLegId: null }],
      });
      expect(resolvedLeg(resolution, 'L1')).toEqual({ legId: 'L1', shipmentId: 'S1', parentLegId: null, linkedAtMs: null });
      expect(resolution.shipments).toContainEqual({ shipmentId: 'S1', effectiveShipmentId: 'S1' });
      expect(resolution.conflicts).toEqual([
        { kind: 'pinned_link_contradicted', legId: 'L1', winner: { fromLegId: null, shipmentId: 'S1', occurredAtMs: null }, losers: [{ fromLegId: 'L7', shipmentId: 'S7', occurredAtMs: 1 }] },
      ]);
    });

    it('gives the same resolution whatever the order of hand-overs and pins', () => {
      fc.assert(
        fc.property(fc.shuffledSubarray(attack.handovers, { minLength: 2, maxLength: 2 }), fc.boolean(), (handovers, pinFirst) => {
          const pins = [{ legId: 'L3', parentLegId: pinFirst ? 'L1' : 'L7' }];
          const expected = resolveLinks({ ...attack, pins });
          expect(resolveLinks({ ...attack, handovers, legs: [...attack.legs].reverse(), pins })).toEqual(expected);
        }),
      );
    });
  });
});
