import { HOUR_MS } from './time-units';
import { resolveMilestone } from './code-map';
import { kpiContributions } from './kpi-contributions';
import { deliveringLegIndex, deriveLegFacts, LegFacts } from './leg-facts';
import { Milestone } from './milestones';
import { deriveShipmentFacts, FactEvent } from './shipment-facts';
import {
  addToMoments,
  EMPTY_MOMENTS,
  histogramPercentile,
  Histogram,
  addToHistogram,
  momentStatistics,
  percentileCont,
  TRANSIT_DAYS_HISTOGRAM,
} from './statistics';

// The KPI edge cases of kpis.md §1–§4 that shipment-facts.spec.ts does not already cover at this level:
// leg facts (§2), linking late, re-mapping, a missing corridor and percentiles on tiny groups. The same
// cases run end to end in test/kpi-scenarios.int-spec.ts.

const T0 = Date.parse('2026-02-09T00:00:00Z');
const at = (hours: number) => T0 + hours * HOUR_MS;
const scan = (milestone: Milestone | null, hours: number): FactEvent => ({ milestone, occurredAtMs: at(hours) });

/** What the worker does for one shipment: shipment facts over all legs, then each leg's own facts. */
function factsOfJourney(legs: FactEvent[][], promisedByHours: number | null) {
  const shipment = deriveShipmentFacts({ events: legs.flat(), promisedByMs: promisedByHours === null ? null : at(promisedByHours), asOfMs: Number.POSITIVE_INFINITY });
  const delivering = deliveringLegIndex(legs.map((events) => ({ events })));
  const legFacts: LegFacts[] = legs.map((events, index) =>
    deriveLegFacts({ events, creditedWithDelivery: index === delivering, shipmentOnTime: shipment.onTime }),
  );
  return { shipment, delivering, legFacts };
}

