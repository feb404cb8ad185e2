import { CanonicalEvent, generateFeed, planDeliveries } from '@lanewatch/simulator';
import { legFacts, shipmentFacts } from './oracle/kpi-oracle';
import { oracleInputOf } from './support/oracle-input';
import { postFeed } from './support/post-feed';
import { LanewatchApp } from './support/lanewatch-app';

// The acceptance feed: ~20,000 events over 1,000 shipments, shuffled across batches,
// 5 % exact duplicates, 2 % the same instant in another offset, last miles posted before hand-overs.
const NOW = new Date('2026-11-20T00:00:00Z');

const instantOf = (event: CanonicalEvent) => new Date(event.occurredAt).toISOString();
const signature = (carrier: string, trackingNumber: string, at: string, what: string) => `${carrier}|${trackingNumber}|${at}|${what}`;

const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());

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
      deadLetters: 0,
      derivationBacklog: 0,
      // Folding deltas into cells runs in the background; reads add what is not folded yet.
      compactionBacklog: expect.any(Number),
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

describe('shipment and leg facts on a realistic feed', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('agree with the independent oracle for every shipment and every leg', async () => {
    const feed = generateFeed({ seed: 777, shipments: 400, now: NOW, spanDays: 60 });
    const plan = planDeliveries(feed, { seed: 3, batchSize: 400, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true });
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    // The code map arrives after the events: re-mapping must bring the facts to the same place.
    await postFeed(app, feed, plan, { codeMapLast: true });
    const oracle = oracleInputOf(feed);
    const asOf = NOW.toISOString();
    const stored = await app.sql<{ carrier: string; tracking_number: string } & Record<string, Date | number | boolean | null>>(
      `SELECT c.code AS carrier, l.tracking_number, f.* FROM shipment_facts f
         JOIN shipments s ON s.id = f.shipment_id JOIN legs l ON l.id = s.root_leg_id JOIN carriers c ON c.id = l.carrier_id`,
    );
    const legRows = await app.sql<{ carrier: string; tracking_number: string } & Record<string, Date | number | boolean | null>>(
      `SELECT c.code AS carrier, l.tracking_number, f.* FROM leg_facts f JOIN legs l ON l.id = f.leg_id JOIN carriers c ON c.id = l.carrier_id`,
    );
    const byFirstLeg = new Map(stored.map((row) => [`${row.carrier}|${row.tracking_number}`, row]));
    const byLeg = new Map(legRows.map((row) => [`${row.carrier}|${row.tracking_number}`, row]));
    expect(stored).toHaveLength(feed.journeys.length);
    expect(legRows).toHaveLength(feed.journeys.reduce((sum, journey) => sum + journey.legs.length, 0));

    oracle.shipments.forEach((shipment) => {
      const expected = shipmentFacts(oracle, shipment, asOf);
      const row = byFirstLeg.get(`${shipment.legs[0].carrier}|${shipment.legs[0].trackingNumber}`)!;
      expect({
        firstScanAt: ms(row.first_scan_at as Date | null),
        deliveredAt: ms(row.delivered_at as Date | null),
        customsStartAt: ms(row.customs_start_at as Date | null),
        customsReleasedAt: ms(row.customs_released_at as Date | null),
        exportCustomsStartAt: ms(row.export_customs_start_at as Date | null),
        exportCustomsReleasedAt: ms(row.export_customs_cleared_at as Date | null),
        firstAttemptAt: ms(row.first_attempt_at as Date | null),
        firstAttemptDelivered: row.first_attempt_delivered,
        onTime: row.on_time,
        lastEventAt: ms(row.last_event_at as Date | null),
        terminal: row.terminal,
      }).toEqual({
        firstScanAt: expected.firstScanAt,
        deliveredAt: expected.deliveredAt,
        customsStartAt: expected.customsStartAt,
        customsReleasedAt: expected.customsReleasedAt,
        exportCustomsStartAt: expected.exportCustomsStartAt,
        exportCustomsReleasedAt: expected.exportCustomsReleasedAt,
        firstAttemptAt: expected.firstAttemptAt,
        firstAttemptDelivered: expected.firstAttemptDelivered,
        onTime: expected.onTime,
        lastEventAt: expected.lastEventAt,
        terminal: expected.terminal,
      });
      for (const [column, value] of [['transit_days', expected.transitDays], ['customs_hold_hours', expected.customsHoldHours], ['export_customs_hold_hours', expected.exportCustomsHoldHours]] as const) {
        if (value === null) expect(row[column]).toBeNull();
        else expect(row[column] as number).toBeCloseTo(value, 9);
      }
      shipment.legs.forEach((leg, index) => {
        const expectedLeg = legFacts(oracle, shipment, index, asOf);
        const legRow = byLeg.get(`${leg.carrier}|${leg.trackingNumber}`)!;
        expect({
          legStartAt: ms(legRow.leg_start_at as Date | null),
          legEndAt: ms(legRow.leg_end_at as Date | null),
          firstAttemptAt: ms(legRow.first_attempt_at as Date | null),
          firstAttemptDelivered: legRow.first_attempt_delivered,
          onTime: legRow.on_time,
          customsReleasedAt: ms(legRow.customs_released_at as Date | null),
        }).toEqual({
          legStartAt: expectedLeg.legStartAt,
          legEndAt: expectedLeg.legEndAt,
          firstAttemptAt: expectedLeg.firstAttemptAt,
          firstAttemptDelivered: expectedLeg.firstAttemptDelivered,
          onTime: expectedLeg.onTime,
          customsReleasedAt: expectedLeg.customsReleasedAt,
        });
        if (expectedLeg.legTransitDays === null) expect(legRow.leg_transit_days).toBeNull();
        else expect(legRow.leg_transit_days as number).toBeCloseTo(expectedLeg.legTransitDays, 9);
      });
    });
  });
});
