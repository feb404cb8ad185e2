import fc from 'fast-check';
import { HOUR_MS } from './time-units';
import { MILESTONES, Milestone } from './milestones';
import { deriveShipmentFacts, FactEvent, findTrackingGaps, ShipmentFacts } from './shipment-facts';

const T0 = Date.parse('2026-11-02T00:00:00Z');
const at = (hours: number) => T0 + hours * HOUR_MS;
const scan = (milestone: Milestone | null, hours: number): FactEvent => ({ milestone, occurredAtMs: at(hours) });

const facts = (events: FactEvent[], overrides: { promisedByMs?: number | null; asOfMs?: number } = {}): ShipmentFacts =>
  deriveShipmentFacts({ events, promisedByMs: overrides.promisedByMs ?? null, asOfMs: overrides.asOfMs ?? at(1000) });

describe('deriveShipmentFacts', () => {
  it('derives every fact of a simple delivered journey', () => {
    expect(
      facts(
        [
          scan('INFO_RECEIVED', -10),
          scan('ACCEPTED', 0),
          scan('EXPORT_CUSTOMS_STARTED', 5),
          scan('EXPORT_CUSTOMS_CLEARED', 8),
          scan('IMPORT_CUSTOMS_STARTED', 48),
          scan('IMPORT_CUSTOMS_RELEASED', 60),
          scan('OUT_FOR_DELIVERY', 200),
          scan('DELIVERED', 228),
        ],
        { promisedByMs: at(240) },
      ),
    ).toEqual({
      firstScanAt: at(0),
      deliveredAt: at(228),
      transitDays: 9.5,
      customsStartAt: at(48),
      customsReleasedAt: at(60),
      customsHoldHours: 12,
      exportCustomsStartAt: at(5),
      exportCustomsReleasedAt: at(8),
      exportCustomsHoldHours: 3,
      firstAttemptAt: at(228),
      firstAttemptDelivered: true,
      onTime: true,
      lastEventAt: at(228),
      maxSilenceHours: 140,
      terminal: true,
    });
  });

  it('counts a failed attempt at the same instant as the delivery as the first attempt', () => {
    // Input order puts DELIVERED first; the milestone order decides, not arrival.
    const result = facts([scan('ACCEPTED', 0), scan('DELIVERED', 100), scan('DELIVERY_FAILED', 100)]);
    expect(result.firstAttemptAt).toBe(at(100));
    expect(result.firstAttemptDelivered).toBe(false);
    expect(result.deliveredAt).toBe(at(100));
  });

  it('counts a delivery without an earlier failed attempt as delivered at the first attempt', () => {
    const result = facts([scan('ACCEPTED', 0), scan('DELIVERED', 100), scan('DELIVERY_FAILED', 101)]);
    expect([result.firstAttemptAt, result.firstAttemptDelivered]).toEqual([at(100), true]);
  });

  it('has no attempt facts before any attempt', () => {
    const result = facts([scan('ACCEPTED', 0), scan('OUT_FOR_DELIVERY', 10)]);
    expect([result.firstAttemptAt, result.firstAttemptDelivered]).toEqual([null, null]);
  });

  it('collects a parcel from a pickup point after a failed attempt', () => {
    const result = facts([
      scan('ACCEPTED', 0),
      scan('OUT_FOR_DELIVERY', 100),
      scan('DELIVERY_FAILED', 104),
      scan('AVAILABLE_FOR_PICKUP', 110),
      scan('DELIVERED', 150),
    ]);
    expect(result).toMatchObject({
      firstAttemptAt: at(104),
      firstAttemptDelivered: false,
      deliveredAt: at(150),
      transitDays: 150 / 24,
      terminal: true,
    });
  });

  it('has no customs hold for a release without a start', () => {
    const result = facts([scan('ACCEPTED', 0), scan('IMPORT_CUSTOMS_RELEASED', 50)]);
    expect([result.customsStartAt, result.customsReleasedAt, result.customsHoldHours]).toEqual([null, null, null]);
  });

  it('has a customs start but no release while the parcel is held', () => {
    const result = facts([scan('ACCEPTED', 0), scan('IMPORT_CUSTOMS_HELD', 50)]);
    expect([result.customsStartAt, result.customsReleasedAt, result.customsHoldHours]).toEqual([at(50), null, null]);
  });

  it('takes the earliest start and the earliest release after it across several holds', () => {
    const result = facts([
      scan('IMPORT_CUSTOMS_RELEASED', 10), // before any start: ignored
      scan('IMPORT_CUSTOMS_STARTED', 24),
      scan('IMPORT_CUSTOMS_HELD', 20),
      scan('IMPORT_CUSTOMS_RELEASED', 60),
      scan('IMPORT_CUSTOMS_HELD', 70),
      scan('IMPORT_CUSTOMS_RELEASED', 90),
    ]);
    expect([result.customsStartAt, result.customsReleasedAt, result.customsHoldHours]).toEqual([at(20), at(60), 40]);
  });

  it('accepts a release at the same instant as the start (zero hours held)', () => {
    const result = facts([scan('IMPORT_CUSTOMS_STARTED', 30), scan('IMPORT_CUSTOMS_RELEASED', 30)]);
    expect([result.customsReleasedAt, result.customsHoldHours]).toEqual([at(30), 0]);
  });

  it('derives export customs facts from the EXPORT_CUSTOMS milestones only', () => {
    const result = facts([
      scan('EXPORT_CUSTOMS_CLEARED', 1), // before the start: ignored
      scan('EXPORT_CUSTOMS_STARTED', 4),
      scan('EXPORT_CUSTOMS_HELD', 6),
      scan('EXPORT_CUSTOMS_CLEARED', 22),
      scan('IMPORT_CUSTOMS_RELEASED', 30),
    ]);
    expect(result).toMatchObject({
      exportCustomsStartAt: at(4),
      exportCustomsReleasedAt: at(22),
      exportCustomsHoldHours: 18,
      customsStartAt: null,
      customsReleasedAt: null,
      customsHoldHours: null,
    });
  });

  it('has no export hold for a clearance without a start', () => {
    const result = facts([scan('ACCEPTED', 0), scan('EXPORT_CUSTOMS_CLEARED', 5)]);
    expect([result.exportCustomsStartAt, result.exportCustomsReleasedAt, result.exportCustomsHoldHours]).toEqual([null, null, null]);
  });

  it('gives 0 transit days to a delivery with no other scan', () => {
    const result = facts([scan('DELIVERED', 72)]);
    expect(result).toMatchObject({ firstScanAt: at(72), deliveredAt: at(72), transitDays: 0, lastEventAt: at(72), maxSilenceHours: null });
  });

  it('does not count INFO_RECEIVED and CANCELLED as physical scans', () => {
    const result = facts([scan('INFO_RECEIVED', 0), scan('CANCELLED', 30)]);
    expect(result).toMatchObject({ firstScanAt: null, lastEventAt: null, transitDays: null, maxSilenceHours: null, terminal: true });
  });

  it('starts the first scan at the first physical event, not at INFO_RECEIVED', () => {
    const result = facts([scan('INFO_RECEIVED', 0), scan('ACCEPTED', 12), scan('DELIVERED', 60), scan('INFO_RECEIVED', 80)]);
    expect(result).toMatchObject({ firstScanAt: at(12), transitDays: 2, lastEventAt: at(60) });
  });

  it('ignores unmapped events for every fact', () => {
    const mapped = [scan('ACCEPTED', 10), scan('IMPORT_CUSTOMS_HELD', 20), scan('OUT_FOR_DELIVERY', 30)];
    const unmapped = [scan(null, 0), scan(null, 25), scan(null, 500)];
    expect(facts([...mapped, ...unmapped], { asOfMs: at(600) })).toEqual(facts(mapped, { asOfMs: at(600) }));
    expect(facts(unmapped)).toMatchObject({ firstScanAt: null, lastEventAt: null, maxSilenceHours: null, terminal: false });
  });

  it('is on time when delivered before the promise', () => {
    expect(facts([scan('DELIVERED', 100)], { promisedByMs: at(101) }).onTime).toBe(true);
  });

  it('is on time when delivered at the very instant of the promise', () => {
    expect(facts([scan('DELIVERED', 100)], { promisedByMs: at(100) }).onTime).toBe(true);
  });

  it('is late when delivered after the promise', () => {
    expect(facts([scan('DELIVERED', 100)], { promisedByMs: at(100) - 1 }).onTime).toBe(false);
  });

  it('judges on time by the earliest delivery', () => {
    expect(facts([scan('DELIVERED', 120), scan('DELIVERED', 90)], { promisedByMs: at(100) }).onTime).toBe(true);
  });

  it('has no on-time verdict without a promise or without a delivery', () => {
    expect(facts([scan('DELIVERED', 100)], { promisedByMs: null }).onTime).toBeNull();
    expect(facts([scan('OUT_FOR_DELIVERY', 100)], { promisedByMs: at(50) }).onTime).toBeNull();
  });

  it('measures the longest silence up to deliveredAt when delivered', () => {
    // 0 → 10 → 40 (delivered); a scan 60 h later does not count.
    const result = facts([scan('ACCEPTED', 0), scan('TRANSIT_HUB', 10), scan('DELIVERED', 40), scan('RETURN_IN_TRANSIT', 100)], {
      asOfMs: at(500),
    });
    expect(result.maxSilenceHours).toBe(30);
  });

  it('measures the longest silence up to asOf when not delivered', () => {
    const result = facts([scan('ACCEPTED', 0), scan('TRANSIT_HUB', 10), scan('ARRIVED_DESTINATION', 40)], { asOfMs: at(100) });
    expect(result.maxSilenceHours).toBe(60);
  });

  it('does not turn a scan fed twice into a zero-hour silence', () => {
    expect(facts([scan('DELIVERED', 72), scan('DELIVERED', 72)]).maxSilenceHours).toBeNull();
  });

  it('measures zero hours between two different scans at the same instant', () => {
    expect(facts([scan('OUT_FOR_DELIVERY', 72), scan('DELIVERED', 72)]).maxSilenceHours).toBe(0);
  });

  it('measures the silence of a parcel with one scan up to asOf', () => {
    expect(facts([scan('ACCEPTED', 0)], { asOfMs: at(30) }).maxSilenceHours).toBe(30);
  });

  it('does not count non-physical events as breaking a silence', () => {
    const result = facts([scan('ACCEPTED', 0), scan('INFO_RECEIVED', 20), scan('DELIVERED', 40)]);
    expect(result.maxSilenceHours).toBe(40);
  });

  it('does not count events after asOf', () => {
    const result = facts([scan('ACCEPTED', 0), scan('DELIVERED', 50)], { asOfMs: at(49) });
    expect(result).toMatchObject({ deliveredAt: null, terminal: false, lastEventAt: at(0), maxSilenceHours: 49 });
  });

  it.each(['DELIVERED', 'RETURNED', 'LOST', 'DESTROYED', 'CANCELLED'] as const)('is terminal with %s', (milestone) => {
    expect(facts([scan('ACCEPTED', 0), scan(milestone, 10)]).terminal).toBe(true);
  });

  it.each(['EXCEPTION', 'RETURN_IN_TRANSIT', 'AVAILABLE_FOR_PICKUP', 'DELIVERY_FAILED'] as const)('is not terminal with %s', (milestone) => {
    expect(facts([scan('ACCEPTED', 0), scan(milestone, 10)]).terminal).toBe(false);
  });

  it('is delivered and terminal after an exception', () => {
    expect(facts([scan('EXCEPTION', 10), scan('DELIVERED', 20)])).toMatchObject({ deliveredAt: at(20), terminal: true });
  });

  it('has no facts for no events', () => {
    expect(facts([])).toEqual({
      firstScanAt: null,
      deliveredAt: null,
      transitDays: null,
      customsStartAt: null,
      customsReleasedAt: null,
      customsHoldHours: null,
      exportCustomsStartAt: null,
      exportCustomsReleasedAt: null,
      exportCustomsHoldHours: null,
      firstAttemptAt: null,
      firstAttemptDelivered: null,
      onTime: null,
      lastEventAt: null,
      maxSilenceHours: null,
      terminal: false,
    });
  });
});

