import fc from 'fast-check';
import { fuzzCase, FuzzCase, GetRoute, materialise, RequestToSend } from './support/fuzz-cases';
import { FUZZ_CARRIER, FUZZ_USER, jsonTargets, SPARE_CARRIER } from './support/fuzz-targets';
import { LanewatchApp } from './support/lanewatch-app';

// Issue 12 and events.md §8: hostile or broken input never crashes the API, never gets a 5xx and
// never loses an accepted event. A seeded, bounded fuzz run over every write endpoint (each carrier
// format signed over its mutated bytes, so the parsers are reached), CSV imports, login and the GET
// routes' path and query parameters. FUZZ_REQUESTS sets the count (20000 in npm test, as issue 12 asks; more for a soak),
// FUZZ_SEED the seed; a failure prints the seed, the request and the API's logged error.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261112);
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 30_000;
const CHUNK = 250;

interface Outcome {
  status: number | 'hung' | 'reset';
  request: RequestToSend;
  testCase: FuzzCase;
  responseText: string;
  logs: string;
}

describe(`fuzz: ${REQUESTS} malformed requests (seed ${SEED})`, () => {
  let app: LanewatchApp;
  let carrierKey: string;
  let webhookSecret: string;
  let apiPid: number | null;
  const ids: string[] = [];
  const acceptedBatches = new Set<string>();

  beforeAll(async () => {
    app = await LanewatchApp.start({
      env: {
        INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
        LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS: '10000',
        LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
        LOGIN_ATTEMPTS_PER_EMAIL: '100000',
        LOGIN_ATTEMPTS_PER_MINUTE: '1000000',
        INGEST_JOB_ATTEMPTS: '2',
        SLA_EVALUATION_INTERVAL_MS: '86400000',
      },
    });
    ({ apiKey: carrierKey, webhookSecret } = await app.createCarrier(FUZZ_CARRIER));
    await app.createCarrier(SPARE_CARRIER);
    const created = async (method: string, path: string, body: unknown) => {
      const response = await app.request(method, path, { body });
      expect(response.status).toBeLessThan(300);
      return response.body;
    };
    await created('PUT', `/api/v1/carriers/${FUZZ_CARRIER}/import-mapping`, { columns: { trackingNumber: 'tn', occurredAt: 'at', milestone: 'ms', country: 'country' }, defaultTimeZone: 'UTC' });
    const user = await created('POST', '/api/v1/users', { email: FUZZ_USER.email, name: 'Fuzz', role: 'viewer', password: FUZZ_USER.password });
    ids.push(String(user.id));
    ids.push(String((await created('POST', '/api/v1/notification-channels', { name: 'hook', kind: 'webhook', url: 'https://hooks.example.com/x' })).id));
    ids.push(String((await created('POST', '/api/v1/silences', { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z', reason: 'strike' })).id));
    const policy = { name: 'p', carrier: FUZZ_CARRIER, corridor: null, serviceLevel: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, windowDays: 7, minSample: 1, severity: 'critical' };
    ids.push(String((await created('POST', '/api/v1/sla-policies', policy)).id));
    const batch = await app.request('POST', '/api/v1/events', { token: carrierKey, body: { events: [{ trackingNumber: 'FUZZ000001CN', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z' }] } });
    ids.push(String(batch.body.batchId));
    acceptedBatches.add(String(batch.body.batchId));
    apiPid = app.apiPid;
    expect(apiPid).not.toBeNull();
  });
  afterAll(() => app?.stop());

  async function send(request: RequestToSend): Promise<{ status: number | 'hung' | 'reset'; text: string }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(`${app.apiUrl}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body ? new Uint8Array(request.body) : undefined,
        signal: abort.signal,
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      const text = String((error as { cause?: unknown }).cause ?? error);
      return { status: abort.signal.aborted ? 'hung' : 'reset', text };
    } finally {
      clearTimeout(timer);
    }
  }

  it('answers every request below 500, stays alive, and loses no accepted event', async () => {
    const document = await app.request('GET', '/api/docs-json', { token: null });
    const paths = document.body.paths as unknown as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    const routes: GetRoute[] = Object.entries(paths)
      .filter(([, methods]) => methods.get)
      .map(([path, methods]) => ({
        path,
        pathParams: (methods.get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (methods.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(routes.length).toBeGreaterThan(20);
    const targets = jsonTargets();
    const credentials = { adminToken: app.adminToken, carrierKey, webhookSecret, ids };

    const histogram = new Map<string, number>();
    const byTarget = new Map<string, Map<string, number>>();
    const failures: Outcome[] = [];
    let sent = 0;
    for (let chunk = 0; sent < REQUESTS; chunk += 1) {
      const cases = fc.sample(fuzzCase(targets, routes), { seed: SEED + chunk, numRuns: Math.min(CHUNK, REQUESTS - sent) });
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const index = next++;
          const testCase = cases[index];
          const request = materialise(testCase, targets, routes, credentials, sent + index);
          const logsBefore = app.recentLogs().length;
          const { status, text } = await send(request);
          const key = String(status);
          histogram.set(key, (histogram.get(key) ?? 0) + 1);
          const perTarget = byTarget.get(request.summary) ?? new Map<string, number>();
          perTarget.set(key, (perTarget.get(key) ?? 0) + 1);
          byTarget.set(request.summary, perTarget);
          if (typeof status !== 'number' || status >= 500) failures.push({ status, request, testCase, responseText: text.slice(0, 500), logs: app.recentLogs().slice(Math.max(0, logsBefore - 200)).slice(-3000) });
          if (status === 202) {
            const batchId = safeBatchId(text);
            if (batchId) acceptedBatches.add(batchId);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      sent += cases.length;
      if (app.apiPid !== apiPid) break;
    }
    const crashed = app.apiPid !== apiPid;
    if (crashed) console.log(`the API process died during chunk ending at request ${sent}; its last log:\n${app.recentLogs().slice(-6000)}`);

    console.log(
      [
        `fuzz seed ${SEED}: ${sent} requests; statuses ${[...histogram].sort().map(([status, count]) => `${status}: ${count}`).join(', ')}`,
        ...[...byTarget].sort().map(([target, statuses]) => `  ${target}: ${[...statuses].sort().map(([status, count]) => `${status}×${count}`).join(' ')}`),
      ].join('\n'),
    );
    for (const failure of failures.slice(0, 12)) {
      const body = failure.request.body;
      console.log(
        [
          `${failure.status} for ${failure.request.method} ${failure.request.path.slice(0, 300)} (${failure.request.summary})`,
          `headers: ${JSON.stringify(failure.request.headers)}`,
          `body (${body?.length ?? 0} bytes): ${body ? body.subarray(0, 1500).toString('utf8') : ''}`,
          `case: ${fc.stringify(failure.testCase).slice(0, 1500)}`,
          `response: ${failure.responseText}`,
          `API log: ${failure.logs}`,
        ].join('\n'),
      );
    }
    expect(crashed).toBe(false);
    expect(failures.map((failure) => `${failure.status} ${failure.request.method} ${failure.request.path.slice(0, 120)} (${failure.request.summary})`)).toEqual([]);
    expect(app.apiPid).toBe(apiPid);

    // Afterwards: a valid event is accepted and stored, and every accepted batch was processed.
    const valid = await app.request('POST', '/api/v1/events', {
      token: carrierKey,
      body: { events: [{ trackingNumber: 'FUZZAFTER01CN', milestone: 'ACCEPTED', occurredAt: '2026-11-20T08:00:00Z' }] },
    });
    expect(valid.status).toBe(202);
    acceptedBatches.add(String(valid.body.batchId));
    const status = await app.waitForIdle(300_000);
    expect(status.failedBatches).toBe(0);
    expect(await app.sql(`SELECT 1 FROM events WHERE tracking_number = 'FUZZAFTER01CN'`)).toHaveLength(1);
    const batches = await app.sql<{ id: string; status: string; error: string | null }>(`SELECT id, status, error FROM ingest_batches WHERE id = ANY($1::uuid[])`, [[...acceptedBatches]]);
    expect(batches.filter((batch) => batch.status !== 'processed')).toEqual([]);
    expect(batches).toHaveLength(acceptedBatches.size);
    console.log(`fuzz: ${acceptedBatches.size} accepted batches, all processed; ${status.eventsStored} events stored, ${status.deadLetters} dead letters`);
    expect(app.apiPid).toBe(apiPid);
  }, 600_000 + REQUESTS * 100);
});

function safeBatchId(text: string): string | null {
  try {
    const body = JSON.parse(text) as { batchId?: unknown };
    return typeof body.batchId === 'string' ? body.batchId : null;
  } catch {
    return null;
  }
}
