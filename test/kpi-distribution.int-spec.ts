import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { corridorOf, legFacts, type OracleInput } from './oracle/kpi-oracle';
import { LanewatchApp } from './support/lanewatch-app';
import { oracleInputOf } from './support/oracle-input';
import { postFeed } from './support/post-feed';
import { HOUR_MS } from '@lanewatch/domain';

// GET /api/v1/kpis/distribution against plain loops over the posted events: every bin counts the
// values inside its [from, to) edges, the total equals the /kpis count, and access is confined.
const NOW = new Date('2026-11-20T00:00:00Z');
const WINDOW = { from: '2026-09-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

type Bin = { from: number | null; to: number | null; count: number };
type Distribution = { metric: string; unit: string; count: number; bins: Bin[] };
type Unit = { carrier: string | null; corridor: string | null; serviceLevel: string | null; at: number; value: number };
type Filter = { carrier?: string; corridor?: string; serviceLevel?: string };

const CUSTOMS_STARTS = new Set(['IMPORT_CUSTOMS_STARTED', 'IMPORT_CUSTOMS_HELD']);

/** kpis.md §1/§2: hold = earliest release at or after the earliest start − that start; closes at the release. */
function customsHolds(input: OracleInput, perLeg: boolean): Unit[] {
  const units: Unit[] = [];
  for (const shipment of input.shipments) {
    const groups = perLeg ? shipment.legs.map((leg) => [leg]) : [shipment.legs];
    for (const legs of groups) {
      const mine = input.events.filter((event) => legs.some((leg) => leg.carrier === event.carrier && leg.trackingNumber === event.trackingNumber));
      let start: number | null = null;
      for (const event of mine) if (event.milestone !== null && CUSTOMS_STARTS.has(event.milestone)) start = Math.min(start ?? Infinity, Date.parse(event.occurredAt));
      if (start === null) continue;
      let release: number | null = null;
      for (const event of mine) {
        const at = Date.parse(event.occurredAt);
        if (event.milestone === 'IMPORT_CUSTOMS_RELEASED' && at >= start) release = Math.min(release ?? Infinity, at);
      }
      if (release === null) continue;
      units.push({ carrier: perLeg ? legs[0].carrier : null, corridor: corridorOf(shipment), serviceLevel: shipment.serviceLevel, at: release, value: (release - start) / HOUR_MS });
    }
  }
  return units;
}

/** Leg transit days from the oracle's leg facts (its own loops over the events), closing at the leg's end. */
function legTransits(input: OracleInput): Unit[] {
  return input.shipments.flatMap((shipment) =>
    shipment.legs.flatMap((_, index) => {
      const facts = legFacts(input, shipment, index, NOW.toISOString());
      return facts.legEndAt === null || facts.legTransitDays === null
        ? []
        : [{ carrier: facts.carrier, corridor: corridorOf(shipment), serviceLevel: shipment.serviceLevel, at: facts.legEndAt, value: facts.legTransitDays }];
    }),
  );
}

function expectedBins(units: Unit[], bins: Bin[], window: { fromMs: number; toMs: number }, filter: Filter): { count: number; bins: number[] } {
  const values = units
    .filter((unit) => unit.at >= window.fromMs && unit.at < window.toMs)
    .filter((unit) => (filter.carrier === undefined || unit.carrier === filter.carrier) && (filter.corridor === undefined || unit.corridor === filter.corridor))
    .filter((unit) => filter.serviceLevel === undefined || unit.serviceLevel === filter.serviceLevel)
    .map((unit) => unit.value);
  const counts = bins.map((bin) => {
    let n = 0;
    for (const value of values) if ((bin.from === null || value >= bin.from) && (bin.to === null || value < bin.to)) n += 1;
    return n;
  });
  return { count: values.length, bins: counts };
}

describe('GET /api/v1/kpis/distribution', () => {
  let app: LanewatchApp;
  const feed = generateFeed({ seed: 5151, shipments: 250, now: NOW, spanDays: 60 });
  const oracle = oracleInputOf(feed);
  let keys = new Map<string, string>();
  let busiestCustomsCarrier = '';

  beforeAll(async () => {
    const plan = planDeliveries(feed, { seed: 5, batchSize: 500, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true });
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    keys = await postFeed(app, feed, plan, { codeMapLast: false });
    const perCarrier = new Map<string, number>();
    for (const unit of customsHolds(oracle, true)) perCarrier.set(unit.carrier as string, (perCarrier.get(unit.carrier as string) ?? 0) + 1);
    busiestCustomsCarrier = [...perCarrier.entries()].sort((a, b) => b[1] - a[1])[0][0];
  });
  afterAll(() => app?.stop());

  async function distribution(query: Record<string, string>, token?: string): Promise<Distribution> {
    const response = await app.request('GET', `/api/v1/kpis/distribution?${new URLSearchParams(query)}`, token ? { token } : {});
    expect({ query, status: response.status, body: response.status === 200 ? null : response.body }).toEqual({ query, status: 200, body: null });
    return response.body as unknown as Distribution;
  }

  async function kpiCount(query: Record<string, string>, family: 'customsHold' | 'transit'): Promise<number> {
    const response = await app.request('GET', `/api/v1/kpis?${new URLSearchParams(query)}`);
    const rows = response.body.rows as { customsHold: { count: number } | null; transit: { count: number } | null }[];
    return rows[0]?.[family]?.count ?? 0;
  }

  const windowOf = (query: { from: string; to: string; asOf?: string }) => ({
    fromMs: Date.parse(query.from),
    toMs: Math.min(Date.parse(query.to), query.asOf ? Date.parse(query.asOf) : Infinity),
  });

  const customsCases: { label: string; query: () => Filter & { from: string; to: string; asOf?: string }; perLeg: boolean }[] = [
    { label: 'whole shipments, whole feed', query: () => ({ ...WINDOW }), perLeg: false },
    { label: 'one carrier', query: () => ({ ...WINDOW, carrier: busiestCustomsCarrier }), perLeg: true },
    { label: 'one corridor, cut by asOf in -03:00', query: () => ({ from: '2026-10-01T00:00:00-03:00', to: WINDOW.to, asOf: '2026-11-12T09:45:00-03:00', corridor: 'CN-BR' }), perLeg: false },
  ];

  for (const one of customsCases) {
    it(`bins customs holds like plain loops over the events: ${one.label}`, async () => {
      const query = one.query();
      const body = await distribution({ ...query, metric: 'customsHold' });
      expect(body.unit).toBe('hours');
      const expected = expectedBins(customsHolds(oracle, one.perLeg), body.bins, windowOf(query), query);
      expect(expected.count).toBeGreaterThan(10);
      expect({ count: body.count, bins: body.bins.map((bin) => bin.count) }).toEqual(expected);
      expect(body.bins.filter((bin) => bin.count > 0).length).toBeGreaterThanOrEqual(3);
      expect(body.count).toBe(await kpiCount(query, 'customsHold'));
      // The bins tile the axis: each starts where the previous ends, the last is open.
      body.bins.slice(1).forEach((bin, index) => expect(bin.from).toBe(body.bins[index].to));
      expect(body.bins.at(-1)?.to).toBeNull();
    });
  }

  it('bins one carrier\'s leg transit days on one corridor like the oracle\'s leg facts', async () => {
    const query = { ...WINDOW, carrier: busiestCustomsCarrier, corridor: 'CN-BR' };
    const body = await distribution({ ...query, metric: 'transit' });
    expect(body.unit).toBe('days');
    const expected = expectedBins(legTransits(oracle), body.bins, windowOf(query), query);
    expect(expected.count).toBeGreaterThan(10);
    expect({ count: body.count, bins: body.bins.map((bin) => bin.count) }).toEqual(expected);
    expect(body.count).toBe(await kpiCount(query, 'transit'));
  });

  it('answers an empty window with every bin at zero', async () => {
    const body = await distribution({ from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', metric: 'customsHold' });
    expect(body.count).toBe(0);
    expect(body.bins.length).toBeGreaterThanOrEqual(12);
    expect(body.bins.every((bin) => bin.count === 0)).toBe(true);
  });

  it('names each bad parameter in a 400', async () => {
    const bad = await app.request('GET', '/api/v1/kpis/distribution?from=2026-11-01T00:07:00Z&to=2026-10-01T00:00:00Z&metric=onTime&groupBy=carrier');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('invalid KPI distribution query');
    expect(bad.body.errors).toEqual([
      'from must fall on a quarter hour (e.g. 2026-11-01T00:00:00-03:00)',
      'from must be before to',
      'metric must be one of customsHold, transit',
      'groupBy is not accepted here: filter by carrier, corridor or serviceLevel instead',
    ]);
    const missing = await app.request('GET', '/api/v1/kpis/distribution?metric=transit');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(['from is required (ISO 8601 with a UTC offset)', 'to is required (ISO 8601 with a UTC offset)']);
    const unknown = await app.request('GET', `/api/v1/kpis/distribution?${new URLSearchParams({ ...WINDOW, metric: 'transit', carrier: 'no-such-carrier' })}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(["carrier 'no-such-carrier' is not registered"]);
  });

  it('confines a carrier key to its own legs and needs a credential', async () => {
    const other = [...keys.keys()].find((code) => code !== busiestCustomsCarrier) as string;
    const ownKey = keys.get(busiestCustomsCarrier) as string;
    const implicit = await distribution({ ...WINDOW, metric: 'customsHold' }, ownKey);
    const explicit = await distribution({ ...WINDOW, metric: 'customsHold', carrier: busiestCustomsCarrier });
    expect(implicit.count).toBeGreaterThan(0);
    expect(implicit).toEqual(explicit);
    const foreign = await app.request('GET', `/api/v1/kpis/distribution?${new URLSearchParams({ ...WINDOW, metric: 'customsHold', carrier: other })}`, { token: ownKey });
    expect(foreign.status).toBe(403);
    const anonymous = await app.request('GET', `/api/v1/kpis/distribution?${new URLSearchParams({ ...WINDOW, metric: 'customsHold' })}`, { token: null });
    expect(anonymous.status).toBe(401);
  });
});
