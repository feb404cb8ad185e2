import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCK_KEYS } from '@lanewatch/db';
import { Client } from 'pg';
import { LanewatchApp } from './support/lanewatch-app';

const run = promisify(execFile);

// events.md §5: unmapped events are stored, counted and listed per code; a map change re-maps them.
describe('code maps', () => {
  let app: LanewatchApp;
  let correios: string;
  let cainiao: string;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    correios = (await app.createCarrier('correios')).apiKey;
    cainiao = (await app.createCarrier('cainiao', 'platform')).apiKey;
  });
  afterAll(() => app?.stop());

  const post = async (token: string, events: unknown[]) => {
    const response = await app.request('POST', '/api/v1/events', { token, body: { events } });
    expect(response.status).toBe(202);
    return response.body;
  };

  it('counts unmapped events per code, re-maps them on a map change, and links a leg through a re-mapped hand-over', async () => {
    await post(cainiao, [
      {
        trackingNumber: 'LP0001CN',
        milestone: 'ACCEPTED',
        occurredAt: '2026-11-01T10:00:00+08:00',
        shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard' },
      },
      // A raw code the platform has not mapped yet; it will turn out to be the hand-over.
      { trackingNumber: 'LP0001CN', code: 'GTMS_ACCEPT', occurredAt: '2026-11-08T10:00:00-03:00', handover: { carrier: 'correios', trackingNumber: 'NL000000001BR' } },
    ]);
    await post(correios, [
      { trackingNumber: 'NL000000001BR', code: 'EDG', occurredAt: '2026-11-10T08:00:00-03:00' },
      { trackingNumber: 'NL000000001BR', code: 'EMI', occurredAt: '2026-11-10T10:00:00-03:00' },
      { trackingNumber: 'NL000000002BR', code: 'EMI', occurredAt: '2026-11-11T10:00:00-03:00' },
      { trackingNumber: 'NL000000002BR', code: 'XYZ', occurredAt: '2026-11-11T11:00:00-03:00' },
    ]);
    await app.waitForIdle();
    expect(await app.status()).toMatchObject({ eventsStored: 6, unmappedEvents: 5, unlinkedEvents: 4 });
    const quality = await app.request('GET', '/api/v1/carriers/correios/data-quality', { token: correios });
    expect(quality.body.unmappedCodes).toEqual([
      { code: 'EMI', events: 2, lastSeenAt: expect.any(String) },
      { code: 'EDG', events: 1, lastSeenAt: expect.any(String) },
      { code: 'XYZ', events: 1, lastSeenAt: expect.any(String) },
    ]);

    const put = await app.request('PUT', '/api/v1/carriers/correios/code-map', { body: { mappings: { EDG: 'OUT_FOR_DELIVERY', EMI: 'DELIVERED' } } });
    expect(put.status).toBe(200);
    expect((put.body.remap as { codes: string[] }).codes).toEqual(['EDG', 'EMI']);
    await app.request('PUT', '/api/v1/carriers/cainiao/code-map', { body: { mappings: { GTMS_ACCEPT: 'HANDED_OVER' } } });
    await app.waitForIdle();

    expect(await app.status()).toMatchObject({ eventsStored: 6, unmappedEvents: 1, unlinkedEvents: 2 });
    const map = await app.request('GET', '/api/v1/carriers/correios/code-map');
    expect(map.body).toMatchObject({ mappings: { EDG: 'OUT_FOR_DELIVERY', EMI: 'DELIVERED' }, unmapped: [{ code: 'XYZ', events: 1 }] });
    const journey = await app.request('GET', '/api/v1/shipments/correios/NL000000001BR');
    expect((journey.body.legs as { carrier: string }[]).map((leg) => leg.carrier)).toEqual(['cainiao', 'correios']);
    expect((journey.body.events as { milestone: string; code: string }[]).map((event) => [event.milestone, event.code])).toEqual([
      ['ACCEPTED', null],
      ['HANDED_OVER', 'GTMS_ACCEPT'],
      ['OUT_FOR_DELIVERY', 'EDG'],
      ['DELIVERED', 'EMI'],
    ]);
    expect(journey.body.facts).toMatchObject({ deliveredAt: '2026-11-10T13:00:00.000Z', firstAttemptDelivered: true, terminal: true });

    // Removing a mapping makes its events unmapped again, and the leg it linked falls away.
    await app.request('PUT', '/api/v1/carriers/cainiao/code-map', { body: { mappings: {} } });
    await app.waitForIdle();
    expect(await app.status()).toMatchObject({ unmappedEvents: 2, unlinkedEvents: 4 });
  });

  it('keeps an explicit milestone over the code map', async () => {
    await post(correios, [{ trackingNumber: 'NL000000003BR', milestone: 'DESTINATION_FACILITY', code: 'EMI', occurredAt: '2026-11-12T10:00:00-03:00' }]);
    await app.waitForIdle();
    const [row] = await app.sql<{ milestone: string; milestone_source: string }>(
      `SELECT milestone, milestone_source FROM events WHERE tracking_number = 'NL000000003BR'`,
    );
    expect(row).toEqual({ milestone: 'DESTINATION_FACILITY', milestone_source: 'explicit' });
  });

  it('shows a re-map as a background task, completed with the events it re-mapped, to admins and viewers only', async () => {
    await post(correios, [
      { trackingNumber: 'NL000000005BR', code: 'BDE', occurredAt: '2026-11-13T09:00:00-03:00' },
      { trackingNumber: 'NL000000006BR', code: 'BDE', occurredAt: '2026-11-13T10:00:00-03:00' },
    ]);
    await app.waitForIdle();
    const current = (await app.request('GET', '/api/v1/carriers/correios/code-map')).body.mappings as Record<string, string>;
    const put = await app.request('PUT', '/api/v1/carriers/correios/code-map', { body: { mappings: { ...current, BDE: 'ORIGIN_FACILITY' } } });
    expect(put.status).toBe(200);
    const { batchId, codes } = put.body.remap as { batchId: string; codes: string[] };
    expect(codes).toEqual(['BDE']);
    // The batch and its task finish in one transaction: no pending batch, no running re-map.
    await app.waitForIdle();

    const password = 'viewer password 13';
    expect((await app.request('POST', '/api/v1/users', { body: { email: 'tasks-viewer@example.com', name: 'Viewer', role: 'viewer', password } })).status).toBe(201);
    const viewer = (await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'tasks-viewer@example.com', password } })).body.token as string;
    for (const token of [undefined, viewer]) {
      const response = await app.request('GET', '/api/v1/ingest/tasks', { token });
      expect(response.status).toBe(200);
      const tasks = (response.body as unknown as { tasks: { id: string; startedAt: string }[] }).tasks;
      expect(tasks.find((task) => task.id === batchId)).toMatchObject({
        kind: 'remap',
        label: 'correios: 1 changed code(s)',
        status: 'completed',
        done: 2,
        total: 2,
        percent: 100,
        etaSeconds: 0,
        error: null,
        finishedAt: expect.any(String),
      });
      // Newest first: this re-map came after the first test's.
      expect(tasks[0].id).toBe(batchId);
      expect(tasks.map((task) => task.startedAt)).toEqual([...tasks.map((task) => task.startedAt)].sort().reverse());
    }
    // The same figures on the command line (`lanewatch tasks`).
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'tasks'], { cwd: join(__dirname, '..'), env: app.env() });
    expect(stdout.split('\n')[0]).toMatch(/^Code-map re-map correios: 1 changed code\(s\) \[completed\]: 2 of 2 \(100\.0 %\), \d+\/s, about 0 s left$/);
    const forbidden = await app.request('GET', '/api/v1/ingest/tasks', { token: correios });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/admins and viewers only/);
  });

  it('rejects an invalid map naming every bad entry, and only admins may change it', async () => {
    const bad = await app.request('PUT', '/api/v1/carriers/correios/code-map', { body: { mappings: { EMA: 'ACCEPTED', EMX: 'BEAMED_UP' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.stringMatching(/^mappings\['EMX'\] must be one of INFO_RECEIVED/)]);
    const forbidden = await app.request('PUT', '/api/v1/carriers/correios/code-map', { token: correios, body: { mappings: {} } });
    expect(forbidden.status).toBe(403);
    const other = await app.request('GET', '/api/v1/carriers/correios/data-quality', { token: cainiao });
    expect(other.status).toBe(403);
  });
  it('waits for batches still mapping with the old map, so the re-map it queues sees their events', async () => {
    // A batch holds its carrier's map (shared) from reading it until it commits; here the test holds it.
    const [{ id }] = await app.sql<{ id: number }>(`SELECT id FROM carriers WHERE code = 'correios'`);
    const batch = new Client({ connectionString: app.databaseUrl });
    await batch.connect();
    try {
      await batch.query('BEGIN');
      await batch.query('SELECT pg_advisory_xact_lock_shared($1, $2)', [LOCK_KEYS.codeMap, id]);
      let answered = false;
      const change = app.request('PUT', '/api/v1/carriers/correios/code-map', { body: { mappings: { EDG: 'OUT_FOR_DELIVERY', QQQ: 'EXCEPTION' } } }).finally(() => {
        answered = true;
      });
      await app.waitFor(
        async () => (await app.sql(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`)).length > 0,
        30_000,
        'the code-map change to wait for the batch',
      );
      expect(answered).toBe(false);
      await batch.query('COMMIT');
      expect((await change).status).toBe(200);
    } finally {
      await batch.end();
    }
  });
});