describe('findTrackingGaps', () => {
  it('lists silences of at least minHours between physical scans, and the open one up to asOf', () => {
    const gaps = findTrackingGaps({
      events: [scan('ACCEPTED', 0), scan('TRANSIT_HUB', 30), scan('ARRIVED_DESTINATION', 40)],
      asOfMs: at(100),
      minHours: 24,
    });
    expect(gaps).toEqual([
      { fromMs: at(0), toMs: at(30), hours: 30, open: false },
      { fromMs: at(40), toMs: at(100), hours: 60, open: true },
    ]);
  });

  it('includes a gap of exactly minHours and leaves out a shorter one', () => {
    const gaps = findTrackingGaps({ events: [scan('ACCEPTED', 0), scan('TRANSIT_HUB', 24), scan('DELIVERED', 47.5)], asOfMs: at(100), minHours: 24 });
    expect(gaps).toEqual([{ fromMs: at(0), toMs: at(24), hours: 24, open: false }]);
  });

  it('has no open gap once the parcel is terminal', () => {
    expect(findTrackingGaps({ events: [scan('ACCEPTED', 0), scan('LOST', 10)], asOfMs: at(1000), minHours: 24 })).toEqual([]);
  });

  it('ignores non-physical and unmapped events when measuring gaps', () => {
    const gaps = findTrackingGaps({
      events: [scan('ACCEPTED', 0), scan('INFO_RECEIVED', 15), scan(null, 20), scan('TRANSIT_HUB', 30)],
      asOfMs: at(40),
      minHours: 24,
    });
    expect(gaps).toEqual([{ fromMs: at(0), toMs: at(30), hours: 30, open: false }]);
  });

  it('has no gaps without a physical scan', () => {
    expect(findTrackingGaps({ events: [scan('INFO_RECEIVED', 0)], asOfMs: at(1000), minHours: 1 })).toEqual([]);
  });
});

