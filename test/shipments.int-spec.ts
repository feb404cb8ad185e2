import { LanewatchApp } from './support/lanewatch-app';

describe('shipments, legs and keys', () => {
  let app: LanewatchApp;
  let cainiao: string;
  let correios: string;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    cainiao = (await app.createCarrier('cainiao', 'platform')).apiKey;
    correios = (await app.createCarrier('correios')).apiKey;
    await app.createCarrier('yunexpress', 'linehaul');
  });
  afterAll(() => app?.stop());

  it('registers a shipment idempotently and keeps every attribute change in its history', async () => {
    const body = { carrier: 'cainiao', trackingNumber: 'LP1000CN', origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-11-30T23:59:59-03:00' };
    const first = await app.request('POST', '/api/v1/shipments', { token: cainiao, body });
    expect(first.status).toBe(201);
    const again = await app.request('POST', '/api/v1/shipments', { token: cainiao, body });
    expect(again.status).toBe(200);
    expect((again.body.shipment as { id: string }).id).toBe((first.body.shipment as { id: string }).id);
    const changed = await app.request('POST', '/api/v1/shipments', { body: { ...body, serviceLevel: 'premium' } });
    expect(changed.body.shipment).toMatchObject({ serviceLevel: 'premium', corridor: 'CN-BR', promisedBy: '2026-12-01T02:59:59.000Z' });
    // Each sender's claims are kept once per value (the carrier's, then the admin's registration), in
    // event-time order, instants in UTC; the carrier's repeated registration only moved its claims' time.
    expect((changed.body.attributeHistory as { field: string; value: string }[]).map((c) => [c.field, c.value])).toEqual([
      ['destination', 'BR'],
      ['origin', 'CN'],
      ['promisedBy', '2026-12-01T02:59:59.000Z'],
      ['serviceLevel', 'standard'],
      ['destination', 'BR'],
      ['origin', 'CN'],
      ['promisedBy', '2026-12-01T02:59:59.000Z'],
      ['serviceLevel', 'premium'],
    ]);
    const history = await app.sql<{ n: string }>('SELECT count(*) AS n FROM attribute_claims');
    expect(Number(history[0].n)).toBe(8);
    const [{ n }] = await app.sql<{ n: string }>('SELECT count(*) AS n FROM shipments');
    expect(Number(n)).toBe(1);
  });

  it('refuses a shipment for another carrier on a carrier key and names invalid fields', async () => {
    const other = await app.request('POST', '/api/v1/shipments', { token: correios, body: { carrier: 'cainiao', trackingNumber: 'LP1001CN' } });
    expect(other.status).toBe(403);
    const invalid = await app.request('POST', '/api/v1/shipments', { body: { carrier: 'cainiao', trackingNumber: 'x', origin: 'Mars', promisedBy: '2026-11-30' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([
      'trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -',
      "origin 'Mars' is not an ISO 3166-1 alpha-2 country code",
      'promisedBy must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00',
    ]);
  });

  it('stitches a three-leg chain whose last leg reported first, reachable from any leg', async () => {
    await app.request('POST', '/api/v1/events', {
      token: correios,
      body: { events: [{ trackingNumber: 'NL2000BR', milestone: 'DELIVERED', occurredAt: '2026-11-12T10:00:00-03:00' }] },
    });
    await app.request('POST', '/api/v1/events', {
      body: {
        events: [
          { carrier: 'yunexpress', trackingNumber: 'YT2000', milestone: 'DEPARTED_ORIGIN', occurredAt: '2026-11-03T10:00:00+08:00' },
          { carrier: 'yunexpress', trackingNumber: 'YT2000', milestone: 'HANDED_OVER', occurredAt: '2026-11-08T10:00:00-03:00', handover: { carrier: 'correios', trackingNumber: 'NL2000BR' } },
        ],
      },
    });
    await app.waitForIdle();
    expect((await app.status()).unlinkedEvents).toBe(3);
    await app.request('POST', '/api/v1/events', {
      token: cainiao,
      body: {
        events: [
          { trackingNumber: 'LP2000CN', milestone: 'ACCEPTED', occurredAt: '2026-11-01T10:00:00+08:00', shipment: { origin: 'CN', destination: 'BR' } },
          { trackingNumber: 'LP2000CN', milestone: 'HANDED_OVER', occurredAt: '2026-11-02T10:00:00+08:00', handover: { carrier: 'yunexpress', trackingNumber: 'YT2000' } },
        ],
      },
    });
    await app.waitForIdle();
    expect((await app.status()).unlinkedEvents).toBe(0);
    for (const [carrier, trackingNumber] of [['cainiao', 'LP2000CN'], ['yunexpress', 'YT2000'], ['correios', 'NL2000BR']]) {
      const journey = await app.request('GET', `/api/v1/shipments/${carrier}/${trackingNumber}`);
      expect((journey.body.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['cainiao', 'yunexpress', 'correios']);
      expect((journey.body.events as unknown[]).length).toBe(5);
      expect(journey.body.facts).toMatchObject({ firstScanAt: '2026-11-01T02:00:00.000Z', deliveredAt: '2026-11-12T13:00:00.000Z' });
    }
  });

  it('gives a leg claimed by two shipments to the earlier hand-over and reports the conflict', async () => {
    const shipmentWith = (trackingNumber: string, handoverAt: string) => [
      { trackingNumber, milestone: 'ACCEPTED', occurredAt: '2026-11-01T00:00:00Z', shipment: { origin: 'CN', destination: 'BR' } },
      { trackingNumber, milestone: 'HANDED_OVER', occurredAt: handoverAt, handover: { carrier: 'correios', trackingNumber: 'NL3000BR' } },
    ];
    await app.request('POST', '/api/v1/events', { token: cainiao, body: { events: shipmentWith('LP3001CN', '2026-11-05T00:00:00Z') } });
    await app.request('POST', '/api/v1/events', { token: cainiao, body: { events: shipmentWith('LP3000CN', '2026-11-04T00:00:00Z') } });
    await app.waitForIdle();
    const journey = await app.request('GET', '/api/v1/shipments/correios/NL3000BR');
    expect((journey.body.legs as { trackingNumber: string }[]).map((leg) => leg.trackingNumber)).toEqual(['LP3000CN', 'NL3000BR']);
    expect(journey.body.dataQuality).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'leg_claimed_twice', leg: { carrier: 'correios', trackingNumber: 'NL3000BR' } })]),
    );
    const loser = await app.request('GET', '/api/v1/shipments/cainiao/LP3001CN');
    expect((loser.body.legs as unknown[]).length).toBe(1);
  });

  it('shows an unlinked leg on its own with a data-quality flag, and 404 for an unknown one', async () => {
    await app.request('POST', '/api/v1/events', {
      token: correios,
      body: { events: [{ trackingNumber: 'NL4000BR', milestone: 'DESTINATION_FACILITY', occurredAt: '2026-11-12T10:00:00-03:00' }] },
    });
    await app.waitForIdle();
    const leg = await app.request('GET', '/api/v1/shipments/correios/NL4000BR');
    expect(leg.status).toBe(200);
    expect(leg.body.shipment).toBeNull();
    expect(leg.body.dataQuality).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'unlinked_leg' })]));
    expect((await app.request('GET', '/api/v1/shipments/correios/NOPE0000')).status).toBe(404);
  });

  it('stores keys hashed, keeps a rotated key valid for the grace period, and revokes at once', async () => {
    const { apiKey } = await app.createCarrier('postnl');
    const stored = await app.sql<{ key_hash: string }>(`SELECT key_hash FROM carrier_keys k JOIN carriers c ON c.id = k.carrier_id WHERE c.code = 'postnl'`);
    expect(stored).toHaveLength(1);
    expect(stored[0].key_hash).not.toContain(apiKey);
    expect(JSON.stringify(await app.sql('SELECT * FROM carriers'))).not.toContain('lws_');

    const rotated = await app.request('POST', '/api/v1/carriers/postnl/keys/rotate');
    expect(rotated.status).toBe(201);
    const newKey = rotated.body.apiKey as string;
    const probe = (token: string) => app.request('GET', '/api/v1/carriers/postnl/data-quality', { token });
    expect((await probe(apiKey)).status).toBe(200);
    expect((await probe(newKey)).status).toBe(200);

    const carriers = await app.request('GET', '/api/v1/carriers');
    const keys = (carriers.body as unknown as { code: string; keys: { id: string; expiresAt: string | null }[] }[]).find((c) => c.code === 'postnl')!.keys;
    const old = keys.find((key) => key.expiresAt !== null)!;
    expect((await app.request('POST', `/api/v1/carriers/postnl/keys/${old.id}/revoke`)).status).toBe(200);
    expect((await probe(apiKey)).status).toBe(401);
    expect((await probe(newKey)).status).toBe(200);
  });

  it('keeps admin endpoints closed to carrier keys', async () => {
    expect((await app.request('GET', '/api/v1/ingest/status', { token: correios })).status).toBe(403);
    expect((await app.request('POST', '/api/v1/carriers', { token: correios, body: { code: 'x1', name: 'x', kind: 'postal' } })).status).toBe(403);
    // A carrier key reads journeys only from its own legs (events.md §9; the isolation suite covers what it sees).
    expect((await app.request('GET', '/api/v1/shipments/cainiao/LP2000CN', { token: correios })).status).toBe(403);
    expect((await app.request('POST', '/api/v1/carriers', { body: { code: 'cainiao', name: 'again', kind: 'postal' } })).status).toBe(409);
  });
});
