import type { SqlRunner } from '@lanewatch/db';
import { computeKpiDistribution, computeKpis, computeKpiTimeseries, computeScorecards } from '@lanewatch/read-model';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { feedLatency, GroupBy, handoverGaps, kaplanMeierTransit, kpis, KpiResponse, lostCandidates, silentShipments, unmappedRate } from './oracle/kpi-oracle';
import { LanewatchApp } from './support/lanewatch-app';
import { oracleInputOf } from './support/oracle-input';
import { postFeed } from './support/post-feed';

// GET /api/v1/kpis against the independent oracle (plain loops over the events, test/oracle) on a
// realistic feed posted shuffled with duplicates and a late code map: every groupBy, filters, windows.
const NOW = new Date('2026-11-20T00:00:00Z');
const GROUP_BYS: GroupBy[] = ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'];

type Row = KpiResponse['rows'][number];
const keyOf = (row: { carrier: string | null; corridor: string | null; serviceLevel: string | null }) => `${row.carrier}|${row.corridor}|${row.serviceLevel}`;

function expectClose(actual: number | null, expected: number | null, tolerance: (exact: number) => number, what: string): void {
  if (expected === null) {
    expect({ what, actual }).toEqual({ what, actual: null });
    return;
  }
  expect(actual).not.toBeNull();
  const error = Math.abs((actual as number) - expected);
  if (error > tolerance(expected)) throw new Error(`${what}: ${actual} vs exact ${expected} (error ${error} > ${tolerance(expected)})`);
}

const exact = (value: number) => Math.max(1e-6 * Math.abs(value), 1e-9);
const transitTolerance = (value: number) => Math.max(0.01 * Math.abs(value), 0.05);
const customsTolerance = (value: number) => Math.max(0.01 * Math.abs(value), 0.5);

function compareRows(actualRows: Row[], expectedRows: Row[], label: string): void {
  expect(actualRows.map(keyOf)).toEqual(expectedRows.map(keyOf));
  expectedRows.forEach((expected, index) => {
    const actual = actualRows[index];
    const where = `${label} ${keyOf(expected)}`;
    for (const family of ['firstAttempt', 'onTime'] as const) expect({ where, family, value: actual[family] }).toEqual({ where, family, value: expected[family] });
    if (expected.transit === null) expect({ where, transit: actual.transit }).toEqual({ where, transit: null });
    else {
      expect(actual.transit?.count).toBe(expected.transit.count);
      expectClose(actual.transit!.meanDays, expected.transit.meanDays, exact, `${where} meanDays`);
      expectClose(actual.transit!.varianceDays, expected.transit.varianceDays, exact, `${where} varianceDays`);
      expectClose(actual.transit!.stddevDays, expected.transit.stddevDays, exact, `${where} stddevDays`);
      for (const p of ['p50Days', 'p90Days', 'p95Days'] as const) expectClose(actual.transit![p], expected.transit[p], transitTolerance, `${where} ${p}`);
    }
    if (expected.customsHold === null) expect({ where, customs: actual.customsHold }).toEqual({ where, customs: null });
    else {
      expect(actual.customsHold?.count).toBe(expected.customsHold.count);
      expectClose(actual.customsHold!.meanHours, expected.customsHold.meanHours, exact, `${where} meanHours`);
      for (const p of ['p50Hours', 'p90Hours'] as const) expectClose(actual.customsHold![p], expected.customsHold[p], customsTolerance, `${where} ${p}`);
    }
  });
}

