import { LanewatchApp } from './support/lanewatch-app';

// Issue 15 point 9: a parcel is found by its number alone, in any case, and a carrier key still finds
// only its own legs (events.md §9).
describe('shipment lookup by number', () => {
  let app: LanewatchApp;
  let laposte: string;
  let correios: string;

  type Match = { carrier: string; trackingNumber: string; linked: boolean; events: number };
  const legsOf = (body: Record<string, unknown>) => (body.legs as Match[]).map((leg) => `${leg.carrier} ${leg.trackingNumber}`);

  beforeAll(async () => {
    app = await LanewatchApp.start();
    laposte = (await app.createCarrier('laposte')).apiKey;
    correios = (await app.createCarrier('correios')).apiKey;
    await app.request('POST', '/api/v1/events', {
      body: {
        events: [
          { carrier: 'laposte', trackingNumber: 'LP7000FR', milestone: 'ACCEPTED', occurredAt: '2026-11-01T10:00:00+01:00', shipment: { origin: 'FR', destination: 'BR' } },
          { carrier: 'laposte', trackingNumber: 'SAME0001', milestone: 'ACCEPTED', occurredAt: '2026-11-01T10:00:00+01:00' },
          { carrier: 'correios', trackingNumber: 'same0001', milestone: 'DELIVERY_FAILED', occurredAt: '2026-11-05T10:00:00-03:00', reason: 'RECIPIENT_ABSENT' },
          { carrier: 'correios', trackingNumber: 'CASE0002', milestone: 'ACCEPTED', occurredAt: '2026-11-05T10:00:00-03:00' },
          { carrier: 'correios', trackingNumber: 'case0002', milestone: 'ACCEPTED', occurredAt: '2026-11-05T11:00:00-03:00' },
        ],
      },
    });
    await app.waitForIdle();
  });
  afterAll(() => app?.stop());

  it('finds a leg by its number alone, typed in lower case, and opens it with the carrier in upper case', async () => {
    const found = await app.request('GET', '/api/v1/shipments?trackingNumber=%20lp7000fr%20');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ trackingNumber: 'lp7000fr', legs: [{ carrier: 'laposte', trackingNumber: 'LP7000FR', linked: true, events: 1 }] });
    const journey = await app.request('GET', '/api/v1/shipments/LAPOSTE/lp7000fr');
    expect(journey.status).toBe(200);
    expect((journey.body.legs as { carrier: string; trackingNumber: string }[]).map((leg) => leg.trackingNumber)).toEqual(['LP7000FR']);
  });

  it('lists every carrier’s leg when two carriers use the number, exact spelling first', async () => {
    const found = await app.request('GET', '/api/v1/shipments?trackingNumber=same0001');
    expect(legsOf(found.body)).toEqual(['correios same0001', 'laposte SAME0001']);
    const narrowed = await app.request('GET', '/api/v1/shipments?trackingNumber=same0001&carrier=LaPoste');
    expect(legsOf(narrowed.body)).toEqual(['laposte SAME0001']);
  });

  it('opens the exact spelling when one carrier has two, and answers 409 naming both when neither is exact', async () => {
    const exact = await app.request('GET', '/api/v1/shipments/correios/case0002');
    expect(exact.status).toBe(200);
    expect((exact.body.legs as { trackingNumber: string }[]).map((leg) => leg.trackingNumber)).toEqual(['case0002']);
    const ambiguous = await app.request('GET', '/api/v1/shipments/correios/Case0002');
    expect(ambiguous.status).toBe(409);
    expect(JSON.stringify(ambiguous.body)).toContain('CASE0002, case0002');
  });

  it('never shows a carrier key another carrier’s leg, whatever the case of the number or the carrier', async () => {
    const own = await app.request('GET', '/api/v1/shipments?trackingNumber=SAME0001', { token: laposte });
    expect(own.status).toBe(200);
    expect(legsOf(own.body)).toEqual(['laposte SAME0001']);
    const mine = await app.request('GET', '/api/v1/shipments?trackingNumber=lp7000fr', { token: correios });
    expect(mine.body).toEqual({ trackingNumber: 'lp7000fr', legs: [] });
    const named = await app.request('GET', '/api/v1/shipments?trackingNumber=SAME0001&carrier=CORREIOS', { token: laposte });
    expect(named.status).toBe(403);
    const journey = await app.request('GET', '/api/v1/shipments/LAPOSTE/same0001', { token: correios });
    expect(journey.status).toBe(403);
    const ownJourney = await app.request('GET', '/api/v1/shipments/Correios/SAME0001', { token: correios });
    expect(ownJourney.status).toBe(200);
    expect((ownJourney.body.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['correios']);
  });

  it('answers 404 for an unknown number and 400 naming the field for a missing or malformed one', async () => {
    expect((await app.request('GET', '/api/v1/shipments?trackingNumber=NOPE9999')).body).toEqual({ trackingNumber: 'NOPE9999', legs: [] });
    expect((await app.request('GET', '/api/v1/shipments/laposte/nope9999')).status).toBe(404);
    const missing = await app.request('GET', '/api/v1/shipments');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(['trackingNumber is required (query parameter)']);
    const malformed = await app.request('GET', '/api/v1/shipments?trackingNumber=a%20b&carrier=x');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      'trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -',
      'carrier must be a carrier code: 2-40 characters of a-z 0-9 _ -',
    ]);
  });
});