describe('KPI scenarios on the pure facts', () => {
  it('a three-leg hand-over chain: each leg from its own events, the delivering leg credited, the shipment over all legs', () => {
    const first = [scan('ACCEPTED', 0), scan('HANDED_OVER', 24)];
    const line = [
      scan('DEPARTED_ORIGIN', 30),
      scan('ARRIVED_DESTINATION', 48),
      scan('IMPORT_CUSTOMS_STARTED', 52),
      scan('IMPORT_CUSTOMS_RELEASED', 64),
      scan('HANDED_OVER', 72),
    ];
    const last = [scan('DESTINATION_FACILITY', 84), scan('OUT_FOR_DELIVERY', 120), scan('DELIVERED', 126)];
    const { shipment, delivering, legFacts } = factsOfJourney([first, line, last], 264);

    expect(delivering).toBe(2);
    expect(legFacts.map((leg) => [leg.legStartAt, leg.legEndAt, leg.legTransitDays])).toEqual([
      [at(0), at(24), 1],
      [at(30), at(72), 1.75],
      [at(84), at(126), 1.75],
    ]);
    expect(legFacts.map((leg) => leg.customsHoldHours)).toEqual([null, 12, null]);
    expect(legFacts.map((leg) => [leg.firstAttemptAt, leg.firstAttemptDelivered, leg.onTime])).toEqual([
      [null, null, null],
      [null, null, null],
      [at(126), true, true],
    ]);
    // Hand-over gaps: the next leg's first scan after the hand-over that closed the leg before it.
    expect([(legFacts[1].legStartAt! - legFacts[0].legEndAt!) / HOUR_MS, (legFacts[2].legStartAt! - legFacts[1].legEndAt!) / HOUR_MS]).toEqual([6, 12]);
    expect(shipment).toMatchObject({ firstScanAt: at(0), deliveredAt: at(126), transitDays: 5.25, customsHoldHours: 12, firstAttemptDelivered: true, onTime: true });
  });

  it('a delivery scanned on two legs at the same instant is credited to the earlier leg', () => {
    const { delivering, legFacts } = factsOfJourney([[scan('ACCEPTED', 0), scan('DELIVERED', 50)], [scan('DESTINATION_FACILITY', 40), scan('DELIVERED', 50)]], 100);
    expect(delivering).toBe(0);
    expect(legFacts.map((leg) => leg.onTime)).toEqual([true, null]);
  });

  it('a leg ends at its earliest DELIVERED or HANDED_OVER, whichever comes first', () => {
    const leg = deriveLegFacts({ events: [scan('ACCEPTED', 0), scan('DELIVERED', 30), scan('HANDED_OVER', 20)], creditedWithDelivery: false, shipmentOnTime: null });
    expect([leg.legEndAt, leg.legTransitDays, leg.deliveredAt]).toEqual([at(20), 20 / 24, at(30)]);
  });

  it('failed attempt and delivery at the same instant on a leg: the leg\'s first attempt is not delivered', () => {
    const leg = deriveLegFacts({ events: [scan('DESTINATION_FACILITY', 0), scan('DELIVERED', 30), scan('DELIVERY_FAILED', 30)], creditedWithDelivery: true, shipmentOnTime: true });
    expect([leg.firstAttemptAt, leg.firstAttemptDelivered, leg.legEndAt]).toEqual([at(30), false, at(30)]);
  });

  it('delivered with no other scan on a leg: leg transit 0 days', () => {
    const leg = deriveLegFacts({ events: [scan('INFO_RECEIVED', 0), scan('DELIVERED', 30)], creditedWithDelivery: true, shipmentOnTime: null });
    expect([leg.legStartAt, leg.legEndAt, leg.legTransitDays]).toEqual([at(30), at(30), 0]);
  });

  it('release without a start and several holds on a leg: customs from the earliest start or hold to the first release after it', () => {
    const lone = deriveLegFacts({ events: [scan('ACCEPTED', 0), scan('IMPORT_CUSTOMS_RELEASED', 10)], creditedWithDelivery: false, shipmentOnTime: null });
    expect([lone.customsStartAt, lone.customsReleasedAt, lone.customsHoldHours]).toEqual([null, null, null]);
    const held = deriveLegFacts({
      events: [
        scan('IMPORT_CUSTOMS_RELEASED', 6),
        scan('IMPORT_CUSTOMS_HELD', 24),
        scan('IMPORT_CUSTOMS_STARTED', 28),
        scan('IMPORT_CUSTOMS_RELEASED', 60),
        scan('IMPORT_CUSTOMS_HELD', 72),
        scan('IMPORT_CUSTOMS_RELEASED', 96),
      ],
      creditedWithDelivery: false,
      shipmentOnTime: null,
    });
    expect([held.customsStartAt, held.customsReleasedAt, held.customsHoldHours]).toEqual([at(24), at(60), 36]);
  });

  it('an unlinked last mile that links late: the merged shipment spans both legs and replaces the last mile\'s own contributions', () => {
    const firstMile = [scan('ACCEPTED', 0), scan('IMPORT_CUSTOMS_STARTED', 24), scan('IMPORT_CUSTOMS_RELEASED', 30)];
    const lastMile = [scan('DESTINATION_FACILITY', 48), scan('DELIVERED', 84)];
    const contributions = (facts: ReturnType<typeof deriveShipmentFacts>, serviceLevel: string) =>
      kpiContributions('s', 0, {
        corridor: 'CN-BR',
        serviceLevel,
        transitClosingMs: facts.deliveredAt,
        transitDays: facts.transitDays,
        customsReleasedMs: facts.customsReleasedAt,
        customsHoldHours: facts.customsHoldHours,
        firstAttemptMs: facts.firstAttemptAt,
        firstAttemptDelivered: facts.firstAttemptDelivered,
        onTimeClosingMs: facts.deliveredAt,
        onTime: facts.onTime,
      }).map((c) => [c.family, c.serviceLevel, c.value, c.success]);

    // Before the hand-over: two shipments, the last mile's without a promise.
    const alone = deriveShipmentFacts({ events: lastMile, promisedByMs: null, asOfMs: Number.POSITIVE_INFINITY });
    const firstAlone = deriveShipmentFacts({ events: firstMile, promisedByMs: at(216), asOfMs: Number.POSITIVE_INFINITY });
    expect([...contributions(alone, 'economy'), ...contributions(firstAlone, 'standard')]).toEqual([
      ['transit', 'economy', 1.5, null],
      ['attempt', 'economy', null, true],
      ['customs', 'standard', 6, null],
    ]);
    // After it: one shipment, the first leg's attributes, transit from the first mile's first scan.
    const { shipment } = factsOfJourney([[...firstMile, scan('HANDED_OVER', 36)], lastMile], 216);
    expect(contributions(shipment, 'standard')).toEqual([
      ['transit', 'standard', 3.5, null],
      ['customs', 'standard', 6, null],
      ['attempt', 'standard', null, true],
      ['on_time', 'standard', null, true],
    ]);
  });

  it('an unmapped code mapped later: the stored code resolves to the milestone that closes the transit', () => {
    const stored = [
      { code: 'RMA', milestone: null, occurredAtMs: at(0) },
      { code: 'RMD', milestone: null, occurredAtMs: at(60) },
    ];
    const factsWith = (codeMap: Record<string, Milestone>) =>
      deriveShipmentFacts({
        events: stored.map((event) => ({ milestone: resolveMilestone(event, new Map(Object.entries(codeMap))), occurredAtMs: event.occurredAtMs })),
        promisedByMs: at(144),
        asOfMs: Number.POSITIVE_INFINITY,
      });
    expect(factsWith({ RMA: 'ACCEPTED' })).toMatchObject({ firstScanAt: at(0), deliveredAt: null, transitDays: null, firstAttemptAt: null, onTime: null });
    expect(factsWith({ RMA: 'ACCEPTED', RMD: 'DELIVERED' })).toMatchObject({ deliveredAt: at(60), transitDays: 2.5, firstAttemptDelivered: true, onTime: true });
    expect(factsWith({ RMA: 'ACCEPTED', RMD: 'DELIVERY_FAILED' })).toMatchObject({ deliveredAt: null, transitDays: null, firstAttemptAt: at(60), firstAttemptDelivered: false });
  });

  it('a shipment without a corridor contributes under the empty corridor, which no corridor group reads', () => {
    const contributions = kpiContributions('s', 0, {
      corridor: null,
      serviceLevel: 'standard',
      transitClosingMs: at(48),
      transitDays: 2,
      customsReleasedMs: null,
      customsHoldHours: null,
      firstAttemptMs: at(48),
      firstAttemptDelivered: true,
      onTimeClosingMs: null,
      onTime: null,
    });
    expect(contributions.map((c) => [c.family, c.corridor, c.serviceLevel])).toEqual([
      ['transit', '', 'standard'],
      ['attempt', '', 'standard'],
    ]);
  });

  it('percentiles on 1 and 2 values: exact percentile_cont, the transit histogram within tolerance, no variance for n = 1', () => {
    const histogramOf = (values: number[]): Histogram => values.reduce((h, value) => addToHistogram(h, TRANSIT_DAYS_HISTOGRAM, value), new Map() as Histogram);
    const tolerance = (exact: number) => Math.max(0.01 * exact, 0.05);
    for (const [values, expected] of [
      [[3], { p50: 3, p90: 3, p95: 3 }],
      [[2, 6], { p50: 4, p90: 5.6, p95: 5.8 }],
    ] as const) {
      for (const [p, exact] of [[0.5, expected.p50], [0.9, expected.p90], [0.95, expected.p95]] as const) {
        expect(percentileCont([...values], p)).toBeCloseTo(exact, 12);
        expect(Math.abs(histogramPercentile(histogramOf([...values]), TRANSIT_DAYS_HISTOGRAM, p)! - exact)).toBeLessThanOrEqual(tolerance(exact));
      }
    }
    expect(momentStatistics(addToMoments(EMPTY_MOMENTS, 3))).toEqual({ count: 1, mean: 3, variance: null, stddev: null });
    expect(momentStatistics(addToMoments(addToMoments(EMPTY_MOMENTS, 2), 6))).toEqual({ count: 2, mean: 4, variance: 8, stddev: Math.sqrt(8) });
  });
});