describe('GET /api/v1/kpis', () => {
  let app: LanewatchApp;
  const feed = generateFeed({ seed: 4242, shipments: 500, now: NOW, spanDays: 60 });
  const oracle = oracleInputOf(feed);
  let keys = new Map<string, string>();

  beforeAll(async () => {
    const plan = planDeliveries(feed, { seed: 9, batchSize: 500, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true });
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    // The code map arrives last: re-mapping must move the rollups to the same numbers.
    keys = await postFeed(app, feed, plan, { codeMapLast: true });
  });
  afterAll(() => app?.stop());

  const windows = [
    { label: 'whole feed', from: '2026-09-01T00:00:00Z', to: '2026-11-21T00:00:00Z' },
    { label: 'quarter-hour edges in -03:00', from: '2026-10-05T06:15:00-03:00', to: '2026-11-10T17:45:00-03:00' },
    { label: 'inside one day', from: '2026-11-02T03:00:00Z', to: '2026-11-02T21:30:00Z' },
  ];

  for (const window of windows) {
    for (const groupBy of GROUP_BYS) {
      it(`agrees with the oracle: ${window.label}, groupBy=${groupBy}`, async () => {
        const response = await app.request('GET', `/api/v1/kpis?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}&groupBy=${groupBy}`);
        expect(response.status).toBe(200);
        const expected = kpis(oracle, { from: window.from, to: window.to, groupBy, asOf: NOW.toISOString() });
        expect(expected.rows.length).toBeGreaterThan(0);
        compareRows(response.body.rows as unknown as Row[], expected.rows, `${window.label} ${groupBy}`);
      });
    }
  }

  it.each([
    ['carrier', { carrier: 'correios' }, 'corridor' as GroupBy],
    ['corridor', { corridor: 'CN-BR' }, 'carrier' as GroupBy],
    ['serviceLevel', { serviceLevel: 'standard' }, 'corridor' as GroupBy],
  ])('filters by %s like the oracle', async (_name, filter, groupBy) => {
    const window = windows[0];
    const query = new URLSearchParams({ from: window.from, to: window.to, groupBy, ...filter });
    const response = await app.request('GET', `/api/v1/kpis?${query}`);
    expect(response.status).toBe(200);
    compareRows(response.body.rows as unknown as Row[], kpis(oracle, { ...window, groupBy, ...filter, asOf: NOW.toISOString() }).rows, `filter ${JSON.stringify(filter)}`);
  });

  it('never reads events or facts: every statement of the KPI, timeseries and scorecard reads plans over rollups only', async () => {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const recording = {
      query: (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql, parameters });
        return app.sql(sql, parameters);
      },
    } as unknown as SqlRunner;
    const window = { from: '2026-09-01T00:00:00Z', to: '2026-11-21T00:00:00Z', fromMs: Date.parse('2026-09-01T00:00:00Z'), toMs: Date.parse('2026-11-21T00:00:00Z') };
    await computeKpis(recording, { ...window, groupBy: ['carrier', 'corridor'] });
    await computeKpis(recording, { ...window, groupBy: ['corridor', 'serviceLevel'], corridor: 'CN-BR', asOf: '2026-11-10T20:45:00Z', asOfMs: Date.parse('2026-11-10T20:45:00Z') });
    await computeKpiTimeseries(recording, { ...window, groupBy: ['carrier'], carrier: 'correios', metric: 'transit', bucket: 'week' });
    await computeScorecards(recording, { ...window, asOf: NOW.toISOString(), asOfMs: NOW.getTime() });
    await computeKpiDistribution(recording, { ...window, groupBy: [], carrier: 'correios', metric: 'customsHold' });
    const relations = new Set<string>();
    const collect = (node: Record<string, unknown>) => {
      if (typeof node['Relation Name'] === 'string') relations.add(node['Relation Name'] as string);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) collect(child);
    };
    for (const statement of statements) {
      const [{ 'QUERY PLAN': plan }] = await app.sql<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters);
      collect(plan[0].Plan);
    }
    // The carrier table only turns codes into ids and back; rollups are read from their tier
    // partitions (the asOf at 20:45 needs quarter hours), plus the deltas not folded into them yet.
    expect([...relations].sort()).toEqual(['carriers', 'kpi_rollup_deltas', 'kpi_rollups_days_weeks_months', 'kpi_rollups_quarter_hours']);
    expect(statements.length).toBeGreaterThan(10);
  });

  it('serves a timeseries whose points equal /kpis over each bucket', async () => {
    const from = '2026-10-26T00:00:00Z';
    const to = '2026-11-16T00:00:00Z';
    type Series = { carrier: string; points: { start: string; end: string; value: Row['transit'] }[] }[];
    const responses = [];
    for (const bucket of ['day', 'week'] as const) {
      const response = await app.request('GET', `/api/v1/kpis/timeseries?metric=transit&bucket=${bucket}&from=${from}&to=${to}&groupBy=carrier`);
      expect(response.status).toBe(200);
      responses.push({ bucket, series: response.body.series as Series });
    }
    const bad = await app.request('GET', `/api/v1/kpis/timeseries?metric=speed&bucket=month&from=${from}&to=${to}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(['metric must be one of transit, customsHold, firstAttempt, onTime, clock', 'bucket must be day or week']);

    for (const { bucket, series } of responses) {
      expect(series.length).toBeGreaterThan(1);
      expect(series[0].points).toHaveLength(bucket === 'day' ? 21 : 3);
      // The oracle is slow (plain loops): a sample of points of two carriers.
      for (const one of series.slice(0, 2)) {
        for (const point of one.points.filter((_, index) => index % 5 === 0)) {
          const expected = kpis(oracle, { from: point.start, to: point.end, groupBy: 'carrier', carrier: one.carrier, asOf: NOW.toISOString() }).rows[0];
          if (!expected?.transit) expect(point.value).toBeNull();
          else {
            expect(point.value?.count).toBe(expected.transit.count);
            expectClose(point.value!.meanDays, expected.transit.meanDays, exact, `${one.carrier} ${point.start} meanDays`);
            expectClose(point.value!.p95Days, expected.transit.p95Days, transitTolerance, `${one.carrier} ${point.start} p95Days`);
          }
        }
      }
    }
  });

  it('scores every carrier as the oracle does: feed health, silence, lost, censored transit, hand-overs', async () => {
    // Events are received now (the wall clock), after the feed's NOW: asOf must follow both.
    const asOf = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 900_000).toISOString();
    const response = await app.request('GET', `/api/v1/scorecards?from=2026-01-01T00:00:00Z&to=${asOf}&asOf=${asOf}`);
    expect(response.status).toBe(200);
    const body = response.body as unknown as {
      network: { silence: { active: number; silent: number; lost: number }; censoredTransit: { cohort: number; delivered: number; medianDays: number | null; p90Days: number | null } };
      carriers: {
        carrier: string;
        kpis: { onTime: { onTime: number; delivered: number; ci95: { low: number; high: number } } | null };
        feed: { events: number; unmapped: number; unmappedRate: number; latencyP50Hours: number; latencyP95Hours: number };
        handovers: { from: string; to: string; count: number; meanHours: number; p90Hours: number }[];
      }[];
    };
    // Latency needs the instants the API received each event: the oracle reads them off the stored rows.
    const stored = await app.sql<{ carrier: string; tracking_number: string; milestone: string | null; occurred_at: Date; received_at: Date }>(
      `SELECT c.code AS carrier, e.tracking_number, e.milestone, e.occurred_at, e.received_at FROM events e JOIN carriers c ON c.id = e.carrier_id`,
    );
    const storedInput = {
      shipments: [],
      events: stored.map((row) => ({
        carrier: row.carrier,
        trackingNumber: row.tracking_number,
        milestone: row.milestone,
        occurredAt: new Date(row.occurred_at).toISOString(),
        receivedAt: new Date(row.received_at).toISOString(),
      })),
    } as unknown as typeof oracle;
    const latency = new Map(feedLatency(storedInput).map((row) => [row.carrier, row]));
    const unmapped = new Map(unmappedRate(storedInput).map((row) => [row.carrier, row]));
    for (const card of body.carriers) {
      const expected = unmapped.get(card.carrier);
      expect({ carrier: card.carrier, events: card.feed.events, unmapped: card.feed.unmapped }).toEqual({
        carrier: card.carrier,
        events: expected?.events ?? 0,
        unmapped: expected?.unmapped ?? 0,
      });
      const lag = latency.get(card.carrier);
      if (lag) {
        expectClose(card.feed.latencyP50Hours, lag.p50Hours, (value) => Math.max(0.01 * Math.abs(value), 0.05), `${card.carrier} latency p50`);
        expectClose(card.feed.latencyP95Hours, lag.p95Hours, (value) => Math.max(0.01 * Math.abs(value), 0.05), `${card.carrier} latency p95`);
      }
      if (card.kpis.onTime) {
        const { low, high } = card.kpis.onTime.ci95;
        const observed = card.kpis.onTime.onTime / card.kpis.onTime.delivered;
        expect(low).toBeLessThanOrEqual(observed);
        expect(high).toBeGreaterThanOrEqual(observed);
      }
    }
    expect(body.carriers.some((card) => card.feed.unmapped > 0)).toBe(true);

    expect(body.network.silence.silent).toBe(silentShipments(oracle, asOf).length);
    expect(body.network.silence.lost).toBe(lostCandidates(oracle, asOf).length);
    expect(body.network.silence.silent).toBeGreaterThan(0);
    const km = kaplanMeierTransit(oracle, asOf);
    expect(body.network.censoredTransit.cohort).toBe(km.observations);
    expect(body.network.censoredTransit.delivered).toBe(km.events);
    // Censoring times are known to the start day (±12 h); delivered transits to the histogram's 1 %.
    expectClose(body.network.censoredTransit.medianDays, km.median, () => 0.6, 'KM median');
    expectClose(body.network.censoredTransit.p90Days, km.p90, () => 0.6, 'KM p90');

    const pairs = handoverGaps(oracle).pairs;
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) {
      const found = body.carriers.find((card) => card.carrier === pair.toCarrier)?.handovers.find((gap) => gap.from === pair.fromCarrier);
      expect({ pair: `${pair.fromCarrier}>${pair.toCarrier}`, count: found?.count }).toEqual({ pair: `${pair.fromCarrier}>${pair.toCarrier}`, count: pair.count });
      expectClose(found!.meanHours, pair.meanHours, exact, `${pair.fromCarrier}>${pair.toCarrier} mean gap`);
      expectClose(found!.p90Hours, pair.p90Hours, customsTolerance, `${pair.fromCarrier}>${pair.toCarrier} p90 gap`);
    }

    const own = await app.request('GET', `/api/v1/carriers/correios/scorecard?asOf=${asOf}`, { token: keys.get('correios') });
    expect(own.status).toBe(200);
    expect(own.body.carrier).toBe('correios');
    expect(own.body.network).toBeUndefined();
    const other = await app.request('GET', `/api/v1/carriers/usps/scorecard`, { token: keys.get('correios') });
    expect(other.status).toBe(403);
    const mine = await app.request('GET', `/api/v1/scorecards`, { token: keys.get('correios') });
    expect((mine.body.carriers as { carrier: string }[]).map((card) => card.carrier)).toEqual(['correios']);
  });

  it('confines a carrier key to its own rows and validates the query', async () => {
    const window = windows[0];
    const own = await app.request('GET', `/api/v1/kpis?from=${window.from}&to=${window.to}&groupBy=carrier`, { token: keys.get('correios') });
    expect(own.status).toBe(200);
    expect((own.body.rows as unknown as Row[]).map((row) => row.carrier)).toEqual(['correios']);
    const other = await app.request('GET', `/api/v1/kpis?from=${window.from}&to=${window.to}&carrier=usps`, { token: keys.get('correios') });
    expect(other.status).toBe(403);
    const bad = await app.request('GET', `/api/v1/kpis?from=2026-11-01T00:07:00Z&to=2026-10-01T00:00:00Z&groupBy=country`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      'from must fall on a quarter hour (e.g. 2026-11-01T00:00:00-03:00)',
      'from must be before to',
      'groupBy must be one of carrier, corridor, serviceLevel, carrier,corridor, corridor,serviceLevel',
    ]);
  });

  it('rebuilds facts and rollups from the stored events to the same answers when the worker finds them missing', async () => {
    const asOf = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 900_000).toISOString();
    const paths = [
      `/api/v1/kpis?from=2026-09-01T00:00:00Z&to=2026-11-21T00:00:00Z&groupBy=carrier,corridor`,
      `/api/v1/kpis?from=2026-10-05T06:15:00-03:00&to=2026-11-10T17:45:00-03:00&groupBy=corridor,serviceLevel`,
      `/api/v1/scorecards?from=2026-01-01T00:00:00Z&to=${asOf}&asOf=${asOf}`,
    ];
    const before = [];
    for (const path of paths) before.push((await app.request('GET', path)).body);
    // Every cell of every tier and kept copy, once every delta is folded: the rebuild's must be the
    // compactor's (counts, successes and histograms exactly; moments to rounding).
    const cells = async () => {
      await app.waitFor(async () => (await app.status()).compactionBacklog === 0, 120_000, 'every delta folded');
      return app.sql<{ key: string; count: number; successes: number; mean: number; m2: number; histogram: string | null }>(
        `SELECT concat_ws('|', tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family) AS key,
                count, successes, mean, m2, encode(histogram, 'hex') AS histogram
           FROM kpi_rollups WHERE count > 0 ORDER BY 1`,
      );
    };
    const cellsBefore = await cells();
    await app.killWorkers('SIGTERM');
    // What the upgrade migration does: facts and rollups dropped, events kept.
    await app.sql('TRUNCATE kpi_rollups, leg_facts, shipment_facts');
    expect((await app.request('GET', paths[0])).body.rows).toEqual([]);
    await app.startWorker();
    await app.waitFor(async () => (await app.sql<{ n: string }>('SELECT count(*) AS n FROM shipment_facts'))[0].n !== '0', 120_000, 'the rebuild');
    await app.waitForIdle();
    const after = [];
    for (const path of paths) after.push((await app.request('GET', path)).body);
    // Rebuilt moments are summed in another order: equal to rounding.
    const rounded = (value: unknown) => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
    expect(rounded(after)).toEqual(rounded(before));
    const cellsAfter = await cells();
    expect(cellsAfter.map((cell) => cell.key)).toEqual(cellsBefore.map((cell) => cell.key));
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    const differing = cellsAfter.filter((cell, index) => {
      const was = cellsBefore[index];
      return cell.count !== was.count || cell.successes !== was.successes || cell.histogram !== was.histogram || !close(cell.mean, was.mean) || !close(cell.m2, was.m2);
    });
    expect(differing.slice(0, 5)).toEqual([]);
    expect(cellsBefore.length).toBeGreaterThan(1000);
  });
});
