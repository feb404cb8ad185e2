import { randomUUID } from 'node:crypto';
import { LanewatchApp } from './support/lanewatch-app';

// Issue 16, item 5: the API resolves every carrier code of a batch (the event's, a hand-over's, an
// estimate's) to its id once and stores the ids; the worker stores by them. A batch the previous
// version left pending (codes only) is still processed the same, and a carrier deleted between the
// accept and the processing still sets its events aside.
describe('carrier ids resolved once at the API', () => {
  let app: LanewatchApp;
  let correiosKey: string;
  let ids: Record<string, number>;

  beforeAll(async () => {
    // No worker until every batch is committed: the payloads are read (and the old one written) while pending.
    app = await LanewatchApp.start({ worker: false });
    await app.createCarrier('chinapost');
    correiosKey = (await app.createCarrier('correios')).apiKey;
    await app.createCarrier('gonepost');
    const carriers = await app.sql<{ id: number; code: string }>(`SELECT id, code FROM carriers`);
    ids = Object.fromEntries(carriers.map((carrier) => [carrier.code, Number(carrier.id)]));
  });
  afterAll(() => app?.stop());

  // One journey: a Chinapost leg handed over to Correios (admin post, two carriers), and Correios's
  // estimate from a UPU DLV (carrier key).
  const postJourney = async (tag: string) => {
    const [from, to] = [`IDS${tag}0001CN`, `IDS${tag}0001BR`];
    const canonical = await app.request('POST', '/api/v1/events', {
      body: {
        events: [
          { carrier: 'chinapost', trackingNumber: from, milestone: 'ACCEPTED', occurredAt: '2026-11-01T02:00:00Z', location: { country: 'CN' }, shipment: { origin: 'CN', destination: 'BR' } },
          {
            carrier: 'chinapost',
            trackingNumber: from,
            milestone: 'HANDED_OVER',
            occurredAt: '2026-11-04T02:00:00Z',
            location: { country: 'BR' },
            handover: { carrier: 'correios', trackingNumber: to },
          },
          { carrier: 'correios', trackingNumber: to, milestone: 'DELIVERED', occurredAt: '2026-11-09T15:00:00Z', location: { country: 'BR' } },
        ],
      },
    });
    expect(canonical.status).toBe(202);
    expect(canonical.body).toMatchObject({ accepted: 3, rejected: [] });
    const gtt = {
      Items: [
        {
          ItemId: to,
          OrigCountryCd: 'CN',
          DestCountryCd: 'BR',
          Events: [
            { EventCd: 'EMD', EventDT: '/Date(1794200400000-0300)/', OfficeCd: 'BRCWBA', OfficeName: 'CEINT CURITIBA' },
            { EventCd: 'DLV', EventDT: '/Date(1794538799000-0300)/', OfficeCd: 'BRCWBA', OfficeName: 'CEINT CURITIBA' },
          ],
        },
      ],
    };
    const upu = await app.request('POST', '/api/v1/webhooks/upu/correios', { token: correiosKey, rawBody: JSON.stringify(gtt) });
    expect(upu.status).toBe(202);
    expect(upu.body).toMatchObject({ accepted: 1, rejected: [] });
    return { batches: [canonical.body.batchId as string, upu.body.batchId as string], from, to };
  };

  const payloadOf = async (batchId: string) =>
    (await app.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM ingest_batches WHERE id = $1`, [batchId]))[0].payload;

  /** What the previous version stored: the same payload without any carrier id (codes only). */
  const codesOnly = (payload: unknown): unknown =>
    JSON.parse(JSON.stringify(payload, (key, value: unknown) => (key === 'carrierId' ? undefined : value)));

  /** Writes a pending batch as the previous version did, with what `like` has but its payload; the sweeper enqueues it. */
  const insertOldBatch = async (like: string, payload: unknown, eventCount: number) => {
    const id = randomUUID();
    await app.sql(
      `INSERT INTO ingest_batches (id, kind, status, carrier_id, source, received_at, payload, event_count, request_duplicates, rejected_count)
       SELECT $1, kind, status, carrier_id, source, received_at, $3::jsonb, $4, 0, 0 FROM ingest_batches WHERE id = $2`,
      [id, like, JSON.stringify(payload), eventCount],
    );
    return id;
  };

  // A journey as its reader sees it, without the scenario's tracking numbers, row and batch ids and the times of the requests.
  const journeyOf = async (to: string, tag: string) => {
    const view = await app.request('GET', `/api/v1/shipments/correios/${to}`);
    expect(view.status).toBe(200);
    const kept = JSON.stringify(view.body, (key, value: unknown) => (/^(id|.+Id|identity|source|asOf|receivedAt|createdAt|updatedAt)$/.test(key) ? undefined : value));
    return JSON.parse(kept.replaceAll(`IDS${tag}`, 'IDS'));
  };

  it('stores ids in the payload, processes a codes-only batch of the previous version the same, and dead-letters a deleted carrier as before', async () => {
    const current = await postJourney('NEW');
    const old = await postJourney('OLD');
    const gone = await app.request('POST', '/api/v1/events', {
      body: {
        events: [
          { carrier: 'chinapost', trackingNumber: 'IDSGONE001CN', milestone: 'ACCEPTED', occurredAt: '2026-11-01T02:00:00Z', location: { country: 'CN' } },
          { carrier: 'gonepost', trackingNumber: 'IDSGONE001XX', milestone: 'ACCEPTED', occurredAt: '2026-11-01T03:00:00Z', location: { country: 'CN' } },
          {
            carrier: 'chinapost',
            trackingNumber: 'IDSGONE001CN',
            milestone: 'HANDED_OVER',
            occurredAt: '2026-11-03T02:00:00Z',
            location: { country: 'BR' },
            handover: { carrier: 'gonepost', trackingNumber: 'IDSGONE002XX' },
          },
        ],
      },
    });
    expect(gone.status).toBe(202);
    expect(gone.body).toMatchObject({ accepted: 3, rejected: [] });

    // (a) The stored payloads carry each carrier's id beside its code: events, hand-overs, estimates.
    const [events, estimates] = await Promise.all(current.batches.map(payloadOf));
    expect(events.events).toEqual([
      expect.objectContaining({ carrier: 'chinapost', carrierId: ids.chinapost, trackingNumber: current.from, handover: null }),
      expect.objectContaining({
        carrier: 'chinapost',
        carrierId: ids.chinapost,
        handover: { carrier: 'correios', carrierId: ids.correios, trackingNumber: current.to },
      }),
      expect.objectContaining({ carrier: 'correios', carrierId: ids.correios, trackingNumber: current.to }),
    ]);
    expect(estimates.estimates).toEqual([
      { carrier: 'correios', carrierId: ids.correios, trackingNumber: current.to, carrierEstimate: '2026-11-12T23:59:59-03:00', observedAt: expect.any(String) },
    ]);

    // (b) The other journey's batches as the previous version wrote them: codes only, pending.
    const oldPayloads = await Promise.all(old.batches.map(payloadOf));
    const oldBatches: string[] = [];
    for (const [index, payload] of oldPayloads.entries()) {
      const legacy = codesOnly(payload);
      expect(JSON.stringify(legacy)).not.toContain('carrierId');
      oldBatches.push(await insertOldBatch(old.batches[index], legacy, (payload.events as unknown[]).length));
    }
    await app.sql(`DELETE FROM ingest_batches WHERE id = ANY($1::uuid[])`, [old.batches]);
    // And a codes-only batch naming the carrier about to be deleted.
    const oldGone = await insertOldBatch(
      gone.body.batchId as string,
      { events: [{ ...((await payloadOf(gone.body.batchId as string)).events as Record<string, unknown>[])[1], carrierId: undefined, trackingNumber: 'IDSGONE003XX' }] },
      1,
    );

    // (c) A carrier deleted between the accept and the processing.
    await app.sql(`DELETE FROM carriers WHERE code = 'gonepost'`);

    await app.startWorker();
    const status = await app.waitForIdle();
    expect(status).toMatchObject({ failedBatches: 0, deadLetters: 3 });
    const processed = await app.sql<{ id: string; stored_count: number; duplicate_count: number }>(
      `SELECT id, stored_count, duplicate_count FROM ingest_batches WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [[...current.batches, ...oldBatches, gone.body.batchId, oldGone]],
    );
    expect(processed.map((row) => [row.stored_count, row.duplicate_count])).toEqual([
      [3, 0],
      [1, 0],
      [3, 0],
      [1, 0],
      [1, 0],
      [0, 0],
    ]);

    // The facts come out right, and the same for the codes-only batches.
    const journey = await journeyOf(current.to, 'NEW');
    expect(journey.legs.map((leg: { carrier: string; trackingNumber: string }) => [leg.carrier, leg.trackingNumber])).toEqual([
      ['chinapost', 'IDS0001CN'],
      ['correios', 'IDS0001BR'],
    ]);
    expect(journey.shipment).toMatchObject({ origin: 'CN', destination: 'BR', carrierEstimate: '2026-11-13T02:59:59.000Z' });
    expect(journey.facts).toMatchObject({ firstScanAt: '2026-11-01T02:00:00.000Z', deliveredAt: '2026-11-09T15:00:00.000Z' });
    const stored = await app.sql<{ tracking_number: string; carrier_id: number; handover_carrier_id: number | null }>(
      `SELECT tracking_number, carrier_id, handover_carrier_id FROM events WHERE tracking_number LIKE 'IDS%' ORDER BY tracking_number, occurred_at`,
    );
    expect(stored.map((row) => [row.tracking_number, Number(row.carrier_id), row.handover_carrier_id === null ? null : Number(row.handover_carrier_id)])).toEqual([
      ['IDSGONE001CN', ids.chinapost, null],
      ['IDSNEW0001BR', ids.correios, null],
      ['IDSNEW0001BR', ids.correios, null],
      ['IDSNEW0001CN', ids.chinapost, null],
      ['IDSNEW0001CN', ids.chinapost, ids.correios],
      ['IDSOLD0001BR', ids.correios, null],
      ['IDSOLD0001BR', ids.correios, null],
      ['IDSOLD0001CN', ids.chinapost, null],
      ['IDSOLD0001CN', ids.chinapost, ids.correios],
    ]);
    expect(await journeyOf(old.to, 'OLD')).toEqual(journey);

    // The deleted carrier's events (its own, a hand-over to it, a codes-only one) set aside as before;
    // the rest of their batch stored. A letter belongs to the event's carrier while it is registered.
    const letters = await app.request('GET', '/api/v1/ingest/dead-letters');
    const byPlace = (letters.body.deadLetters as { batchId: string; position: number }[]).sort((a, b) =>
      a.batchId === b.batchId ? a.position - b.position : a.batchId === gone.body.batchId ? -1 : 1,
    );
    expect(byPlace).toEqual([
      expect.objectContaining({
        batchId: gone.body.batchId,
        position: 1,
        carrier: null,
        trackingNumber: 'IDSGONE001XX',
        error: `carrier 'gonepost' of batch ${gone.body.batchId as string} no longer exists`,
        sqlstate: null,
      }),
      expect.objectContaining({
        batchId: gone.body.batchId,
        position: 2,
        carrier: 'chinapost',
        trackingNumber: 'IDSGONE001CN',
        error: `carrier 'gonepost' of batch ${gone.body.batchId as string} no longer exists`,
      }),
      expect.objectContaining({
        batchId: oldGone,
        position: 0,
        carrier: null,
        trackingNumber: 'IDSGONE003XX',
        error: `carrier 'gonepost' of batch ${oldGone} no longer exists`,
      }),
    ]);
  });
});
