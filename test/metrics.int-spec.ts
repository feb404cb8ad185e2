import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dashboardTargets, loadDashboard, metricNamesIn } from './support/grafana-dashboard';
import { freePort, LanewatchApp } from './support/lanewatch-app';
import { Exposition, parsePrometheusText } from './support/prometheus-text';

// Issue 13: operators see load and backlog through Prometheus. The API serves its own counters and the
// pipeline's gauges at /metrics and /api/v1/metrics; each worker serves its own at WORKER_METRICS_PORT.
describe('Prometheus metrics', () => {
  // A dashboard build of one page: its fallback answers every GET outside the API, but not /metrics.
  const webDir = mkdtempSync(join(tmpdir(), 'lanewatch-web-'));
  const DASHBOARD_PAGE = '<!doctype html><title>lanewatch dashboard page</title>';
  const metricsToken = 'metrics-token-0123456789abcdef';
  let app: LanewatchApp;
  let workerPort: number;
  let correios: string;
  let cainiao: string;

  beforeAll(async () => {
    workerPort = await freePort();
    writeFileSync(join(webDir, 'index.html'), DASHBOARD_PAGE);
    app = await LanewatchApp.start({ env: { METRICS_TOKEN: metricsToken, WORKER_METRICS_PORT: String(workerPort), WEB_DIST_DIR: webDir } });
    correios = (await app.createCarrier('correios')).apiKey;
    cainiao = (await app.createCarrier('cainiao', 'platform')).apiKey;
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(webDir, { recursive: true, force: true });
  });

  const event = (trackingNumber: string, hour: number, overrides: Record<string, unknown> = {}) => ({
    trackingNumber,
    milestone: 'ACCEPTED',
    occurredAt: `2026-11-02T${String(hour).padStart(2, '0')}:00:00Z`,
    location: { country: 'BR' },
    ...overrides,
  });

  const scrapeApi = async (token: string | null, path = '/api/v1/metrics'): Promise<{ status: number; contentType: string | null; text: string }> => {
    const response = await fetch(`${app.apiUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  };
  const scrapeWorker = async (token: string | null) => {
    const response = await fetch(`http://127.0.0.1:${workerPort}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, text: await response.text() };
  };

  /** What the API answered, summed per carrier: the counters must say the same. */
  const answered = new Map<string, { accepted: number; duplicates: number; rejected: number }>();
  let batchesPosted = 0;
  let eventPosts = 0;
  let firstBatchId = '';
  const post = async (carrier: string, token: string, events: unknown[]) => {
    const response = await app.request('POST', '/api/v1/events', { token, body: { events } });
    expect(response.status).toBe(202);
    eventPosts += 1;
    const body = response.body as unknown as { batchId: string | null; accepted: number; duplicates: number; rejected: unknown[] };
    const sum = answered.get(carrier) ?? { accepted: 0, duplicates: 0, rejected: 0 };
    answered.set(carrier, { accepted: sum.accepted + body.accepted, duplicates: sum.duplicates + body.duplicates, rejected: sum.rejected + body.rejected.length });
    if (body.batchId) {
      batchesPosted += 1;
      firstBatchId ||= body.batchId;
    }
  };

  let api: Exposition;
  let workerPage: Exposition;

  it('posts a feed: accepted events, duplicates within a request, rejections, and a request with nothing to store', async () => {
    await post('correios', correios, [event('MT001BR', 1), event('MT001BR', 1), event('MT002BR', 2), event('MT003BR', 3, { milestone: 'TELEPORTED' })]);
    await post('correios', correios, [event('MT001BR', 4, { milestone: 'TRANSIT_HUB' }), event('MT004BR', 5)]);
    await post('cainiao', cainiao, [event('LP001CN', 1, { location: { country: 'CN' } }), event('LP002CN', 2, { location: { country: 'CN' } })]);
    await post('cainiao', cainiao, [event('LP003CN', 3, { milestone: 'TELEPORTED' })]);
    // The admin token posts for a carrier named in each event: counted under that carrier.
    await post('cainiao', app.adminToken, [event('LP004CN', 4, { carrier: 'cainiao', location: { country: 'CN' } })]);
    await app.waitForIdle();
    // Sent again in a later request: the API cannot tell, the worker finds it stored.
    await post('correios', correios, [event('MT002BR', 2)]);
    const status = await app.waitForIdle();
    expect(status).toMatchObject({ pendingBatches: 0, failedBatches: 0 });
    // The feed is what the spec claims it is: every outcome occurs.
    expect(answered.get('correios')).toEqual({ accepted: 5, duplicates: 1, rejected: 1 });
    expect(batchesPosted).toBe(5);
    expect((await app.request('GET', `/api/v1/ingest/batches/${firstBatchId}`)).status).toBe(200);
  });

  it('refuses the API page without a token (401), with a wrong one (401) and to a carrier key (403)', async () => {
    expect((await scrapeApi(null)).status).toBe(401);
    expect((await scrapeApi('not-the-metrics-token-at-all')).status).toBe(401);
    expect((await scrapeApi(correios)).status).toBe(403);
  });

  it('serves the page to METRICS_TOKEN and to the admin token, in the Prometheus text format', async () => {
    const byAdmin = await scrapeApi(app.adminToken);
    expect(byAdmin.status).toBe(200);
    expect(() => parsePrometheusText(byAdmin.text)).not.toThrow();
    const scraped = await scrapeApi(metricsToken);
    expect(scraped.status).toBe(200);
    expect(scraped.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    api = parsePrometheusText(scraped.text);
    expect(api.types.get('lanewatch_ingest_events_total')).toBe('counter');
    expect(api.types.get('lanewatch_http_request_duration_seconds')).toBe('histogram');
    expect(api.types.get('lanewatch_ingest_pending_batches')).toBe('gauge');
  });

  it('counts ingested events per carrier, route and outcome as the API answered them', () => {
    for (const [carrier, sums] of answered) {
      const labels = { carrier, route: 'events' };
      expect(api.value('lanewatch_ingest_events_total', { ...labels, outcome: 'accepted' })).toBe(sums.accepted);
      expect(api.value('lanewatch_ingest_events_total', { ...labels, outcome: 'duplicate' }) ?? 0).toBe(sums.duplicates);
      expect(api.value('lanewatch_ingest_events_total', { ...labels, outcome: 'rejected' }) ?? 0).toBe(sums.rejected);
    }
    const carriers = new Set(api.find('lanewatch_ingest_events_total').map((sample) => sample.labels.carrier));
    expect(carriers).toEqual(new Set(['correios', 'cainiao']));
  });

  it('counts HTTP requests by route template and status class, never by raw URL', () => {
    const posts = { method: 'POST', route: '/api/v1/events' };
    expect(api.value('lanewatch_http_requests_total', { ...posts, status_class: '2xx' })).toBe(eventPosts);
    expect(api.value('lanewatch_http_request_duration_seconds_count', posts)).toBe(eventPosts);
    expect(api.value('lanewatch_http_request_duration_seconds_bucket', { ...posts, le: '+Inf' })).toBe(eventPosts);
    // The two 401s and the 403 before; the admin's 200 too (this scrape is counted once it is sent).
    const scrapes = { method: 'GET', route: '/api/v1/metrics' };
    expect(api.value('lanewatch_http_requests_total', { ...scrapes, status_class: '4xx' })).toBe(3);
    expect(api.value('lanewatch_http_requests_total', { ...scrapes, status_class: '2xx' })).toBe(1);
    expect(api.value('lanewatch_http_requests_total', { method: 'GET', route: '/api/v1/ingest/batches/:batchId', status_class: '2xx' })).toBe(1);
    const routes = api.find('lanewatch_http_requests_total').map((sample) => sample.labels.route);
    expect(routes.some((route) => route.includes(firstBatchId))).toBe(false);
  });

  it('reads the pipeline gauges and queue depths at scrape time', async () => {
    const status = await app.status();
    expect(api.value('lanewatch_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(api.value('lanewatch_dependency_up', { dependency: 'redis' })).toBe(1);
    expect(api.value('lanewatch_ingest_pending_batches')).toBe(0);
    expect(api.value('lanewatch_ingest_failed_batches')).toBe(0);
    expect(api.value('lanewatch_ingest_dead_letters')).toBe(0);
    expect(api.value('lanewatch_derivation_backlog')).toBe(0);
    expect(api.value('lanewatch_ingest_oldest_pending_batch_age_seconds')).toBe(0);
    expect(api.value('lanewatch_ingest_events_stored')).toBe(status.eventsStored);
    // Every accepted event is stored but the one sent again in a later request.
    expect(status.eventsStored).toBe([...answered.values()].reduce((sum, counts) => sum + counts.accepted, 0) - 1);
    expect(api.value('lanewatch_compaction_backlog')).toEqual(expect.any(Number));
    for (const queue of ['ingest', 'sla', 'alerts']) expect(api.value('lanewatch_queue_jobs', { queue, state: 'active' })).toEqual(expect.any(Number));
    expect(api.value('lanewatch_queue_jobs', { queue: 'ingest', state: 'waiting' })).toBe(0);
    expect(api.value('lanewatch_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(api.value('lanewatch_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it("serves the worker's own counters to METRICS_TOKEN or the admin token only", async () => {
    expect((await scrapeWorker(null)).status).toBe(401);
    expect((await scrapeWorker('not-the-metrics-token-at-all')).status).toBe(401);
    expect((await scrapeWorker(app.adminToken)).status).toBe(200);
    // Compaction folds the feed's deltas after the batches are done.
    await app.waitFor(async () => (await app.status()).compactionBacklog === 0, 60_000, 'the rollup deltas to be folded');
    const scraped = await scrapeWorker(metricsToken);
    expect(scraped.status).toBe(200);
    const worker = parsePrometheusText(scraped.text);
    const status = await app.status();
    expect(worker.value('lanewatch_worker_batches_total', { outcome: 'processed' })).toBe(batchesPosted);
    expect(worker.value('lanewatch_worker_batches_total', { outcome: 'failed' }) ?? 0).toBe(0);
    expect(worker.value('lanewatch_worker_batch_duration_seconds_count', { outcome: 'processed' })).toBe(batchesPosted);
    // Per carrier: every accepted event stored once, the one resent counted as a duplicate of correios.
    expect(worker.value('lanewatch_worker_events_stored_total', { carrier: 'correios' })).toBe((answered.get('correios')?.accepted ?? 0) - 1);
    expect(worker.value('lanewatch_worker_events_stored_total', { carrier: 'cainiao' })).toBe(answered.get('cainiao')?.accepted);
    expect(worker.find('lanewatch_worker_events_stored_total').reduce((sum, sample) => sum + sample.value, 0)).toBe(status.eventsStored);
    expect(worker.value('lanewatch_worker_event_duplicates_total', { carrier: 'correios' })).toBe(1);
    expect(worker.value('lanewatch_worker_event_duplicates_total', { carrier: 'cainiao' }) ?? 0).toBe(0);
    expect(new Set(worker.find('lanewatch_worker_events_stored_total').map((sample) => sample.labels.carrier))).toEqual(new Set(['correios', 'cainiao']));
    // Every channel kind and outcome is served from the start, at 0 before any alert.
    expect(worker.find('lanewatch_worker_alert_deliveries_total')).toHaveLength(8);
    expect(worker.find('lanewatch_worker_alert_deliveries_total').every((sample) => sample.value === 0)).toBe(true);
    workerPage = worker;
    const [{ legs }] = await app.sql<{ legs: number }>(`SELECT count(*)::int AS legs FROM legs`);
    expect(legs).toBeGreaterThan(0);
    // Every leg was derived at least once; one queued by two batches may be derived twice.
    expect(worker.value('lanewatch_worker_legs_derived_total')).toBeGreaterThanOrEqual(legs);
    const [{ deltas }] = await app.sql<{ deltas: number }>(`SELECT count(*)::int AS deltas FROM kpi_rollup_deltas`);
    expect(deltas).toBe(0);
    expect(worker.value('lanewatch_worker_rollup_deltas_folded_total')).toBeGreaterThan(0);
    expect(worker.value('lanewatch_worker_component_lock_seconds_count')).toBeGreaterThan(0);
    expect(worker.value('lanewatch_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
  it('serves the same page at /metrics, with the same protection, and not the dashboard there', async () => {
    // The dashboard is served: any other GET path outside /api answers its page.
    const page = await fetch(`${app.apiUrl}/carriers/correios`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(DASHBOARD_PAGE);
    expect((await scrapeApi(null, '/metrics')).status).toBe(401);
    expect((await scrapeApi('not-the-metrics-token-at-all', '/metrics')).status).toBe(401);
    expect((await scrapeApi(correios, '/metrics')).status).toBe(403);
    const scraped = await scrapeApi(metricsToken, '/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraped.text).not.toContain('lanewatch dashboard page');
    const root = parsePrometheusText(scraped.text);
    expect(root.value('lanewatch_ingest_events_total', { carrier: 'correios', route: 'events', outcome: 'accepted' })).toBe(answered.get('correios')?.accepted);
    // Counted under its own route template; the /api/v1 path counted the four scrapes earlier.
    expect(root.value('lanewatch_http_requests_total', { method: 'GET', route: '/metrics', status_class: '4xx' })).toBe(3);
    expect(root.value('lanewatch_http_requests_total', { method: 'GET', route: '/api/v1/metrics', status_class: '2xx' })).toBe(2);
    expect((await scrapeApi(metricsToken)).status).toBe(200);
  });

  it('reads compaction lag and undelivered alerts at scrape time: nothing waits once idle', async () => {
    await app.waitFor(async () => (await app.status()).compactionBacklog === 0, 60_000, 'the rollup deltas to be folded');
    const scraped = parsePrometheusText((await scrapeApi(metricsToken, '/metrics')).text);
    expect(scraped.value('lanewatch_compaction_backlog')).toBe(0);
    expect(scraped.value('lanewatch_compaction_oldest_delta_age_seconds')).toBe(0);
    for (const kind of ['webhook', 'email']) {
      for (const status of ['pending', 'failed']) expect(scraped.value('lanewatch_alert_deliveries_undelivered', { kind, status })).toBe(0);
      expect(scraped.value('lanewatch_alert_deliveries_silenced_total', { kind })).toBe(0);
    }
  });

  it('the Grafana dashboard reads only metrics that a real scrape of the API or a worker serves', async () => {
    const apiPage = parsePrometheusText((await scrapeApi(metricsToken, '/metrics')).text);
    const served = new Set([...apiPage.samples, ...workerPage.samples].map((sample) => sample.name));
    const targets = dashboardTargets(loadDashboard());
    expect(targets.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const target of targets) {
      const names = metricNamesIn(target.expr);
      // Every query reads some Lanewatch series, through the template variable's data source.
      expect({ panel: target.panel, names: names.length > 0, datasource: target.datasource }).toEqual({
        panel: target.panel,
        names: true,
        datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' },
      });
      for (const name of names) if (!served.has(name)) missing.push(`${target.panel}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it("counts the seconds the worker's backends wait on a lock another transaction holds, by kind", async () => {
    const relationWait = async () => parsePrometheusText((await scrapeWorker(metricsToken)).text).value('lanewatch_worker_lock_wait_seconds_total', { lock: 'relation' });
    const before = await relationWait();
    expect(before).toEqual(expect.any(Number));
    // A table the worker writes when it stores a batch and reads when it derives, held exclusively here
    // for 3 s while a batch comes: its backends wait, and the once-a-second samples see them.
    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE link_queue IN ACCESS EXCLUSIVE MODE');
      await post('correios', correios, [event('MT009BR', 9)]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    await app.waitForIdle();
    expect(((await relationWait()) ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(1.5);
  });
});

describe('Prometheus metrics while Redis is down', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, worker: false });
  });
  afterAll(() => app?.stop());

  it('still serves what PostgreSQL tells, reports Redis down and no queue depths', async () => {
    const response = await fetch(`${app.apiUrl}/api/v1/metrics`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(response.status).toBe(200);
    const scraped = parsePrometheusText(await response.text());
    expect(scraped.value('lanewatch_dependency_up', { dependency: 'redis' })).toBe(0);
    expect(scraped.value('lanewatch_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(scraped.find('lanewatch_queue_jobs')).toEqual([]);
    expect(scraped.value('lanewatch_ingest_pending_batches')).toBe(0);
  });

  it('without METRICS_TOKEN configured, takes no other bearer than an admin', async () => {
    const response = await fetch(`${app.apiUrl}/api/v1/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789abcdef' } });
    expect(response.status).toBe(401);
  });
});
