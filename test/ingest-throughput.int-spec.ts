import type { IngestHourCounts, IngestThroughput } from '@lanewatch/domain';
import { LanewatchApp } from './support/lanewatch-app';
import { HOUR_MS } from '@lanewatch/domain';


// GET /api/v1/ingest/throughput: what every request answered (canonical posts, a CSV import, an
// admin request spanning carriers, a request with nothing valid), per UTC hour and carrier.
describe('GET /api/v1/ingest/throughput', () => {
  let app: LanewatchApp;
  let correiosKey: string;
  let cainiaoKey: string;
  let viewerToken: string;
  // The UTC hour every request of the mix was received in.
  let hourMs: number;

  const valid = (trackingNumber: string, extra: Record<string, unknown> = {}) => ({
    trackingNumber,
    milestone: 'ACCEPTED',
    occurredAt: '2026-11-02T08:15:00-03:00',
    ...extra,
  });
  const noOffset = (trackingNumber: string) => valid(trackingNumber, { occurredAt: '2026-11-02T08:15:00' });
  const iso = (epochMs: number) => new Date(epochMs).toISOString();
  const zero: IngestHourCounts = { accepted: 0, duplicates: 0, rejected: 0 };

  async function post(token: string | null | undefined, events: unknown[]): Promise<IngestHourCounts> {
    const response = await app.request('POST', '/api/v1/events', { token, body: { events } });
    expect(response.status).toBe(202);
    return { accepted: response.body.accepted as number, duplicates: response.body.duplicates as number, rejected: (response.body.rejected as unknown[]).length };
  }

  async function throughput(query: string, token?: string | null) {
    const response = await app.request('GET', `/api/v1/ingest/throughput${query}`, { token });
    return { status: response.status, body: response.body as unknown as IngestThroughput & { message: string; errors: string[] } };
  }

  beforeAll(async () => {
    app = await LanewatchApp.start();
    correiosKey = (await app.createCarrier('correios')).apiKey;
    cainiaoKey = (await app.createCarrier('cainiao', 'platform')).apiKey;
    const password = 'viewer password 2026';
    expect((await app.request('POST', '/api/v1/users', { body: { email: 'vera@example.com', name: 'Vera', role: 'viewer', password } })).status).toBe(201);
    viewerToken = (await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'vera@example.com', password } })).body.token as string;
    const mapping = { columns: { trackingNumber: 'tracking', milestone: 'milestone', occurredAt: 'when' } };
    expect((await app.request('PUT', '/api/v1/carriers/correios/import-mapping', { body: mapping })).status).toBe(200);

    // Counts are kept per hour of receipt: keep the whole mix inside one hour so the expected
    // series is exact (a bounded wait on the wall clock, not a synchronisation).
    const untilNextHour = HOUR_MS - (Date.now() % HOUR_MS);
    if (untilNextHour < 60_000) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 1000));
    hourMs = Date.now() - (Date.now() % HOUR_MS);

    // correios: 2 accepted, the first again (a duplicate), 1 without an offset.
    expect(await post(correiosKey, [valid('CO00001BR'), valid('CO00002BR'), valid('CO00001BR'), noOffset('CO00003BR')])).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: 1,
    });
    // correios: nothing valid, so no batch is stored; still 3 rejects, one claiming another carrier.
    expect(await post(correiosKey, [noOffset('CO00004BR'), 'not an object', valid('CO00005BR', { carrier: 'cainiao' })])).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: 3,
    });
    // cainiao: one event sent twice.
    expect(await post(cainiaoKey, [valid('LP0001CN'), valid('LP0001CN')])).toEqual({ accepted: 1, duplicates: 1, rejected: 0 });
    // admin: one event per carrier, one for an unknown carrier and one without a carrier (carrier 0).
    expect(
      await post(undefined, [valid('AD00001BR', { carrier: 'correios' }), valid('AD00002CN', { carrier: 'cainiao' }), valid('AD00003XX', { carrier: 'nobody' }), valid('AD00004XX')]),
    ).toEqual({ accepted: 2, duplicates: 0, rejected: 2 });
    // A CSV import by correios: 2 rows accepted, 1 rejected by the mapping (no time).
    const form = new FormData();
    const csv = 'tracking,milestone,when\nIM00001BR,ACCEPTED,2026-11-02T08:15:00-03:00\nIM00002BR,ACCEPTED,2026-11-02T09:15:00-03:00\nIM00003BR,ACCEPTED,\n';
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'correios.csv');
    const imported = await fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${correiosKey}` }, body: form });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ status: 'completed', rowsRead: 3, accepted: 2, rejected: 1 });

    if (Date.now() - (Date.now() % HOUR_MS) !== hourMs) throw new Error('the mix took more than a minute and crossed an hour boundary');
    await app.waitForIdle();
  });
  afterAll(() => app?.stop());

  it('gives every hour of the window in order, zeros included, with the mix in its hour', async () => {
    const from = hourMs - 23 * HOUR_MS;
    const { status, body } = await throughput(`?from=${iso(from)}&to=${iso(hourMs + HOUR_MS)}`);
    expect(status).toBe(200);
    const all = { accepted: 7, duplicates: 2, rejected: 7 };
    expect(body).toEqual({
      from: iso(from),
      to: iso(hourMs + HOUR_MS),
      carrier: null,
      hours: Array.from({ length: 24 }, (_, index) => ({ hour: iso(from + index * HOUR_MS), ...(index === 23 ? all : zero) })),
      totals: all,
    });
  });

  it('defaults to the last 24 hours, the same for the admin token and a viewer', async () => {
    const admin = await throughput('');
    expect(admin.status).toBe(200);
    expect(admin.body.hours).toHaveLength(24);
    expect(Date.parse(admin.body.to) - Date.parse(admin.body.from)).toBe(24 * HOUR_MS);
    expect(admin.body.hours.find((hour) => hour.hour === iso(hourMs))).toEqual({ hour: iso(hourMs), accepted: 7, duplicates: 2, rejected: 7 });
    expect(admin.body.totals).toEqual({ accepted: 7, duplicates: 2, rejected: 7 });
    const viewer = await throughput('', viewerToken);
    expect(viewer.status).toBe(200);
    expect(viewer.body).toEqual(admin.body);
  });

  it("counts each carrier's share, including the admin request's events", async () => {
    const window = `from=${iso(hourMs)}&to=${iso(hourMs + HOUR_MS)}`;
    const correios = await throughput(`?${window}&carrier=correios`);
    expect(correios.status).toBe(200);
    expect(correios.body.carrier).toBe('correios');
    expect(correios.body.hours).toEqual([{ hour: iso(hourMs), accepted: 5, duplicates: 1, rejected: 5 }]);
    const cainiao = await throughput(`?${window}&carrier=cainiao`);
    expect(cainiao.body.hours).toEqual([{ hour: iso(hourMs), accepted: 2, duplicates: 1, rejected: 0 }]);
  });

  it("confines a carrier key to its own carrier's counts", async () => {
    const own = await throughput('', correiosKey);
    expect(own.status).toBe(200);
    expect(own.body.carrier).toBe('correios');
    expect(own.body.totals).toEqual({ accepted: 5, duplicates: 1, rejected: 5 });
    expect((await throughput('?carrier=correios', correiosKey)).body.totals).toEqual(own.body.totals);
    expect((await throughput('', cainiaoKey)).body.totals).toEqual({ accepted: 2, duplicates: 1, rejected: 0 });
    const other = await throughput('?carrier=cainiao', correiosKey);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe("this API key belongs to carrier 'correios', not 'cainiao'");
    expect((await throughput('', null)).status).toBe(401);
  });

  it('answers 400 naming each invalid parameter', async () => {
    const cases: [string, string[]][] = [
      ['?from=2026-11-01T00:30:00Z&to=2026-11-02T00:00:00Z', ['from must fall on a whole UTC hour (e.g. 2026-11-02T08:00:00Z)']],
      ['?from=2026-11-01T00:00:00&to=yesterday', ['from must include a UTC offset (e.g. -03:00) or Z', 'to must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00']],
      ['?from=2026-11-01T00:00:00Z&to=2026-11-08T01:00:00Z', ['the window from from to to must be at most 7 days']],
      ['?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', ['from must be before to']],
      ['?carrier=Not%20A%20Code', ['carrier must be a carrier code']],
      ['?carrier=nobody', ["carrier 'nobody' is not registered"]],
    ];
    for (const [query, errors] of cases) {
      const response = await throughput(query);
      expect({ query, status: response.status, message: response.body.message, errors: response.body.errors }).toEqual({
        query,
        status: 400,
        message: 'invalid ingest throughput query',
        errors,
      });
    }
  });

  it('reads only the counters: batches and events do not change the answer', async () => {
    const window = `?from=${iso(hourMs)}&to=${iso(hourMs + HOUR_MS)}`;
    const before = (await throughput(window)).body;
    await app.sql('DELETE FROM ingest_batches');
    expect((await throughput(window)).body).toEqual(before);
  });
});
