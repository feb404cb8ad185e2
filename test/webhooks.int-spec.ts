import { signAfterShip, signEasyPost, signSeventeenTrack } from '@lanewatch/formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

// formats.md over HTTP: signed formats verified on the raw bytes (401 stores nothing), keyed formats
// with the carrier key, every format ending in the same inbox, queue and dedup as POST /events.
const fixture = (path: string) => readFileSync(join(__dirname, '..', 'libs/formats/src', path), 'utf8');

describe('carrier format webhooks', () => {
  let app: LanewatchApp;
  let secrets: Record<string, string>;
  let keys: Record<string, string>;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    secrets = {};
    keys = {};
    for (const [code, kind] of [['correios', 'postal'], ['usps', 'postal'], ['chinapost', 'postal'], ['cainiao', 'platform'], ['dhlecommerce', 'courier']]) {
      const created = await app.createCarrier(code, kind);
      secrets[code] = created.webhookSecret;
      keys[code] = created.apiKey;
    }
  });
  afterAll(() => app?.stop());

  const send = async (path: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${app.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  };
  const batches = async () => Number((await app.sql<{ count: string }>(`SELECT count(*) AS count FROM ingest_batches WHERE kind = 'events'`))[0].count);
  const journey = async (carrier: string, trackingNumber: string) => (await app.request('GET', `/api/v1/shipments/${carrier}/${trackingNumber}`)).body;

  const afterShipBody = (ts = Math.floor(Date.now() / 1000)) => {
    const payload = JSON.parse(fixture('aftership/fixtures/tracking-update.json'));
    payload.ts = ts;
    return JSON.stringify(payload);
  };

  describe('signatures', () => {
    it('refuses a wrong secret, a tampered body, a stale timestamp and a missing header with 401, storing nothing', async () => {
      const before = await batches();
      const body = afterShipBody();
      const path = '/api/v1/webhooks/aftership/chinapost';
      const wrong = await send(path, body, { 'aftership-hmac-sha256': signAfterShip(body, secrets.correios) });
      const tampered = await send(path, body.replace('Shenzhen', 'Shenzhe1'), { 'aftership-hmac-sha256': signAfterShip(body, secrets.chinapost) });
      const staleBody = afterShipBody(Math.floor(Date.now() / 1000) - 3600);
      const stale = await send(path, staleBody, { 'aftership-hmac-sha256': signAfterShip(staleBody, secrets.chinapost) });
      const missing = await send(path, body, {});
      const easyPost = await send('/api/v1/webhooks/easypost/dhlecommerce', body, {});
      const seventeen = await send('/api/v1/webhooks/17track/chinapost', body, { sign: signSeventeenTrack(body, 'not-the-secret') });
      expect([wrong.status, tampered.status, stale.status, missing.status, easyPost.status, seventeen.status]).toEqual([401, 401, 401, 401, 401, 401]);
      expect(wrong.body.message).toBe('the aftership-hmac-sha256 signature does not match the body');
      expect(stale.body.message).toMatch(/^ts is 36\d\d s away from now \(at most 300 s\)/);
      expect(missing.body.message).toBe('the aftership-hmac-sha256 header is missing');
      expect(easyPost.body.message).toBe('the x-hmac-signature header is missing');
      expect(await batches()).toBe(before);
    });

    it('accepts a valid AfterShip delivery, loads the built-in code map as the carrier default, and ignores a replay', async () => {
      const body = afterShipBody();
      const headers = { 'aftership-hmac-sha256': signAfterShip(body, secrets.chinapost) };
      const first = await send('/api/v1/webhooks/aftership/chinapost', body, headers);
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ accepted: 10, rejected: [], warnings: [] });
      const replay = await send('/api/v1/webhooks/aftership/chinapost', body, headers);
      expect(replay.status).toBe(202);
      expect(replay.body).toMatchObject({ batchId: null, accepted: 0, replayed: true });
      await app.waitForIdle();

      const view = await journey('chinapost', 'LP005123456789CN');
      const events = view.events as { milestone: string; code: string; milestoneSource: string; raw: { subtag: string }; subtype: string | null }[];
      expect(events.map((event) => [event.code, event.milestone])).toEqual([
        ['InfoReceived_001', 'INFO_RECEIVED'],
        ['InTransit_002', 'ACCEPTED'],
        ['InTransit_003', 'ORIGIN_FACILITY'],
        ['InTransit_006', 'EXPORT_CUSTOMS_STARTED'],
        ['InTransit_007', 'ORIGIN_FACILITY'],
        ['InTransit_004', 'ARRIVED_DESTINATION'],
        ['InTransit_005', 'IMPORT_CUSTOMS_RELEASED'],
        ['InTransit_003', 'DESTINATION_FACILITY'],
        ['OutForDelivery_001', 'OUT_FOR_DELIVERY'],
        ['Delivered_002', 'DELIVERED'],
      ]);
      expect(events[9].raw.subtag).toBe('Delivered_002');
      expect(events[9].subtype).toBe('pickup_point');
      expect(events[1].milestoneSource).toBe('code_map');
      expect(view.shipment).toMatchObject({ origin: 'CN', destination: 'US' });

      const map = await app.request('GET', '/api/v1/carriers/chinapost/code-map');
      expect(map.body.mappings).toMatchObject({ InTransit_002: 'ACCEPTED', Delivered_002: 'DELIVERED' });
    });

    it("lets the carrier's own map override a built-in default, re-mapping stored events", async () => {
      const map = (await app.request('GET', '/api/v1/carriers/chinapost/code-map')).body.mappings as Record<string, string>;
      const put = await app.request('PUT', '/api/v1/carriers/chinapost/code-map', { body: { mappings: { ...map, InTransit_002: 'ORIGIN_FACILITY' } } });
      expect(put.status).toBe(200);
      await app.waitForIdle();
      const events = (await journey('chinapost', 'LP005123456789CN')).events as { code: string; milestone: string }[];
      expect(events.find((event) => event.code === 'InTransit_002')?.milestone).toBe('ORIGIN_FACILITY');
      // A later delivery in the same format does not load the defaults again over the carrier's edit.
      const body = afterShipBody();
      expect((await send('/api/v1/webhooks/aftership/chinapost', body, { 'aftership-hmac-sha256': signAfterShip(body, secrets.chinapost) })).status).toBe(202);
      const after = (await app.request('GET', '/api/v1/carriers/chinapost/code-map')).body.mappings as Record<string, string>;
      expect(after.InTransit_002).toBe('ORIGIN_FACILITY');
    });
  });

  it('17TRACK: signed delivery stored, local_number links the Correios leg', async () => {
    const body = fixture('seventeen-track/fixtures/tracking-updated.json');
    const response = await send('/api/v1/webhooks/17track/chinapost', body, { sign: signSeventeenTrack(body, secrets.chinapost) });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 10, rejected: [], warnings: [] });
    await app.waitForIdle();
    const view = await journey('correios', 'NL123456785BR');
    expect((view.legs as { carrier: string; trackingNumber: string }[]).map((leg) => [leg.carrier, leg.trackingNumber])).toEqual([
      ['chinapost', 'RR123456785CN'],
      ['correios', 'NL123456785BR'],
    ]);
    expect(view.shipment).toMatchObject({ origin: 'CN', destination: 'BR', carrierEstimate: '2026-11-15T02:59:59.000Z' });
  });

  it('EasyPost: signed tracker.updated stored with status_detail first and the USPS hand-over', async () => {
    const payload = JSON.parse(fixture('easypost/fixtures/tracker-updated.json'));
    payload.updated_at = new Date().toISOString();
    const body = JSON.stringify(payload);
    const response = await send('/api/v1/webhooks/easypost/dhlecommerce', body, { 'x-hmac-signature': signEasyPost(body, secrets.dhlecommerce) });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 9, rejected: [], warnings: [] });
    await app.waitForIdle();
    const view = await journey('dhlecommerce', 'GM605554122600006123');
    const events = view.events as { code: string; milestone: string; handover: unknown }[];
    expect(events.map((event) => event.milestone)).toEqual([
      'INFO_RECEIVED',
      'ORIGIN_FACILITY',
      'DEPARTED_ORIGIN',
      'ARRIVED_DESTINATION',
      'IMPORT_CUSTOMS_HELD',
      'HANDED_OVER',
      'DESTINATION_FACILITY',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
    expect(events[5].handover).toEqual({ carrier: 'usps', trackingNumber: '9261290100130435082507' });
  });

  it('UPU: GTT JSON and CSV with the carrier key; DLV is the carrierEstimate, never an event', async () => {
    const json = await app.request('POST', '/api/v1/webhooks/upu/correios', { token: keys.correios, rawBody: fixture('upu/fixtures/gtt-events.json') });
    expect(json.status).toBe(202);
    expect(json.body).toMatchObject({ accepted: 12, rejected: [] });
    const csvResponse = await fetch(`${app.apiUrl}/api/v1/webhooks/upu/correios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.correios}`, 'content-type': 'text/csv' },
      body: fixture('upu/fixtures/emsevt-events.csv'),
    });
    expect(csvResponse.status).toBe(202);
    expect(await csvResponse.json()).toMatchObject({ accepted: 7, rejected: [] });
    const otherCarrier = await app.request('POST', '/api/v1/webhooks/upu/usps', { token: keys.correios, rawBody: fixture('upu/fixtures/gtt-events.json') });
    expect(otherCarrier.status).toBe(401);
    const noKey = await app.request('POST', '/api/v1/webhooks/upu/correios', { token: null, rawBody: fixture('upu/fixtures/gtt-events.json') });
    expect(noKey.status).toBe(401);
    await app.waitForIdle();

    const view = await journey('correios', 'LP005123456789CN');
    const codes = (view.events as { code: string; milestone: string }[]).map((event) => [event.code, event.milestone]);
    expect(codes).toContainEqual(['EMF', 'DESTINATION_FACILITY']);
    expect(codes.some(([code]) => code === 'DLV')).toBe(false);
    expect(view.shipment).toMatchObject({ carrierEstimate: '2026-11-13T02:59:59.000Z' });
    const csvView = await journey('correios', 'CP123456785DE');
    expect((csvView.events as { occurredAt: string; code: string }[])[0]).toMatchObject({ code: 'EMA', occurredAt: '2026-11-01T08:12:00.000Z' });
  });

  it('Cainiao: GTMS_STA_SIGNED is a pickup-station arrival; GTMS_ACCEPT links the Correios number', async () => {
    const response = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: keys.cainiao, rawBody: fixture('cainiao/fixtures/tracking-detail.json') });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 13, rejected: [], warnings: [] });
    await app.waitForIdle();
    const view = await journey('correios', 'NL123456789BR');
    expect((view.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['cainiao', 'correios']);
    const station = (view.events as { code: string; milestone: string }[]).find((event) => event.code === 'GTMS_STA_SIGNED');
    expect(station?.milestone).toBe('AVAILABLE_FOR_PICKUP');
    expect((view.facts as { deliveredAt?: string | null }).deliveredAt ?? null).toBeNull();
  });

  it('re-sending a format payload changes nothing (same dedup as the canonical API)', async () => {
    const before = await app.status();
    const again = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: keys.cainiao, rawBody: fixture('cainiao/fixtures/tracking-detail.json') });
    expect(again.status).toBe(202);
    await app.waitForIdle();
    expect((await app.status()).eventsStored).toBe(before.eventsStored);
  });

  it('answers 400 naming the expected shape, and 404 for an unknown format', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const wrongShape = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: keys.cainiao, rawBody: body });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.message).toBe('body must be a Cainiao tracking detail object with a "module" array');
    expect((await send('/api/v1/webhooks/dhl/usps', body, {})).status).toBe(404);
  });
});
