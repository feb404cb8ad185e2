import fc from 'fast-check';
import { type DeliveryPlan, offsetVariantOf, planDeliveries } from './delivery.planner';
import { eventIdentity } from './event-identity.util';
import { generateFeed } from './feed.generator';
import type { CanonicalEvent, Feed } from './feed.types';

const NOW = new Date('2026-11-20T12:00:00Z');

interface Delivered {
  batch: number;
  carrier: string;
  event: CanonicalEvent;
  identity: string;
}

function delivered(plan: DeliveryPlan): Delivered[] {
  return plan.batches.flatMap((batch, index) =>
    batch.events.map((event) => ({ batch: index, carrier: batch.carrier, event, identity: eventIdentity(batch.carrier, event) })),
  );
}

function feedIdentities(feed: Feed): string[] {
  return feed.journeys.flatMap((journey) => journey.legs.flatMap((leg) => leg.events.map((event) => eventIdentity(leg.carrier, event))));
}

describe('planDeliveries', () => {
  const feed = generateFeed({ seed: 11, shipments: 600, now: NOW });
  const options = { seed: 3, batchSize: 250, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true } as const;
  const plan = planDeliveries(feed, options);
  const items = delivered(plan);

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(planDeliveries(feed, options))).toBe(JSON.stringify(plan));
  });

  it('plans every unique event of the feed, and only those', () => {
    expect(plan.uniqueCount).toBe(feed.eventCount);
    expect(new Set(feedIdentities(feed)).size).toBe(feed.eventCount);
    expect(new Set(items.map((item) => item.identity))).toEqual(new Set(feedIdentities(feed)));
    expect(plan.totalEvents).toBe(items.length);
    expect(plan.totalEvents).toBe(plan.uniqueCount + plan.duplicateCount + plan.offsetVariantCount);
  });

  it('adds roughly the requested share of duplicates and offset variants', () => {
    expect(plan.duplicateCount / plan.uniqueCount).toBeGreaterThan(0.03);
    expect(plan.duplicateCount / plan.uniqueCount).toBeLessThan(0.07);
    expect(plan.offsetVariantCount / plan.uniqueCount).toBeGreaterThan(0.01);
    expect(plan.offsetVariantCount / plan.uniqueCount).toBeLessThan(0.03);
  });

  it('keeps each batch to one carrier and at most batchSize events', () => {
    const carriersOf = new Map(feed.journeys.flatMap((journey) => journey.legs.map((leg) => [leg.trackingNumber, leg.carrier] as const)));
    for (const batch of plan.batches) {
      expect(batch.events.length).toBeGreaterThan(0);
      expect(batch.events.length).toBeLessThanOrEqual(options.batchSize);
      expect(new Set(batch.events.map((event) => carriersOf.get(event.trackingNumber)))).toEqual(new Set([batch.carrier]));
    }
  });

  it('re-sends only exact copies or the same instant in another offset, each in another batch', () => {
    const byIdentity = new Map<string, Delivered[]>();
    for (const item of items) byIdentity.set(item.identity, [...(byIdentity.get(item.identity) ?? []), item]);
    let exact = 0;
    let variants = 0;
    for (const copies of byIdentity.values()) {
      if (copies.length === 1) continue;
      expect(new Set(copies.map((copy) => copy.batch)).size).toBe(copies.length);
      const [first, ...others] = copies;
      for (const other of others) {
        if (JSON.stringify(other.event) === JSON.stringify(first.event)) {
          exact += 1;
          continue;
        }
        const { occurredAt: a, ...restA } = other.event;
        const { occurredAt: b, ...restB } = first.event;
        expect(restA).toEqual(restB);
        expect(a).not.toBe(b);
        expect(Date.parse(a)).toBe(Date.parse(b));
        variants += 1;
      }
    }
    expect(exact).toBeGreaterThan(0);
    expect(variants).toBeGreaterThan(0);
    expect(exact + variants).toBe(plan.duplicateCount + plan.offsetVariantCount);
  });

  it('delivers some last-mile legs before the hand-over that links them', () => {
    expect(plan.lastMileFirstJourneys.length).toBeGreaterThan(0);
    const batchesOf = new Map<string, number[]>();
    for (const item of items) batchesOf.set(item.identity, [...(batchesOf.get(item.identity) ?? []), item.batch]);
    for (const id of plan.lastMileFirstJourneys) {
      const journey = feed.journeys.find((candidate) => candidate.id === id)!;
      const handover = journey.legs[0].events.find((event) => event.handover !== undefined)!;
      const handoverBatch = Math.min(...batchesOf.get(eventIdentity(journey.legs[0].carrier, handover))!);
      // Every copy of every last-mile event, not only the first, precedes the first hand-over.
      const lastMileBatches = journey.legs[1].events.flatMap((event) => batchesOf.get(eventIdentity(journey.legs[1].carrier, event))!);
      expect(lastMileBatches.length).toBeGreaterThan(0);
      expect(Math.max(...lastMileBatches)).toBeLessThan(handoverBatch);
    }
  });

  it('shuffles shipments so events arrive out of order', () => {
    const outOfOrder = plan.batches.some((batch) =>
      batch.events.some((event, index) => index > 0 && Date.parse(event.occurredAt) < Date.parse(batch.events[index - 1].occurredAt)),
    );
    expect(outOfOrder).toBe(true);
  });

  it('without shuffle or late hand-overs, sends each carrier its events in time order', () => {
    const ordered = planDeliveries(feed, { seed: 3, batchSize: 500, shuffle: false, lastMileFirst: false });
    expect(ordered.lastMileFirstJourneys).toEqual([]);
    expect(ordered.totalEvents).toBe(feed.eventCount);
    const perCarrier = new Map<string, number[]>();
    for (const batch of ordered.batches) {
      perCarrier.set(batch.carrier, [...(perCarrier.get(batch.carrier) ?? []), ...batch.events.map((event) => Date.parse(event.occurredAt))]);
    }
    for (const instants of perCarrier.values()) expect(instants).toEqual([...instants].sort((a, b) => a - b));
  });

  it('rejects a batch size below one and rates outside [0, 1]', () => {
    expect(() => planDeliveries(feed, { seed: 1, batchSize: 0, shuffle: true })).toThrow('batchSize');
    expect(() => planDeliveries(feed, { seed: 1, batchSize: 10, shuffle: true, duplicateRate: 1.5 })).toThrow('duplicateRate');
  });

  it('for any seed, batch size and rates, covers the feed exactly and separates copies', () => {
    const small = generateFeed({ seed: 5, shipments: 60, now: NOW });
    const expected = new Set(feedIdentities(small));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.boolean(),
        (seed, batchSize, duplicateRate, offsetVariantRate, shuffle) => {
          const result = planDeliveries(small, { seed, batchSize, duplicateRate, offsetVariantRate, shuffle });
          const planned = delivered(result);
          expect(new Set(planned.map((item) => item.identity))).toEqual(expected);
          expect(result.uniqueCount).toBe(expected.size);
          expect(planned).toHaveLength(result.totalEvents);
          expect(result.batches.every((batch) => batch.events.length <= batchSize)).toBe(true);
          const perBatch = new Set(planned.map((item) => `${item.batch}|${item.identity}`));
          expect(perBatch.size).toBe(planned.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('offsetVariantOf', () => {
  it('rewrites a local time in UTC and a UTC-offset time in +08:00, same instant', () => {
    const local: CanonicalEvent = { trackingNumber: 'NL123456785BR', code: 'EDG', occurredAt: '2026-11-02T08:15:00-03:00' };
    expect(offsetVariantOf(local).occurredAt).toBe('2026-11-02T11:15:00Z');
    const london: CanonicalEvent = { trackingNumber: 'TT123456785GB', milestone: 'DELIVERED', occurredAt: '2026-11-02T11:15:00+00:00' };
    expect(offsetVariantOf(london).occurredAt).toBe('2026-11-02T19:15:00+08:00');
  });
});