describe('deriveShipmentFacts properties', () => {
  const events = fc.array(
    fc.record({
      milestone: fc.option(fc.constantFrom(...MILESTONES), { freq: 8 }),
      // A small range of whole hours so that equal instants are common.
      occurredAtMs: fc.integer({ min: 0, max: 12 }).map((hours) => at(hours * 7)),
    }),
    { maxLength: 12 },
  );
  const feeds = events.chain((original) =>
    fc.record({
      original: fc.constant(original),
      promisedByMs: fc.option(fc.integer({ min: 0, max: 12 }).map((hours) => at(hours * 7))),
      asOfMs: fc.integer({ min: 0, max: 14 }).map((hours) => at(hours * 7)),
      feed: fc
        .array(fc.nat({ max: Math.max(original.length - 1, 0) }), { maxLength: original.length === 0 ? 0 : 8 })
        .chain((copies) => {
          const withCopies = [...original, ...copies.map((index) => ({ ...original[index] }))];
          return fc.shuffledSubarray(withCopies, { minLength: withCopies.length, maxLength: withCopies.length });
        }),
    }),
  );

  it('gives the same facts under any permutation and any duplication of the events', () => {
    fc.assert(
      fc.property(feeds, ({ original, feed, promisedByMs, asOfMs }) => {
        expect(deriveShipmentFacts({ events: feed, promisedByMs, asOfMs })).toEqual(
          deriveShipmentFacts({ events: original, promisedByMs, asOfMs }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same tracking gaps under any permutation and any duplication of the events', () => {
    fc.assert(
      fc.property(feeds, fc.integer({ min: 1, max: 48 }), ({ original, feed, asOfMs }, minHours) => {
        expect(findTrackingGaps({ events: feed, asOfMs, minHours })).toEqual(findTrackingGaps({ events: original, asOfMs, minHours }));
      }),
      { numRuns: 1000 },
    );
  });
});
