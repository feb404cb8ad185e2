import type { FidelityAnswer, FidelityFigures } from '@lanewatch/domain';
import { CAINIAO_REAL_CORPUS } from '../libs/formats/src/cainiao/cainiao.real-corpus';
import { LanewatchApp } from './support/lanewatch-app';
import { DAY_MS, HOUR_MS } from '@lanewatch/domain';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

// Mapping fidelity (issue 14, item 4) over HTTP: a real Cainiao payload posted to its webhook with a
// country name nothing resolves and a next leg whose carrier it does not name, a real one with a
// code no map knows, and canonical events with unmapped and UNCLASSIFIED codes and rejected entries.
// Each figure lands in the UTC hour (and day) the requests were received in.
describe('mapping fidelity per carrier', () => {
  let app: LanewatchApp;
  let cainiaoKey: string;
  let correiosKey: string;
  let hourMs: number;
  let postedWarnings: string[];

  const corpus = (name: string) => {
    const payload = CAINIAO_REAL_CORPUS.find((entry) => entry.name === name);
    if (!payload) throw new Error(`no real payload ${name}`);
    return payload.body() as { module: Record<string, unknown>[] };
  };

  async function fidelity(path: string, query: Record<string, string>, token?: string | null) {
    const response = await app.request('GET', `${path}?${new URLSearchParams(query)}`, { token });
    return { status: response.status, body: response.body as unknown as FidelityAnswer & { carriers: { carrier: string; totals: FidelityFigures }[]; errors: string[] } };
  }

  beforeAll(async () => {
    app = await LanewatchApp.start();
    cainiaoKey = (await app.createCarrier('cainiao', 'platform')).apiKey;
    correiosKey = (await app.createCarrier('correios')).apiKey;

    // Counters are kept per hour of receipt: keep the whole mix inside one hour so every figure has
    // one expected bucket (a bounded wait on the wall clock, not a synchronisation).
    const untilNextHour = HOUR_MS - (Date.now() % HOUR_MS);
    if (untilNextHour < 60_000) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 1000));
    hourMs = Date.now() - (Date.now() % HOUR_MS);

    // RC000000002EE to Ukraine names its next leg only by number (no carrier); its destination is
    // renamed to a country that does not exist.
    const toNowhere = corpus('RC000000002EE');
    toNowhere.module[0].destCountry = 'Atlantis';
    const first = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: cainiaoKey, body: toNowhere });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: 5, rejected: [] });
    postedWarnings = (first.body.warnings as { kind: string }[]).map((warning) => warning.kind).sort();
    expect(postedWarnings).toEqual(['unknown_handover_carrier', 'unresolved_country']);
    // AE010698498 as recorded: 19 scans, TRANSIT_PORT_REROUTE_CALLBACK on no milestone.
    const second = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: cainiaoKey, body: corpus('AE010698498') });
    expect(second.body).toMatchObject({ accepted: 19, rejected: [], warnings: [] });

    // correios: one mapped, one code no map knows, two real scans without a code, two rejected.
    const event = (trackingNumber: string, extra: Record<string, unknown>) => ({ trackingNumber, occurredAt: '2026-11-02T08:15:00-03:00', ...extra });
    const canonical = await app.request('POST', '/api/v1/events', {
      token: correiosKey,
      body: {
        events: [
          event('CO00001BR', { milestone: 'ACCEPTED' }),
          event('CO00001BR', { code: 'XYZ', message: 'Objeto em trânsito', occurredAt: '2026-11-03T08:15:00-03:00' }),
          event('CO00002BR', { code: 'UNCLASSIFIED', message: 'Objeto postado' }),
          event('CO00003BR', { code: 'UNCLASSIFIED', message: 'Objeto encaminhado' }),
          event('CO00004BR', { milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00' }),
          event('CO00005BR', { milestone: 'NOT_A_MILESTONE' }),
        ],
      },
    });
    expect(canonical.body).toMatchObject({ accepted: 4, duplicates: 0 });
    expect(canonical.body.rejected).toHaveLength(2);

    if (Date.now() - (Date.now() % HOUR_MS) !== hourMs) throw new Error('the mix took more than a minute and crossed an hour boundary');
    await app.waitForIdle();
  });
  afterAll(() => app?.stop());

  it("puts each of a carrier's figures in the hour it was received, with zeros around it", async () => {
    const correios = await fidelity('/api/v1/carriers/correios/fidelity', { bucket: 'hour', from: iso(hourMs - HOUR_MS), to: iso(hourMs + HOUR_MS) });
    expect(correios.status).toBe(200);
    expect(correios.body.buckets.map((bucket) => bucket.start)).toEqual([iso(hourMs - HOUR_MS), iso(hourMs)]);
    expect(correios.body.buckets[0]).toMatchObject({ events: 0, unmappedShare: null, unclassifiedShare: null, rejected: 0 });
    expect(correios.body.buckets[1]).toEqual({
      start: iso(hourMs),
      events: 4,
      unmapped: 3,
      unmappedShare: 0.75,
      unclassified: 2,
      unclassifiedShare: 0.5,
      rejected: 2,
      warnings: { unknown_handover_carrier: 0, unresolved_country: 0, other: 0 },
    });

    const cainiao = await fidelity('/api/v1/carriers/cainiao/fidelity', { bucket: 'hour', from: iso(hourMs), to: iso(hourMs + HOUR_MS) });
    expect(cainiao.body.buckets).toEqual([
      {
        start: iso(hourMs),
        events: 24,
        unmapped: 1,
        unmappedShare: 1 / 24,
        unclassified: 0,
        unclassifiedShare: 0,
        rejected: 0,
        warnings: { unknown_handover_carrier: 1, unresolved_country: 1, other: 0 },
      },
    ]);
  });

  it('sums the same figures per UTC day', async () => {
    const dayMs = hourMs - (hourMs % DAY_MS);
    const correios = await fidelity('/api/v1/carriers/correios/fidelity', { bucket: 'day', from: iso(dayMs), to: iso(dayMs + DAY_MS) });
    expect(correios.body.totals).toMatchObject({ events: 4, unmapped: 3, unclassified: 2, rejected: 2 });
    expect(correios.body.buckets).toHaveLength(1);
  });

  it('moves events out of the unmapped share once their code is mapped', async () => {
    expect((await app.request('PUT', '/api/v1/carriers/correios/code-map', { body: { mappings: { XYZ: 'ORIGIN_FACILITY' } } })).status).toBe(200);
    await app.waitForIdle();
    const correios = await fidelity('/api/v1/carriers/correios/fidelity', { bucket: 'hour', from: iso(hourMs), to: iso(hourMs + HOUR_MS) });
    expect(correios.body.totals).toMatchObject({ events: 4, unmapped: 2, unmappedShare: 0.5, unclassified: 2, unclassifiedShare: 0.5 });
  });

  it('lists every carrier for the ingest health page, and a carrier key only its own', async () => {
    const query = { bucket: 'hour', from: iso(hourMs), to: iso(hourMs + HOUR_MS) };
    const all = await fidelity('/api/v1/ingest/fidelity', query);
    expect(all.status).toBe(200);
    expect(all.body.carriers.map((row) => [row.carrier, row.totals.events, row.totals.rejected])).toEqual([
      ['cainiao', 24, 0],
      ['correios', 4, 2],
    ]);
    const own = await fidelity('/api/v1/ingest/fidelity', query, correiosKey);
    expect(own.body.carriers.map((row) => row.carrier)).toEqual(['correios']);
    expect((await fidelity('/api/v1/carriers/cainiao/fidelity', query, correiosKey)).status).toBe(403);
    expect((await fidelity('/api/v1/carriers/correios/fidelity', query, correiosKey)).body.totals.events).toBe(4);
  });

  it('answers bad parameters with a 400 naming each, and an unknown carrier with a 404', async () => {
    const bad = await fidelity('/api/v1/carriers/correios/fidelity', { bucket: 'week', from: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContain("bucket must be 'hour' or 'day' (got 'week')");
    expect(bad.body.errors.some((error) => error.startsWith('from'))).toBe(true);
    const tooLong = await fidelity('/api/v1/ingest/fidelity', { bucket: 'hour', from: iso(hourMs - 8 * DAY_MS), to: iso(hourMs) });
    expect(tooLong.status).toBe(400);
    expect((await fidelity('/api/v1/carriers/nobody/fidelity', {})).status).toBe(404);
  });
});
