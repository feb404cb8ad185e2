import { LanewatchApp } from './support/lanewatch-app';

// events.md §9: the unauthenticated health check says up or down and nothing else; an admin or a
// viewer sees the details (dependency latencies, unhealthy channels with their last error).

describe('GET /api/v1/health', () => {
  let app: LanewatchApp;
  let viewerToken: string;
  let carrierKey: string;
  let channelId: string;
  const leakyError = 'webhook answered 500 from https://ops:s3cr3t-password@alerts.example.com/hook';

  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false });
    const password = 'viewer password 1';
    expect((await app.request('POST', '/api/v1/users', { body: { email: 'watcher@example.com', name: 'Watcher', role: 'viewer', password } })).status).toBe(201);
    viewerToken = (await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'watcher@example.com', password } })).body.token as string;
    carrierKey = (await app.createCarrier('correios')).apiKey;
    // A channel that has failed, with the kind of error text an earlier version stored.
    [{ id: channelId }] = await app.sql<{ id: string }>(
      `INSERT INTO notification_channels (name, kind, target, healthy, consecutive_failures, last_error)
       VALUES ('ops pager (internal)', 'webhook', 'https://alerts.example.com/hook', false, 7, $1) RETURNING id`,
      [leakyError],
    );
  });
  afterAll(() => app?.stop());

  it('without a token answers only {status}: no dependency details, channel names, URLs or errors', async () => {
    const response = await app.request('GET', '/api/v1/health', { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    const text = JSON.stringify(response.body);
    for (const secret of ['ops pager', 's3cr3t', 'alerts.example.com', channelId, 'latencyMs']) expect(text).not.toContain(secret);
  });

  it('a carrier key learns up or down only, like anyone', async () => {
    const response = await app.request('GET', '/api/v1/health', { token: carrierKey });
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(Object.keys(response.body)).toEqual(['status']);
  });

  it('the admin token and a viewer session see the details, unhealthy channels included', async () => {
    for (const token of [app.adminToken, viewerToken]) {
      const response = await app.request('GET', '/api/v1/health', { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ok',
        postgres: { ok: true, latencyMs: expect.any(Number) },
        redis: { ok: true, latencyMs: expect.any(Number) },
        alerts: { unhealthyChannels: [{ id: channelId, name: 'ops pager (internal)', lastError: leakyError }] },
      });
    }
  });

  it('a token that is not valid is refused (401), not answered as anonymous', async () => {
    const response = await app.request('GET', '/api/v1/health', { token: 'lwu_not-a-session' });
    expect(response.status).toBe(401);
  });
});
