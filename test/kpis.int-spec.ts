import { kpiCellStatements, KpiCellQuery } from '@lanewatch/db';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { GroupBy, kpis, KpiResponse } from './oracle/kpi-oracle';
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

  it('never reads events or facts: every KPI statement plans over the rollup tables only', async () => {
    const queries: KpiCellQuery[] = [
      { level: 'l', groupBy: ['carrier', 'corridor'], fromMs: Date.parse('2026-09-01T00:00:00Z'), toMs: Date.parse('2026-11-21T00:00:00Z') },
      { level: 's', groupBy: ['corridor', 'serviceLevel'], fromMs: Date.parse('2026-10-05T09:15:00Z'), toMs: Date.parse('2026-11-10T20:45:00Z'), corridor: 'CN-BR' },
      { level: 'l', groupBy: [], fromMs: Date.parse('2026-11-02T03:00:00Z'), toMs: Date.parse('2026-11-02T21:30:00Z'), carrierId: 1 },
    ];
    const relations = new Set<string>();
    const collect = (node: Record<string, unknown>) => {
      if (typeof node['Relation Name'] === 'string') relations.add(node['Relation Name'] as string);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) collect(child);
    };
    for (const query of queries) {
      const statements = kpiCellStatements(query);
      for (const statement of [statements.moments, statements.buckets]) {
        const [{ 'QUERY PLAN': plan }] = await app.sql<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters);
        collect(plan[0].Plan);
      }
    }
    expect([...relations].sort()).toEqual(['kpi_rollup_buckets', 'kpi_rollups']);
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
});
