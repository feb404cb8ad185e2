import { signEasyPost } from '@lanewatch/formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

// events.md §3 and §9: attributes follow the latest event time, a carrier reads only its own legs, a
// contested leg is a conflict shown on both shipments, and an administrator's pin settles it.
describe('trust between carriers', () => {
  let app: LanewatchApp;
  const keys: Record<string, string> = {};
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    app = await LanewatchApp.start();
    for (const code of ['victim', 'hostile', 'courier', 'dhlecommerce']) {
      const created = await app.createCarrier(code);
      keys[code] = created.apiKey;
      secrets[code] = created.webhookSecret;
    }
  });
  afterAll(() => app?.stop());

  const post = async (carrier: string, events: unknown[]) => {
    const response = await app.request('POST', '/api/v1/events', { token: keys[carrier], body: { events } });
    expect(response.status).toBe(202);
    expect(response.body.rejected).toEqual([]);
    await app.waitForIdle();
  };
  const view = async (carrier: string, trackingNumber: string, token?: string) => {
    const response = await app.request('GET', `/api/v1/shipments/${carrier}/${trackingNumber}`, token ? { token } : {});
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('attribute precedence', () => {
    it('a repeat of an older event through /events does not roll promisedBy back', async () => {
      const older = { trackingNumber: 'VPROMISE01', milestone: 'ACCEPTED', occurredAt: '2026-11-01T10:00:00Z', shipment: { origin: 'CN', destination: 'BR', promisedBy: '2026-11-20T23:59:59Z' } };
      const newer = { trackingNumber: 'VPROMISE01', milestone: 'ORIGIN_FACILITY', occurredAt: '2026-11-02T10:00:00Z', shipment: { promisedBy: '2026-11-25T23:59:59Z' } };
      await post('victim', [older]);
      await post('victim', [newer]);
      expect((await view('victim', 'VPROMISE01')).shipment).toMatchObject({ promisedBy: '2026-11-25T23:59:59.000Z' });
      await post('victim', [older]);
      expect((await view('victim', 'VPROMISE01')).shipment).toMatchObject({ promisedBy: '2026-11-25T23:59:59.000Z' });
      // An older event arriving late is kept in the history but does not win either.
      await post('victim', [{ ...older, occurredAt: '2026-11-01T09:00:00Z', shipment: { promisedBy: '2026-11-18T23:59:59Z' } }]);
      const after = await view('victim', 'VPROMISE01');
      expect(after.shipment).toMatchObject({ promisedBy: '2026-11-25T23:59:59.000Z', corridor: 'CN-BR' });
      expect((after.attributeHistory as { field: string; value: string }[]).filter((change) => change.field === 'promisedBy').map((change) => change.value)).toEqual([
        '2026-11-18T23:59:59.000Z',
        '2026-11-20T23:59:59.000Z',
        '2026-11-25T23:59:59.000Z',
      ]);
    });

    it('a replayed older webhook delivery does not roll carrierEstimate back', async () => {
      const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'libs/formats/src/easypost/fixtures/tracker-updated.json'), 'utf8'));
      const deliver = async (payload: unknown) => {
        const body = JSON.stringify(payload);
        const response = await fetch(`${app.apiUrl}/api/v1/webhooks/easypost/dhlecommerce`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hmac-signature': signEasyPost(body, secrets.dhlecommerce) },
          body,
        });
        expect(response.status).toBe(202);
        await app.waitForIdle();
      };
      const older = { ...fixture, updated_at: new Date().toISOString(), result: { ...fixture.result, est_delivery_date: '2026-11-12T00:00:00Z', tracking_details: fixture.result.tracking_details.slice(0, 3) } };
      const newer = { ...fixture, updated_at: new Date().toISOString() };
      await deliver(older);
      const first = (await view('dhlecommerce', fixture.result.tracking_code)).shipment as { carrierEstimate: string };
      await deliver(newer);
      const current = (await view('dhlecommerce', fixture.result.tracking_code)).shipment as { carrierEstimate: string };
      expect(current.carrierEstimate).not.toBe(first.carrierEstimate);
      // The older delivery again (re-signed, as a sender's retry or an attacker would): nothing rolls back.
      await deliver({ ...older, updated_at: new Date().toISOString() });
      expect((await view('dhlecommerce', fixture.result.tracking_code)).shipment).toMatchObject({ carrierEstimate: current.carrierEstimate });
    });
  });

  describe('a backdated hand-over naming another carrier parcel', () => {
    beforeAll(async () => {
      const registered = await app.request('POST', '/api/v1/shipments', {
        token: keys.victim,
        body: { carrier: 'victim', trackingNumber: 'VICTIM0001', origin: 'CN', destination: 'FR', orderRef: 'SECRET-ORDER-1' },
      });
      expect(registered.status).toBe(201);
      await post('victim', [
        { trackingNumber: 'VICTIM0001', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', message: 'victim private message', location: { country: 'CN', facility: 'VICTIM HUB' } },
        { trackingNumber: 'VICTIM0001', milestone: 'ORIGIN_FACILITY', occurredAt: '2026-11-01T12:00:00Z', message: 'victim second message' },
      ]);
      // The attack of issue 12: accept a parcel of one's own and hand it over in 2001 to the victim's number.
      await post('hostile', [
        { trackingNumber: 'HOSTILE001', milestone: 'ACCEPTED', occurredAt: '2001-01-01T00:00:00Z', shipment: { orderRef: 'HOSTILE-ORDER' } },
        { trackingNumber: 'HOSTILE001', milestone: 'HANDED_OVER', occurredAt: '2001-01-01T01:00:00Z', handover: { carrier: 'victim', trackingNumber: 'VICTIM0001' }, message: 'hostile message' },
      ]);
    });

    it("answers the hostile carrier's registration and lookup with its own legs only", async () => {
      const registered = await app.request('POST', '/api/v1/shipments', { token: keys.hostile, body: { carrier: 'hostile', trackingNumber: 'HOSTILE001' } });
      expect(registered.status).toBe(200);
      const looked = await view('hostile', 'HOSTILE001', keys.hostile);
      for (const answer of [registered.body, looked]) {
        const text = JSON.stringify(answer);
        for (const secret of ['victim private message', 'victim second message', 'VICTIM HUB', 'SECRET-ORDER-1', 'CN-FR']) expect(text).not.toContain(secret);
        expect((answer.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['hostile']);
        expect((answer.events as { carrier: string }[]).map((event) => event.carrier)).toEqual(['hostile', 'hostile']);
        // The only trace of the victim's leg is the number its own hand-over named.
        expect((answer.events as { handover: unknown }[])[1].handover).toEqual({ carrier: 'victim', trackingNumber: 'VICTIM0001' });
        expect(answer.shipment).toMatchObject({ orderRef: 'HOSTILE-ORDER', origin: null, destination: null });
      }
      expect((await app.request('GET', '/api/v1/shipments/victim/VICTIM0001', { token: keys.hostile })).status).toBe(403);
    });

    it("shows the victim its own legs and attributes only, and the admin the whole journey", async () => {
      const victim = await view('victim', 'VICTIM0001', keys.victim);
      const text = JSON.stringify(victim);
      expect(text).not.toContain('HOSTILE');
      expect(text).not.toContain('hostile message');
      expect(victim.shipment).toMatchObject({ orderRef: 'SECRET-ORDER-1', corridor: 'CN-FR' });
      expect((victim.legs as { carrier: string; handedOverFrom: unknown }[]).map((leg) => [leg.carrier, leg.handedOverFrom])).toEqual([['victim', null]]);
      const admin = await view('victim', 'VICTIM0001');
      expect((admin.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['hostile', 'victim']);
    });

    it('lists a second claim on the leg as a conflict on both shipments, and a pin settles it whatever arrives later', async () => {
      await post('courier', [
        { trackingNumber: 'COURIER001', milestone: 'ACCEPTED', occurredAt: '2026-10-31T08:00:00Z', shipment: { origin: 'CN', destination: 'FR' } },
        { trackingNumber: 'COURIER001', milestone: 'HANDED_OVER', occurredAt: '2026-10-31T20:00:00Z', handover: { carrier: 'victim', trackingNumber: 'VICTIM0001' } },
      ]);
      const kinds = (journey: Record<string, unknown>) => (journey.dataQuality as { kind: string }[]).map((issue) => issue.kind);
      // The earlier (hostile, 2001) claim still wins: results do not depend on arrival order.
      const contested = await view('victim', 'VICTIM0001');
      expect((contested.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['hostile', 'victim']);
      expect(kinds(contested)).toContain('leg_claimed_twice');
      expect(kinds(await view('courier', 'COURIER001'))).toContain('leg_claimed_twice');
      const courierIssue = (await view('courier', 'COURIER001')).dataQuality as { kind: string; detail: string }[];
      expect(courierIssue.find((issue) => issue.kind === 'leg_claimed_twice')?.detail).toContain('hostile HOSTILE001');

      // Each carrier's data-quality view lists it, naming only its own legs.
      const courierQuality = await app.request('GET', '/api/v1/carriers/courier/data-quality', { token: keys.courier });
      expect(courierQuality.status).toBe(200);
      const courierText = JSON.stringify(courierQuality.body.issues);
      expect(courierText).toContain('COURIER001');
      expect(courierText).not.toContain('HOSTILE001');
      expect(courierText).not.toContain('VICTIM0001');

      const pinned = await app.request('PUT', '/api/v1/legs/victim/VICTIM0001/link', {
        body: { parent: { carrier: 'courier', trackingNumber: 'COURIER001' }, note: 'courier confirmed the hand-over' },
      });
      expect(pinned.status).toBe(200);
      expect(pinned.body).toMatchObject({ follows: { carrier: 'courier', trackingNumber: 'COURIER001' }, pin: { parent: { carrier: 'courier', trackingNumber: 'COURIER001' }, pinnedBy: 'admin-token' } });
      await post('hostile', [
        { trackingNumber: 'HOSTILE001', milestone: 'HANDED_OVER', occurredAt: '2000-06-01T00:00:00Z', handover: { carrier: 'victim', trackingNumber: 'VICTIM0001' } },
      ]);
      const settled = await view('victim', 'VICTIM0001');
      expect((settled.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['courier', 'victim']);
      expect(settled.shipment).toMatchObject({ corridor: 'CN-FR' });
      expect(kinds(settled)).toEqual(expect.arrayContaining(['pinned_link_contradicted']));
      expect(kinds(settled)).not.toContain('leg_claimed_twice');
      const hostileView = await view('hostile', 'HOSTILE001');
      expect((hostileView.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['hostile']);
      expect(kinds(hostileView)).toContain('pinned_link_contradicted');

      expect((await app.request('PUT', '/api/v1/legs/victim/VICTIM0001/link', { token: keys.courier, body: { parent: null } })).status).toBe(403);
      expect((await app.request('PUT', '/api/v1/legs/victim/VICTIM0001/link', { body: { parent: { carrier: 'courier', trackingNumber: 'NOSUCH01' } } })).status).toBe(400);
      expect((await app.request('PUT', '/api/v1/legs/victim/NOSUCH01/link', { body: { parent: null } })).status).toBe(404);

      const unpinned = await app.request('DELETE', '/api/v1/legs/victim/VICTIM0001/link');
      expect(unpinned.status).toBe(200);
      expect(unpinned.body).toMatchObject({ pin: null, follows: { carrier: 'hostile', trackingNumber: 'HOSTILE001' } });
    });
  });
});
