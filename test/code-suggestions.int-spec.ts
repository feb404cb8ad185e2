import { LanewatchApp } from './support/lanewatch-app';

type Suggestion = {
  milestone: string | null;
  basis: string | null;
  summary: string;
  evidence: { peerEvents: number; agreeingEvents: number; texts: { text: string; examples: string[]; peers: { events: number; agreeing: number; carriers: string[] } | null }[] };
};
type SuggestedCode = { code: string; events: number; suggestion: Suggestion };

// Issue 14 item 3: an unmapped code learns from how other carriers map the same message texts.
describe('code-map suggestions', () => {
  let app: LanewatchApp;
  let alpha: string;
  let bravo: string;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    alpha = (await app.createCarrier('alpha')).apiKey;
    bravo = (await app.createCarrier('bravo')).apiKey;
  });
  afterAll(() => app?.stop());

  const post = async (token: string, events: unknown[]) => {
    const response = await app.request('POST', '/api/v1/events', { token, body: { events } });
    expect(response.status).toBe(202);
  };
  const at = (day: number, hour: number) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+00:00`;
  const suggestions = async (token?: string) => {
    const response = await app.request('GET', '/api/v1/carriers/bravo/code-map/suggestions', { token });
    expect(response.status).toBe(200);
    return response.body.codes as SuggestedCode[];
  };

  it('suggests from other carriers, shows the evidence, and accepting re-maps the stored events', async () => {
    expect((await app.request('PUT', '/api/v1/carriers/alpha/code-map', { body: { mappings: { A_DLV: 'DELIVERED', A_OFD: 'OUT_FOR_DELIVERY', A_DEP: 'DEPARTED_ORIGIN' } } })).status).toBe(200);
    const alphaEvents = [];
    for (let parcel = 1; parcel <= 7; parcel += 1) {
      const trackingNumber = `AL${String(parcel).padStart(9, '0')}XX`;
      alphaEvents.push(
        { trackingNumber, code: 'A_OFD', message: `Out for delivery ${trackingNumber}`, occurredAt: at(parcel, 8) },
        { trackingNumber, code: 'A_DLV', message: `Delivered — front door (${trackingNumber})`, occurredAt: at(parcel, 12) },
      );
    }
    // One carrier event with the same text but another meaning: the share agreeing is 7 of 8.
    alphaEvents.push({ trackingNumber: 'AL000000008XX', code: 'A_DEP', message: 'DELIVERED, front door', occurredAt: at(8, 12) });
    await post(alpha, alphaEvents);
    await post(bravo, [
      { trackingNumber: 'BR000000001ZZ', code: 'B_X1', message: 'delivered front door BR000000001ZZ', occurredAt: at(3, 15) },
      { trackingNumber: 'BR000000002ZZ', code: 'B_X1', message: 'Délivered - Front door', occurredAt: at(4, 15) },
      { trackingNumber: 'BR000000002ZZ', code: 'B_Q9', message: 'Sorted at facility 17', occurredAt: at(4, 9) },
      { trackingNumber: 'BR000000003ZZ', code: 'B_PT', message: 'Objeto entregue ao destinatário', occurredAt: at(5, 15) },
    ]);
    await app.waitForIdle();
    expect(await app.status()).toMatchObject({ unmappedEvents: 4 });

    const codes = await suggestions();
    expect(codes.map((entry) => entry.code)).toEqual(['B_X1', 'B_PT', 'B_Q9']);
    const [shared, worded, unknown] = codes;
    expect(shared.suggestion).toMatchObject({
      milestone: 'DELIVERED',
      basis: 'other_carriers',
      summary: '7 of 8 events with the text "delivered front door" at other carriers are DELIVERED',
      evidence: { peerEvents: 8, agreeingEvents: 7 },
    });
    expect(shared.suggestion.evidence.texts[0].peers).toEqual({ events: 8, agreeing: 7, carriers: ['alpha'] });
    expect(shared.suggestion.evidence.texts[0].examples.sort()).toEqual(['Délivered - Front door', 'delivered front door BR000000001ZZ']);
    expect(worded.suggestion).toMatchObject({ milestone: 'DELIVERED', basis: 'keywords' });
    expect(unknown.suggestion).toMatchObject({ milestone: null, basis: null });
    expect(unknown.suggestion.summary).toMatch(/^No suggestion/);

    const before = await app.request('GET', '/api/v1/shipments/bravo/BR000000002ZZ');
    expect((before.body.events as { milestone: string | null }[]).map((event) => event.milestone)).toEqual([null, null]);

    const accepted = await app.request('POST', '/api/v1/carriers/bravo/code-map/B_X1', { body: { milestone: shared.suggestion.milestone } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ mappings: { B_X1: 'DELIVERED' }, remap: { codes: ['B_X1'], batchId: expect.any(String) } });
    await app.waitForIdle();

    expect(await app.status()).toMatchObject({ unmappedEvents: 2 });
    const after = await app.request('GET', '/api/v1/shipments/bravo/BR000000002ZZ');
    expect((after.body.events as { milestone: string | null; code: string }[]).map((event) => [event.code, event.milestone])).toEqual([
      ['B_Q9', null],
      ['B_X1', 'DELIVERED'],
    ]);
    expect((await suggestions()).map((entry) => entry.code)).toEqual(['B_PT', 'B_Q9']);

    // The one-code route keeps the rest of the map, as a PUT of the whole map with it added would.
    await app.request('POST', '/api/v1/carriers/bravo/code-map/B_PT', { body: { milestone: 'DELIVERED' } });
    await app.waitForIdle();
    expect((await app.request('GET', '/api/v1/carriers/bravo/code-map')).body.mappings).toEqual({ B_X1: 'DELIVERED', B_PT: 'DELIVERED' });
    expect(await app.status()).toMatchObject({ unmappedEvents: 1 });
  });

  it('shows suggestions to viewers, never to carrier keys, and lets only admins accept', async () => {
    const password = 'viewer password 14';
    expect((await app.request('POST', '/api/v1/users', { body: { email: 'sugg-viewer@example.com', name: 'Viewer', role: 'viewer', password } })).status).toBe(201);
    const viewer = (await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'sugg-viewer@example.com', password } })).body.token as string;
    expect((await suggestions(viewer)).map((entry) => entry.code)).toEqual(['B_Q9']);
    expect((await app.request('GET', '/api/v1/carriers/bravo/code-map/suggestions', { token: bravo })).status).toBe(403);
    expect((await app.request('POST', '/api/v1/carriers/bravo/code-map/B_Q9', { token: viewer, body: { milestone: 'ORIGIN_FACILITY' } })).status).toBe(403);
    expect((await app.request('POST', '/api/v1/carriers/bravo/code-map/B_Q9', { token: bravo, body: { milestone: 'ORIGIN_FACILITY' } })).status).toBe(403);
  });

  it('answers a precise 400 for a bad milestone or body and 404 for an unknown carrier', async () => {
    const bad = await app.request('POST', '/api/v1/carriers/bravo/code-map/B_Q9', { body: { milestone: 'SORTED' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("mappings['B_Q9'] must be one of");
    expect((await app.request('POST', '/api/v1/carriers/bravo/code-map/B_Q9', { body: 'DELIVERED' })).status).toBe(400);
    expect((await app.request('POST', `/api/v1/carriers/bravo/code-map/${'X'.repeat(201)}`, { body: { milestone: 'DELIVERED' } })).status).toBe(400);
    expect((await app.request('POST', '/api/v1/carriers/nobody/code-map/B_Q9', { body: { milestone: 'DELIVERED' } })).status).toBe(404);
    expect((await app.request('GET', '/api/v1/carriers/nobody/code-map/suggestions')).status).toBe(404);
    expect((await app.request('GET', '/api/v1/carriers/bravo/code-map')).body.mappings).toEqual({ B_X1: 'DELIVERED', B_PT: 'DELIVERED' });
  });
});
