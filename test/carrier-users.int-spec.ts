import { createPolicy, evaluate, parcels } from './support/sla-feed';
import { LanewatchApp } from './support/lanewatch-app';

// contracts.md §3: a carrier user (role `carrier`, bound to one carrier) signs in and reads only its
// own carrier. The other carrier's code and tracking numbers carry a marker (ZULUQX); no successful
// answer to the carrier user may hold it, on any route the route-access registry lists.
const OWN = 'alfa';
const OTHER = 'zuluqx';
const MARK = /zuluqx/i;
const PASSWORD = 'alfa user password';

interface RegistryRoute {
  method: string;
  path: string;
  access: string;
}

describe('carrier users', () => {
  let app: LanewatchApp;
  let session: string;
  let userId: number;
  const ids: Record<string, string[]> = { batchId: [], id: [], keyId: [] };

  const login = async (email: string, password: string) => app.request('POST', '/api/v1/auth/login', { token: null, body: { email, password } });

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    await app.createCarrier(OWN);
    await app.createCarrier(OTHER);
    const events = [...parcels(OWN, 'ALFA', '2026-11-05', { good: 1, bad: 4 }), ...parcels(OTHER, 'ZULUQX', '2026-11-05', { good: 1, bad: 4 })];
    const posted = await app.request('POST', '/api/v1/events', { body: { events } });
    expect(posted.status).toBe(202);
    ids.batchId.push(posted.body.batchId as string);
    await app.waitForIdle();
    for (const carrier of [OWN, OTHER]) {
      const policy = { name: `first attempt ${carrier === OWN ? 'A' : 'B'}`, carrier, corridor: null, serviceLevel: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, windowDays: 7, minSample: 3, severity: 'critical' };
      ids.id.push(await createPolicy(app, policy));
    }
    await evaluate(app, '2026-11-08T00:00:00Z');
    const breaches = await app.request('GET', '/api/v1/breaches');
    expect((breaches.body as unknown as { carrier: string }[]).map((breach) => breach.carrier).sort()).toEqual([OWN, OTHER]);
    for (const breach of breaches.body as unknown as { id: string }[]) ids.id.push(breach.id);
    const carriers = await app.request('GET', '/api/v1/carriers');
    for (const carrier of carriers.body as unknown as { keys: { id: string }[] }[]) for (const key of carrier.keys) ids.keyId.push(key.id);

    const created = await app.request('POST', '/api/v1/users', { body: { email: 'ops@alfa.example', name: 'Alfa ops', role: 'carrier', carrier: OWN, password: PASSWORD } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'carrier', carrier: OWN });
    userId = created.body.id as number;
    const signedIn = await login('ops@alfa.example', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toEqual({ id: userId, email: 'ops@alfa.example', name: 'Alfa ops', role: 'carrier', carrier: OWN });
    session = signedIn.body.token as string;
  });
  afterAll(() => app?.stop());

  it('is created only with a registered carrier, and only for the carrier role', async () => {
    const create = (body: Record<string, unknown>) => app.request('POST', '/api/v1/users', { body: { email: 'x@alfa.example', name: 'X', password: PASSWORD, ...body } });
    expect((await create({ role: 'carrier' })).body).toMatchObject({ errors: ['a carrier user must name its carrier (carrier: <code>)'] });
    expect((await create({ role: 'carrier', carrier: 'nosuch' })).body).toMatchObject({ errors: ["carrier 'nosuch' is not registered; register it first (POST /api/v1/carriers)"] });
    expect((await create({ role: 'viewer', carrier: OWN })).status).toBe(400);
    expect((await app.request('GET', '/api/v1/users')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: userId, carrier: OWN })]));
    const me = await app.request('GET', '/api/v1/auth/me', { token: session });
    expect(me.body).toMatchObject({ user: { id: userId, role: 'carrier', carrier: OWN } });
  });

  it('reads its own carrier and is refused every other one, the lists spanning carriers and every change', async () => {
    const get = async (path: string) => app.request('GET', path, { token: session });
    expect((await get(`/api/v1/carriers/${OWN}/scorecard?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`)).status).toBe(200);
    const own = await get('/api/v1/breaches');
    expect((own.body as unknown as { carrier: string }[]).map((breach) => breach.carrier)).toEqual([OWN]);
    for (const path of [
      `/api/v1/carriers/${OTHER}/scorecard`,
      `/api/v1/carriers/${OTHER}/breaches`,
      `/api/v1/shipments/${OTHER}/ZULUQX0001`,
      '/api/v1/breaches?carrier=zuluqx',
      '/api/v1/carriers',
      '/api/v1/users',
      '/api/v1/notification-channels',
      '/api/v1/silences',
      '/api/v1/sla-policies',
      '/api/v1/ingest/status',
      '/api/v1/ingest/tasks',
    ]) {
      const refused = await get(path);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
    }
    const ownBreach = (own.body as unknown as { id: string }[])[0].id;
    const breachOfOther = ids.id.slice(2).find((id) => id !== ownBreach);
    expect((await get(`/api/v1/breaches/${breachOfOther}`)).status).toBe(404);
    expect((await get(`/api/v1/breaches/${breachOfOther}/evidence`)).status).toBe(404);
    // A person reads; the carrier's systems send events with its API key.
    const posted = await app.request('POST', '/api/v1/events', { token: session, body: { events: parcels(OWN, 'ALFAX', '2026-11-06', { good: 1, bad: 0 }) } });
    expect(posted.status).toBe(403);
  });

  it('answers no route of the route-access registry with another carrier data, and refuses every admin, metrics and ingest route', async () => {
    const document = await app.request('GET', '/api/docs-json', { token: null });
    const paths = document.body.paths as unknown as Record<string, Record<string, { 'x-lanewatch-access'?: string }>>;
    const routes: RegistryRoute[] = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, access: String(operation['x-lanewatch-access']) })),
    );
    expect(routes.length).toBeGreaterThan(50);
    const values: Record<string, string[]> = {
      carrier: [OWN, OTHER],
      code: [OWN, OTHER],
      trackingNumber: ['ALFA0001', 'ZULUQX0001'],
      format: ['aftership', '17track'],
      month: ['2026-11', '2026-11.csv', '2026-11.pdf'],
      ...ids,
    };
    const fill = (path: string): string[] => {
      let filled = [path];
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) filled = filled.flatMap((one) => (values[name] ?? ['x']).map((value) => one.replace(`{${name}}`, encodeURIComponent(value))));
      return filled;
    };
    const queries = ['', `?carrier=${OTHER}`, `?carrier=${OWN}`, '?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=carrier', `?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=carrier,corridor&carrier=${OTHER}`];
    const found: string[] = [];
    const notRefused: string[] = [];
    let asked = 0;
    for (const route of routes) {
      if (['admin', 'metrics', 'ingest'].includes(route.access)) {
        for (const path of fill(route.path).slice(0, 1)) {
          const response = await app.request(route.method, path, { token: session, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
          asked += 1;
          if (response.status !== 403) notRefused.push(`${route.method} ${path} (${route.access}): ${response.status}`);
        }
        continue;
      }
      if (route.method !== 'GET') continue;
      for (const path of fill(route.path)) {
        for (const query of queries) {
          const response = await app.request('GET', `${path}${query}`, { token: session });
          asked += 1;
          expect(response.status).toBeLessThan(500);
          const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
          if (response.status < 300 && MARK.test(text)) found.push(`GET ${path}${query} (${response.status}): ${text.slice(0, 200)}`);
          if (response.status < 300 && path.includes(OTHER)) found.push(`GET ${path}${query} answered ${response.status}`);
        }
      }
    }
    process.stderr.write(`[carrier-users] ${asked} requests as a carrier user over ${routes.length} routes\n`);
    expect(notRefused).toEqual([]);
    expect(found).toEqual([]);
  });

  it('follows a change of role or carrier at once, and refuses a carrier role without a carrier', async () => {
    expect((await app.request('PATCH', `/api/v1/users/${userId}`, { body: { carrier: 'nosuch' } })).status).toBe(400);
    const viewer = await app.request('PATCH', `/api/v1/users/${userId}`, { body: { role: 'viewer' } });
    expect(viewer.body).toMatchObject({ role: 'viewer', carrier: null });
    expect((await app.request('GET', '/api/v1/carriers', { token: session })).status).toBe(200);
    expect((await app.request('PATCH', `/api/v1/users/${userId}`, { body: { role: 'carrier' } })).status).toBe(400);
    const moved = await app.request('PATCH', `/api/v1/users/${userId}`, { body: { role: 'carrier', carrier: OTHER } });
    expect(moved.body).toMatchObject({ role: 'carrier', carrier: OTHER });
    expect((await app.request('GET', `/api/v1/carriers/${OWN}/breaches`, { token: session })).status).toBe(403);
    expect((await app.request('GET', `/api/v1/carriers/${OTHER}/breaches`, { token: session })).status).toBe(200);
    const back = await app.request('PATCH', `/api/v1/users/${userId}`, { body: { carrier: OWN } });
    expect(back.body).toMatchObject({ role: 'carrier', carrier: OWN });
  });
});
