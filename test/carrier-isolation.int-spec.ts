import { createPolicy, evaluate, parcels } from './support/sla-feed';
import { LanewatchApp } from './support/lanewatch-app';

// events.md §9 and non-negotiable 4: for every endpoint a carrier key can reach, no answer holds
// another carrier's data. The other carrier's data carries a marker ('QXZMARK') in every field a
// leak could show: tracking numbers, messages, facilities, raw payloads, order references, import
// file names, dead letters, unmapped codes, breaches and their evidence. The only things of it the
// reader may see are the legs its own hand-overs name (QXZNAMED01, QXZNAMED02), by carrier code and number.
const MARK = 'QXZMARK';
const NAMED = 'QXZNAMED01';
const CLAIMED = 'QXZNAMED02';

interface Route {
  method: string;
  path: string;
}

describe('carrier isolation (every endpoint a carrier key can reach)', () => {
  let app: LanewatchApp;
  let reader: string;
  let other: string;
  const ids: Record<string, string[]> = { batchId: [], id: [], keyId: [] };

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000', INGEST_JOB_ATTEMPTS: '2' } });
    reader = (await app.createCarrier('reader')).apiKey;
    other = (await app.createCarrier('other')).apiKey;
    await app.sql(`ALTER TABLE events ADD CONSTRAINT planted_refusal CHECK (tracking_number NOT LIKE '${MARK}DEAD%')`);

    const post = async (token: string, events: unknown[]) => {
      const response = await app.request('POST', '/api/v1/events', { token, body: { events } });
      expect(response.status).toBe(202);
      if (response.body.batchId) ids.batchId.push(response.body.batchId as string);
      await app.waitForIdle();
    };
    // The other carrier's own parcels, registration, raw fields, unmapped code, dead letter and conflict.
    await app.request('POST', '/api/v1/shipments', {
      token: other,
      body: { carrier: 'other', trackingNumber: CLAIMED, origin: 'CN', destination: 'BR', orderRef: `${MARK}-ORDER` },
    });
    await post(other, [
      { trackingNumber: CLAIMED, milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', message: `${MARK} message`, location: { country: 'CN', facility: `${MARK} HUB` }, note: `${MARK} raw` },
      { trackingNumber: CLAIMED, code: `${MARK}CODE`, occurredAt: '2026-11-01T09:00:00Z', message: `${MARK} unmapped` },
      { trackingNumber: CLAIMED, milestone: 'HANDED_OVER', occurredAt: '2026-11-02T08:00:00Z', handover: { carrier: 'reader', trackingNumber: 'READER0002' } },
      { trackingNumber: `${MARK}DEAD01`, milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', message: `${MARK} dead letter` },
      { trackingNumber: NAMED, milestone: 'ACCEPTED', occurredAt: '2026-11-03T08:00:00Z', message: `${MARK} named leg message`, shipment: { orderRef: `${MARK}-NAMED-ORDER` } },
    ]);
    // The reader hands a parcel over to the other carrier's leg, and claims the other's first leg too.
    await post(reader, [
      { trackingNumber: 'READER0001', milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:00:00Z', shipment: { origin: 'CN', destination: 'BR' } },
      { trackingNumber: 'READER0001', milestone: 'HANDED_OVER', occurredAt: '2026-11-02T20:00:00Z', handover: { carrier: 'other', trackingNumber: NAMED } },
      { trackingNumber: 'READER0003', milestone: 'ACCEPTED', occurredAt: '2001-01-01T00:00:00Z' },
      { trackingNumber: 'READER0003', milestone: 'HANDED_OVER', occurredAt: '2001-01-01T01:00:00Z', handover: { carrier: 'other', trackingNumber: CLAIMED } },
    ]);
    // A breach of the other carrier, with its parcels as evidence.
    await post(other, parcels('other', `${MARK}S`, '2026-11-05', { good: 1, bad: 4 }).map(({ carrier: _carrier, ...event }) => event));
    const policy = await createPolicy(app, {
      name: 'first attempt of the other carrier',
      carrier: 'other',
      corridor: null,
      serviceLevel: null,
      metric: 'first_attempt_rate',
      op: 'gte',
      threshold: 0.9,
      windowDays: 7,
      minSample: 3,
      severity: 'critical',
    });
    ids.id.push(policy);
    await evaluate(app, '2026-11-08T00:00:00Z');
    const breaches = await app.request('GET', '/api/v1/breaches');
    for (const breach of breaches.body as unknown as { id: string }[]) ids.id.push(breach.id);
    expect(ids.id.length).toBeGreaterThan(1);
    // An import of the other carrier's.
    await app.request('PUT', '/api/v1/carriers/other/import-mapping', {
      body: { columns: { trackingNumber: 'tn', occurredAt: 'at', milestone: 'ms' }, defaultTimeZone: 'UTC' },
    });
    const form = new FormData();
    form.append('file', new Blob([`tn,at,ms\n${MARK}IMP01,2026-11-01T10:00:00Z,ACCEPTED\n`], { type: 'text/csv' }), `${MARK}.csv`);
    const imported = await fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${other}` }, body: form });
    expect(imported.status).toBe(201);
    ids.id.push(((await imported.json()) as { importId: string }).importId);
    await app.waitForIdle();
    const carriers = await app.request('GET', '/api/v1/carriers');
    for (const carrier of carriers.body as unknown as { keys: { id: string }[] }[]) for (const key of carrier.keys) ids.keyId.push(key.id);
    const status = await app.status();
    expect(status.deadLetters).toBe(1);
  });
  afterAll(() => app?.stop());

  const leaks = (body: unknown): string[] => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return [...text.matchAll(new RegExp(`.{0,60}${MARK}.{0,40}`, 'g'))].map((match) => match[0]);
  };

  it('the planted data is really there: the admin sees every marker', async () => {
    for (const path of [`/api/v1/shipments/other/${CLAIMED}`, '/api/v1/ingest/dead-letters', '/api/v1/carriers/other/data-quality', '/api/v1/imports']) {
      const response = await app.request('GET', path);
      expect(response.status).toBe(200);
      expect(leaks(response.body).length).toBeGreaterThan(0);
    }
  });

  it('answers every GET route to the reader without another carrier marker', async () => {
    const document = await app.request('GET', '/api/docs-json', { token: null });
    const paths = document.body.paths as unknown as Record<string, Record<string, unknown>>;
    const routes: Route[] = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThan(40);
    const values: Record<string, string[]> = {
      carrier: ['reader', 'other'],
      code: ['reader', 'other'],
      trackingNumber: ['READER0001', 'READER0002', 'READER0003', NAMED, CLAIMED],
      format: ['aftership', '17track', 'easypost'],
      ...ids,
    };
    const queries = ['', '?carrier=other', '?carrier=reader', '?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=carrier', '?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=carrier,corridor&carrier=other'];
    const found: string[] = [];
    let asked = 0;
    for (const route of routes.filter((candidate) => candidate.method === 'GET')) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      let filled = [route.path];
      for (const name of names) filled = filled.flatMap((path) => (values[name] ?? ['x']).map((value) => path.replace(`{${name}}`, encodeURIComponent(value))));
      for (const path of filled) {
        for (const query of queries) {
          const response = await app.request('GET', `${path}${query}`, { token: reader });
          asked += 1;
          expect(response.status).toBeLessThan(500);
          for (const leak of leaks(response.body)) found.push(`GET ${path}${query} (${response.status}): …${leak}…`);
        }
      }
    }
    process.stderr.write(`[carrier-isolation] ${asked} GET requests as the reader carrier over ${routes.length} routes\n`);
    expect(found).toEqual([]);
  });

  it("answers the reader's own writes without another carrier marker", async () => {
    const answers = [
      await app.request('POST', '/api/v1/shipments', { token: reader, body: { carrier: 'reader', trackingNumber: 'READER0001' } }),
      await app.request('POST', '/api/v1/shipments', { token: reader, body: { carrier: 'reader', trackingNumber: 'READER0002' } }),
      await app.request('POST', '/api/v1/shipments', { token: reader, body: { carrier: 'reader', trackingNumber: 'READER0003' } }),
      await app.request('POST', '/api/v1/events', {
        token: reader,
        body: { events: [{ trackingNumber: 'READER0003', milestone: 'HANDED_OVER', occurredAt: '2001-01-01T02:00:00Z', handover: { carrier: 'other', trackingNumber: CLAIMED } }] },
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(300);
      expect(leaks(answer.body)).toEqual([]);
    }
    // The named leg is shown as the reader's hand-over names it, and nothing of it more.
    const journey = answers[0].body;
    expect(JSON.stringify(journey)).toContain(NAMED);
    expect((journey.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['reader']);
  });
});
