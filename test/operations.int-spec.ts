import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

const ROOT = join(__dirname, '..');

describe('configuration at boot', () => {
  it('stops the API with a message naming every missing or malformed value', () => {
    const env = { ...process.env, DATABASE_URL: '', REDIS_URL: 'localhost:6379', PORT: '70000', LANEWATCH_ADMIN_TOKEN: 'x'.repeat(20), LANEWATCH_SECRET_KEY: 'k'.repeat(40) };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL is required');
    expect(result.stderr).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
    expect(result.stderr).toContain('PORT must be an integer from 1 to 65535');
  });
});

describe('with Redis down', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('reports 503 on health and still commits accepted events (202), ready for the sweeper', async () => {
    app = await LanewatchApp.start({ env: { REDIS_URL: 'redis://127.0.0.1:1' }, worker: false });
    const anonymous = await app.request('GET', '/api/v1/health', { token: null });
    expect(anonymous).toMatchObject({ status: 503, body: { status: 'degraded' } });
    expect(Object.keys(anonymous.body)).toEqual(['status']);
    const health = await app.request('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', postgres: { ok: true }, redis: { ok: false } });

    const { apiKey } = await app.createCarrier('cainiao', 'platform');
    const posted = await app.request('POST', '/api/v1/events', {
      token: apiKey,
      body: { events: [{ trackingNumber: 'LP9000CN', milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00Z' }] },
    });
    expect(posted.status).toBe(202);
    const rows = await app.sql<{ status: string; event_count: number }>('SELECT status, event_count FROM ingest_batches WHERE id = $1', [posted.body.batchId]);
    expect(rows).toEqual([{ status: 'pending', event_count: 1 }]);
  });
});

describe('operations', () => {
  let app: LanewatchApp;
  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { INGEST_JOB_ATTEMPTS: '2' } });
  });
  afterAll(() => app?.stop());

  it('serves the OpenAPI document of the v1 API', async () => {
    const document = await app.request('GET', '/api/docs-json', { token: null });
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths as object)).toEqual(
      expect.arrayContaining(['/api/v1/events', '/api/v1/carriers', '/api/v1/carriers/{code}/code-map', '/api/v1/shipments', '/api/v1/ingest/status', '/api/v1/health']),
    );
    expect((await app.request('GET', '/api/docs', { token: null })).status).toBe(200);
  });

  it('lists every route with the access it declares; only sign-in, health and signed webhooks skip the token', async () => {
    const document = (await app.request('GET', '/api/docs-json', { token: null })).body as unknown as { paths: Record<string, Record<string, { 'x-lanewatch-access'?: string }>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, access: operation['x-lanewatch-access'] })),
    );
    process.stderr.write(`[route access]\n${routes.map(({ route, access }) => `  ${String(access).padEnd(9)} ${route}`).join('\n')}\n`);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter(({ access }) => !['admin', 'ingest', 'read', 'metrics', 'optional', 'public', 'signed'].includes(String(access)))).toEqual([]);
    expect(routes.filter(({ access }) => ['optional', 'public', 'signed'].includes(String(access))).map(({ route }) => route).sort()).toEqual([
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'POST /api/v1/webhooks/{format}/{carrier}',
    ]);
    // Contracts (contracts.md §3): statements are read by their carrier; changes are an admin's, except a
    // dispute, which is a carrier user's (checked in the handler, so the route is `read`).
    const accessOf = (route: string) => routes.find((entry) => entry.route === route)?.access;
    expect(
      [
        'GET /api/v1/carriers/{code}/statements/{month}',
        'POST /api/v1/carriers/{code}/statements/{month}/issue',
        'GET /api/v1/carriers/{code}/statements/{month}/revisions',
        'GET /api/v1/carriers/{code}/statements/{month}/audit',
        'GET /api/v1/carriers/{code}/statements/{month}/disputes',
        'POST /api/v1/carriers/{code}/statements/{month}/disputes',
        'POST /api/v1/disputes/{id}/decision',
        'GET /api/v1/audit',
        'PUT /api/v1/carriers/{code}/invoices/{month}',
        'POST /api/v1/invoices',
        'GET /api/v1/carriers/{code}/review/{month}',
        'GET /api/v1/carriers/{code}/contracts',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'PATCH /api/v1/users/{id}',
      ].map((route) => [route, accessOf(route)]),
    ).toEqual([
      ['GET /api/v1/carriers/{code}/statements/{month}', 'read'],
      ['POST /api/v1/carriers/{code}/statements/{month}/issue', 'admin'],
      ['GET /api/v1/carriers/{code}/statements/{month}/revisions', 'read'],
      ['GET /api/v1/carriers/{code}/statements/{month}/audit', 'read'],
      ['GET /api/v1/carriers/{code}/statements/{month}/disputes', 'read'],
      ['POST /api/v1/carriers/{code}/statements/{month}/disputes', 'read'],
      ['POST /api/v1/disputes/{id}/decision', 'admin'],
      ['GET /api/v1/audit', 'admin'],
      ['PUT /api/v1/carriers/{code}/invoices/{month}', 'admin'],
      ['POST /api/v1/invoices', 'admin'],
      // The review pack is read by its carrier (key or carrier user); users, carrier users included, are an admin's.
      ['GET /api/v1/carriers/{code}/review/{month}', 'read'],
      // A carrier's contracts (clock, allowances, terms) are read by that carrier too.
      ['GET /api/v1/carriers/{code}/contracts', 'read'],
      ['GET /api/v1/users', 'admin'],
      ['POST /api/v1/users', 'admin'],
      ['PATCH /api/v1/users/{id}', 'admin'],
    ]);
  });

  it('keeps a batch that keeps failing with its error, counts it, and can put it back', async () => {
    const batchId = randomUUID();
    // A committed batch the worker cannot read (its events are not a list): no event of it can be set
    // aside alone (a refused event would be, events.md §8), so the whole batch fails on every attempt.
    await app.sql(
      `INSERT INTO ingest_batches (id, kind, status, source, received_at, payload, event_count) VALUES ($1, 'events', 'pending', 'canonical', now(), $2::jsonb, 1)`,
      [batchId, JSON.stringify({ events: 'corrupt' })],
    );
    await app.waitFor(async () => (await app.status()).failedBatches === 1, 60_000, 'the batch to be marked failed');
    const batch = await app.request('GET', `/api/v1/ingest/batches/${batchId}`);
    expect(batch.body).toMatchObject({ status: 'failed', attempts: 2, error: expect.stringContaining('is not a function') });
    expect((await app.status()).pendingBatches).toBe(0);

    const retry = await app.request('POST', `/api/v1/ingest/batches/${batchId}/retry`);
    expect(retry.status).toBe(202);
    await app.waitFor(async () => (await app.status()).failedBatches === 1, 60_000, 'the retried batch to fail again');
    expect((await app.request('GET', `/api/v1/ingest/batches/${batchId}`)).body).toMatchObject({ status: 'failed', attempts: 2 });
  });
});
