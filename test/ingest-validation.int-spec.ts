import { LanewatchApp } from './support/lanewatch-app';

// Every rejection rule of events.md §2 over HTTP: status, index, the named problem, and the
// valid events of the same batch stored.
describe('POST /api/v1/events validation', () => {
  let app: LanewatchApp;
  let correiosKey: string;

  const valid = (trackingNumber: string, extra: Record<string, unknown> = {}) => ({
    trackingNumber,
    milestone: 'ACCEPTED',
    occurredAt: '2026-11-02T08:15:00-03:00',
    ...extra,
  });

  beforeAll(async () => {
    app = await LanewatchApp.start();
    correiosKey = (await app.createCarrier('correios')).apiKey;
    await app.createCarrier('cainiao', 'platform');
  });
  afterAll(() => app?.stop());

  it('accepts the valid events of a batch and names each rejected one by index with every problem', async () => {
    const future = new Date(Date.now() + 25 * 3600_000).toISOString();
    const events = [
      valid('VALID00001BR'),
      valid('MISSINGOFFSET', { occurredAt: '2026-11-02T08:15:00' }),
      valid('UNKNOWNMS', { milestone: 'TELEPORTED' }),
      valid('bad tracking!'),
      valid('FUTURE0001', { occurredAt: future }),
      valid('OTHERCARRIER', { carrier: 'cainiao' }),
      { milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00Z' },
      valid('UNPARSEABLE', { occurredAt: 'next tuesday' }),
      valid('IMPOSSIBLE', { occurredAt: '2026-02-30T10:00:00Z' }),
      valid('TOOEARLY', { occurredAt: '1999-12-31T23:59:59Z' }),
      valid('HANDOVERNOTALLOWED', { handover: { carrier: 'cainiao', trackingNumber: 'LP0001CN' } }),
      valid('NOMILESTONE', { milestone: undefined }),
      valid('VALID00002BR', { location: { country: 'BRA', city: ' Curitiba ' } }),
      valid('BADCOUNTRY', { location: { country: 'XX' } }),
      valid('LONGMESSAGE', { message: 'x'.repeat(1001) }),
      'not an object',
    ];
    const response = await app.request('POST', '/api/v1/events', { token: correiosKey, body: { events } });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(2);
    const rejected = new Map((response.body.rejected as { index: number; errors: string[] }[]).map((r) => [r.index, r.errors]));
    expect([...rejected.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15]);
    expect(rejected.get(1)).toEqual(['occurredAt must include a UTC offset (e.g. -03:00) or Z']);
    expect(rejected.get(2)?.[0]).toMatch(/^milestone must be one of INFO_RECEIVED, ACCEPTED/);
    expect(rejected.get(3)).toEqual(['trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -']);
    expect(rejected.get(4)).toEqual(['occurredAt is more than 24 hours after the time of receipt']);
    expect(rejected.get(5)).toEqual(["carrier 'cainiao' does not match this API key's carrier 'correios'"]);
    expect(rejected.get(6)).toEqual(['trackingNumber is required']);
    expect(rejected.get(7)).toEqual(['occurredAt must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00']);
    expect(rejected.get(8)?.[0]).toMatch(/^occurredAt is not a valid date-time/);
    expect(rejected.get(9)).toEqual(['occurredAt must not be before 2000-01-01']);
    expect(rejected.get(10)).toEqual(['handover is only allowed on HANDED_OVER events, not on ACCEPTED']);
    expect(rejected.get(11)).toEqual(['milestone or code is required (at least one)']);
    expect(rejected.get(13)).toEqual(["location.country 'XX' is not an ISO 3166-1 alpha-2 (or alpha-3) country code"]);
    expect(rejected.get(14)).toEqual(['message must be at most 1000 characters']);
    expect(rejected.get(15)).toEqual(['event must be a JSON object']);

    await app.waitForIdle();
    const stored = await app.sql<{ tracking_number: string; location_country: string; location_city: string }>(
      `SELECT tracking_number, location_country, location_city FROM events ORDER BY tracking_number`,
    );
    expect(stored).toEqual([
      { tracking_number: 'VALID00001BR', location_country: null, location_city: null },
      { tracking_number: 'VALID00002BR', location_country: 'BR', location_city: 'Curitiba' },
    ]);
  });

  it('answers 400 for a body that is not JSON or has no events array', async () => {
    const notJson = await app.request('POST', '/api/v1/events', { token: correiosKey, rawBody: '{"events": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/^body is not valid JSON/);
    const noArray = await app.request('POST', '/api/v1/events', { token: correiosKey, body: { event: [] } });
    expect(noArray.status).toBe(400);
    expect(noArray.body.message).toBe('body must be a JSON object with an "events" array');
  });

  it('answers 401 without a valid key and stores nothing', async () => {
    const before = await app.sql<{ n: string }>('SELECT count(*) AS n FROM ingest_batches');
    expect((await app.request('POST', '/api/v1/events', { token: null, body: { events: [valid('NOKEY0001')] } })).status).toBe(401);
    expect((await app.request('POST', '/api/v1/events', { token: 'lwk_forged', body: { events: [valid('NOKEY0001')] } })).status).toBe(401);
    const after = await app.sql<{ n: string }>('SELECT count(*) AS n FROM ingest_batches');
    expect(after).toEqual(before);
  });

  it('answers 413 beyond 5,000 events and beyond 5 MB', async () => {
    const tooMany = Array.from({ length: 5001 }, (_, index) => valid(`MANY${String(index).padStart(6, '0')}`));
    const many = await app.request('POST', '/api/v1/events', { token: correiosKey, body: { events: tooMany } });
    expect(many.status).toBe(413);
    expect(many.body.message).toBe('at most 5000 events per request (got 5001); split the batch');
    const huge = [valid('HUGE00001', { message: 'y'.repeat(1000) })];
    const bytes = JSON.stringify({ events: Array.from({ length: 5200 }, () => huge[0]) });
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    const large = await app.request('POST', '/api/v1/events', { token: correiosKey, rawBody: bytes });
    expect(large.status).toBe(413);
    expect(large.body.message).toBe('request body exceeds 5 MB; split the batch');
  });

  it('requires the carrier with the admin token and accepts it when registered', async () => {
    const response = await app.request('POST', '/api/v1/events', {
      body: { events: [valid('ADMIN00001'), valid('ADMIN00002', { carrier: 'cainiao' }), valid('ADMIN00003', { carrier: 'nobody' })] },
    });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toEqual([
      { index: 0, errors: ['carrier is required when posting with the admin token'] },
      { index: 2, errors: ["carrier 'nobody' is not a registered carrier"] },
    ]);
  });

  it('counts the same event twice in one request once, even written with another offset', async () => {
    const response = await app.request('POST', '/api/v1/events', {
      token: correiosKey,
      body: {
        events: [
          valid('TWICE00001', { occurredAt: '2026-11-02T08:15:00-03:00' }),
          valid('TWICE00001', { occurredAt: '2026-11-02T11:15:00Z' }),
        ],
      },
    });
    expect(response.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: [] });
  });
});

describe('POST /api/v1/events rate limit', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('answers 429 with Retry-After once a carrier exceeds its requests per minute', async () => {
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '3' }, worker: false });
    const { apiKey } = await app.createCarrier('yunexpress', 'linehaul');
    const body = { events: [{ trackingNumber: 'RATE00001', milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00Z' }] };
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<LanewatchApp['request']>> | undefined;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await app.request('POST', '/api/v1/events', { token: apiKey, body });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
