import { CanonicalEvent, generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from './support/lanewatch-app';

// The acceptance feed: ~20,000 events over 1,000 shipments, shuffled across batches,
// 5 % exact duplicates, 2 % the same instant in another offset, last miles posted before hand-overs.
const NOW = new Date('2026-11-20T00:00:00Z');

const instantOf = (event: CanonicalEvent) => new Date(event.occurredAt).toISOString();
const signature = (carrier: string, trackingNumber: string, at: string, what: string) => `${carrier}|${trackingNumber}|${at}|${what}`;

describe('a realistic feed end to end', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('stores every unique event once and stitches every journey, whatever the order', async () => {
    const feed = generateFeed({ seed: 20261120, shipments: 1000, now: NOW, spanDays: 90, departureScans: true });
    const plan = planDeliveries(feed, { seed: 7, batchSize: 500, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true });
    expect(feed.journeys).toHaveLength(1000);
    expect(plan.totalEvents).toBeGreaterThanOrEqual(20_000);
    expect(plan.duplicateCount / plan.uniqueCount).toBeGreaterThanOrEqual(0.045);
    expect(plan.offsetVariantCount / plan.uniqueCount).toBeGreaterThanOrEqual(0.015);
    expect(plan.lastMileFirstJourneys.length).toBeGreaterThan(100);

    // The API runs with the clock of today; the feed's `now` is in the past, so no event is "future".
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) {
      const response = await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
      expect(response.status).toBe(200);
    }

    let accepted = 0;
    let requestDuplicates = 0;
    for (const batch of plan.batches) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
      expect(response.status).toBe(202);
      expect(response.body.rejected).toEqual([]);
      accepted += response.body.accepted as number;
      requestDuplicates += response.body.duplicates as number;
    }
    expect(accepted + requestDuplicates).toBe(plan.totalEvents);

    const status = await app.waitForIdle(240_000);
    // Concurrent batches must not deadlock on shared legs (they would be retried, but slowly).
    expect(app.recentLogs()).not.toMatch(/deadlock|batch failed/);
    const unmappedInFeed = feed.journeys.flatMap((j) => j.legs.flatMap((leg) => leg.events)).filter((e) => !e.milestone && !feed.carriers.find((c) => c.codeMap)?.codeMap?.[e.code ?? '']).length;
    expect(status).toEqual({
      pendingBatches: 0,
      processedBatches: plan.batches.length + feed.carriers.filter((c) => c.codeMap).length,
      failedBatches: 0,
      eventsStored: plan.uniqueCount,
      duplicates: plan.totalEvents - plan.uniqueCount,
      unlinkedEvents: 0,
      unmappedEvents: unmappedInFeed,
    });

    // Every shipment holds exactly its journey's events: compare the stored multiset per journey.
    const stored = await app.sql<{ shipment_id: string; carrier: string; tracking_number: string; occurred_at: Date; what: string }>(
      `SELECT l.shipment_id, c.code AS carrier, e.tracking_number, e.occurred_at, COALESCE(e.raw->>'milestone', 'code:' || e.raw_code) AS what
         FROM events e JOIN legs l ON l.id = e.leg_id JOIN carriers c ON c.id = e.carrier_id`,
    );
    const byShipment = new Map<string, string[]>();
    for (const row of stored) {
      const list = byShipment.get(row.shipment_id) ?? [];
      list.push(signature(row.carrier, row.tracking_number, new Date(row.occurred_at).toISOString(), row.what));
      byShipment.set(row.shipment_id, list);
    }
    const legShipments = await app.sql<{ carrier: string; tracking_number: string; shipment_id: string }>(
      `SELECT c.code AS carrier, l.tracking_number, l.shipment_id FROM legs l JOIN carriers c ON c.id = l.carrier_id`,
    );
    const shipmentOfLeg = new Map(legShipments.map((leg) => [`${leg.carrier}|${leg.tracking_number}`, leg.shipment_id]));
    const seenShipments = new Set<string>();
    for (const journey of feed.journeys) {
      const shipmentIds = new Set(journey.legs.map((leg) => shipmentOfLeg.get(`${leg.carrier}|${leg.trackingNumber}`)));
      expect(shipmentIds.size).toBe(1);
      const [shipmentId] = [...shipmentIds];
      expect(shipmentId).toBeTruthy();
      seenShipments.add(shipmentId as string);
      const expected = journey.legs
        .flatMap((leg) => leg.events.map((event) => signature(leg.carrier, leg.trackingNumber, instantOf(event), event.milestone ?? `code:${event.code}`)))
        .sort();
      expect((byShipment.get(shipmentId as string) ?? []).sort()).toEqual(expected);
    }
    expect(seenShipments.size).toBe(1000);
    const [{ effective }] = await app.sql<{ effective: string }>(`SELECT count(*) AS effective FROM shipments WHERE merged_into_id IS NULL`);
    expect(Number(effective)).toBe(1000);

    // A last mile posted before its hand-over: its tracking number finds the first mile's events.
    const journey = feed.journeys.find((j) => plan.lastMileFirstJourneys.includes(j.id) && j.legs.length > 1)!;
    const lastLeg = journey.legs[journey.legs.length - 1];
    const view = await app.request('GET', `/api/v1/shipments/${lastLeg.carrier}/${lastLeg.trackingNumber}`);
    expect((view.body.legs as { carrier: string; trackingNumber: string }[]).map((leg) => `${leg.carrier}|${leg.trackingNumber}`)).toEqual(
      journey.legs.map((leg) => `${leg.carrier}|${leg.trackingNumber}`),
    );
    expect((view.body.events as unknown[]).length).toBe(journey.legs.reduce((sum, leg) => sum + leg.events.length, 0));
    expect(view.body.shipment).toMatchObject({ origin: journey.shipment.origin, destination: journey.shipment.destination });
  });
});
