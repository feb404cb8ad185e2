import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort, LanewatchApp } from './support/lanewatch-app';
import { parsePrometheusText } from './support/prometheus-text';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents } from './support/sla-feed';

// Issue 13: alert deliveries by outcome. The worker counts what it sent (delivered, retrying, failed) by
// channel kind; evaluations count what a silence kept from matching channels; the API reads what is
// still undelivered from the database at scrape time.
describe('Prometheus metrics of alert deliveries', () => {
  const metricsToken = 'metrics-token-0123456789abcdef';
  let app: LanewatchApp;
  let workerPort: number;
  let receiver: Server;
  const answered: Record<string, number[]> = { '/flaky': [], '/fail': [] };

  beforeAll(async () => {
    // /flaky answers 500 to its first request and 200 after; /fail always 500.
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const path = request.url ?? '/';
        const list = answered[path] ?? [];
        const status = path === '/flaky' && list.length > 0 ? 200 : 500;
        list.push(status);
        response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    workerPort = await freePort();
    app = await LanewatchApp.start({
      env: {
        METRICS_TOKEN: metricsToken,
        WORKER_METRICS_PORT: String(workerPort),
        SLA_REMINDER_MINUTES: '0',
        SLA_EVALUATION_INTERVAL_MS: '86400000',
        ALERT_BACKOFF_MS: '100',
        ALERT_DELIVERY_ATTEMPTS: '2',
        ALERT_ALLOW_PRIVATE_TARGETS: 'true',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const url = (path: string) => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
  const channel = async (body: Record<string, unknown>) => expect((await app.request('POST', '/api/v1/notification-channels', { body })).status).toBe(201);
  const openBreach = async (carrier: string, prefix: string, day: string, asOf: string) => {
    await app.createCarrier(carrier);
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: `metrics ${carrier}`, carrier }));
    await postEvents(app, parcels(carrier, prefix, day, { good: 0, bad: 3 }));
    const scope = (await evaluate(app, asOf)).policies.find((policy) => policy.policyId === policyId)?.scopes[0];
    expect(scope).toMatchObject({ action: 'open' });
    return scope?.breachId as string;
  };
  const statuses = async (breachId: string) =>
    (await app.sql<{ status: string }>('SELECT status FROM alert_deliveries WHERE breach_id = $1', [breachId])).map((row) => row.status);
  const scrape = async (target: string) => {
    const response = await fetch(target, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(response.status).toBe(200);
    return parsePrometheusText(await response.text());
  };

  it('counts a delivery that failed once then arrived, one that failed to the end, and two silenced, by channel kind', async () => {
    await channel({ name: 'flaky', kind: 'webhook', url: url('/flaky'), carriers: ['flaky-post'] });
    await channel({ name: 'broken', kind: 'webhook', url: url('/fail'), carriers: ['fail-post'] });
    await channel({ name: 'muted hook', kind: 'webhook', url: url('/muted'), carriers: ['muted-post'] });
    await channel({ name: 'muted mail', kind: 'email', address: 'ops@example.com', carriers: ['muted-post'] });
    const silence = await app.request('POST', '/api/v1/silences', { body: { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z', carrier: 'muted-post', reason: 'known strike' } });
    expect(silence.status).toBe(201);

    const flaky = await openBreach('flaky-post', 'FK', '2026-03-02', '2026-03-04T00:00:00Z');
    const failing = await openBreach('fail-post', 'FP', '2026-04-06', '2026-04-08T00:00:00Z');
    const muted = await openBreach('muted-post', 'MU', '2026-06-08', '2026-06-10T00:00:00Z');
    await app.waitFor(async () => (await statuses(flaky)).join() === 'delivered' && (await statuses(failing)).join() === 'failed', 60_000, 'one delivery to arrive and one to fail');
    expect(await statuses(muted)).toEqual([]);
    // The feed is what the spec claims: /flaky 500 then 200, /fail 500 on both attempts, /muted never asked.
    expect(answered['/flaky']).toEqual([500, 200]);
    expect(answered['/fail']).toEqual([500, 500]);
    expect(answered['/muted']).toBeUndefined();

    const worker = await scrape(`http://127.0.0.1:${workerPort}/metrics`);
    const sent = (kind: string, outcome: string) => worker.value('lanewatch_worker_alert_deliveries_total', { kind, outcome });
    expect([sent('webhook', 'delivered'), sent('webhook', 'retrying'), sent('webhook', 'failed')]).toEqual([1, 2, 1]);
    expect([sent('email', 'delivered'), sent('email', 'retrying'), sent('email', 'failed')]).toEqual([0, 0, 0]);
    // These evaluations ran in the API (POST /sla-evaluations): the worker evaluated none of them.
    expect([sent('webhook', 'silenced'), sent('email', 'silenced')]).toEqual([0, 0]);

    const api = await scrape(`${app.apiUrl}/metrics`);
    expect(api.value('lanewatch_alert_deliveries_silenced_total', { kind: 'webhook' })).toBe(1);
    expect(api.value('lanewatch_alert_deliveries_silenced_total', { kind: 'email' })).toBe(1);
    const undelivered = (kind: string, status: string) => api.value('lanewatch_alert_deliveries_undelivered', { kind, status });
    expect([undelivered('webhook', 'failed'), undelivered('webhook', 'pending'), undelivered('email', 'failed'), undelivered('email', 'pending')]).toEqual([1, 0, 0, 0]);
  });
});
