import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { DAY_SLOTS, OracleClock, OracleEvent, oracleClockDays, oracleLegOf, SLOT_MS } from './oracle/clock-oracle';
import { LanewatchApp } from './support/lanewatch-app';
import { evaluate, Event, postEvents } from './support/sla-feed';

// contracts.md §1 through the real CLI, API and worker: a contract applied between two halves of a feed
// (the first half's facts are recomputed in the background), then a second version changing the clock
// from 1 April; GET /kpis?contract= and a clock_p90_days policy against the independent oracle.

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
const CARRIER = 'clock-post';
const CONTRACT = 'clock-post-2026';

const VERSION_1 = `contract: ${CONTRACT}
carrier: ${CARRIER}
effectiveFrom: 2026-01-01
calendar: { country: BR, subdivision: BR-SP, closures: [2026-03-20] }
clock: { days: business, exclude: [import_customs, pickup_wait, consignee_failure] }
allowances:
  - { corridor: CN-BR, serviceLevel: '*', days: 4 }
policies:
  - name: clock p90
    metric: clock_p90_days
    op: lte
    threshold: 0.01
    windowDays: 30
    minSample: 5
`;
const VERSION_2 = VERSION_1.replace('effectiveFrom: 2026-01-01', 'effectiveFrom: 2026-04-01')
  .replace('clock: { days: business, exclude: [import_customs, pickup_wait, consignee_failure] }', 'clock: { days: calendar, exclude: [import_customs] }')
  .replace('days: 4 }', 'days: 6 }');

const ORACLE_V1: OracleClock = {
  calendar: { country: 'BR', subdivision: 'BR-SP', closures: ['2026-03-20'] },
  timeZone: 'America/Sao_Paulo',
  days: 'business',
  exclude: ['import_customs', 'pickup_wait', 'consignee_failure'],
};
const ORACLE_V2: OracleClock = { ...ORACLE_V1, days: 'calendar', exclude: ['import_customs'] };
const V2_FROM = DateTime.fromISO('2026-04-01', { zone: 'America/Sao_Paulo' }).toMillis();

/** A small deterministic generator (mulberry32): the same feed every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Parcel {
  trackingNumber: string;
  corridor: string;
  events: OracleEvent[];
}

function parcelsOf(count: number): Parcel[] {
  const next = random(17);
  const slots = (max: number) => Math.floor(next() * max) + 1;
  const out: Parcel[] = [];
  for (let n = 0; n < count; n += 1) {
    let at = Date.UTC(2026, 2, 1) + Math.floor(next() * 50 * DAY_SLOTS) * SLOT_MS;
    const events: OracleEvent[] = [{ milestone: 'ACCEPTED', at, reason: null }];
    const add = (milestone: string, reason: string | null = null) => {
      at += slots(2 * DAY_SLOTS) * SLOT_MS;
      events.push({ milestone, at, reason });
    };
    add('TRANSIT_HUB');
    if (next() < 0.5) {
      add('IMPORT_CUSTOMS_STARTED');
      add('IMPORT_CUSTOMS_RELEASED');
    }
    if (next() < 0.35) add('DELIVERY_FAILED', ['RECIPIENT_ABSENT', 'REFUSED', 'CARRIER_DELAY'][Math.floor(next() * 3)]);
    if (next() < 0.3) add('AVAILABLE_FOR_PICKUP');
    if (next() < 0.9) add('DELIVERED');
    out.push({ trackingNumber: `CLK${String(n).padStart(4, '0')}`, corridor: next() < 0.8 ? 'CN-BR' : 'US-BR', events });
  }
  return out;
}

const toPosted = (parcel: Parcel): Event[] =>
  parcel.events.map((event, index) => ({
    carrier: CARRIER,
    trackingNumber: parcel.trackingNumber,
    milestone: event.milestone,
    occurredAt: new Date(event.at).toISOString(),
    ...(event.reason ? { reason: event.reason } : {}),
    ...(index === 0 ? { shipment: { origin: parcel.corridor.slice(0, 2), destination: 'BR', serviceLevel: 'standard' } } : {}),
  }));

/** The oracle's clock facts: each ended leg on the version in force at its end. */
function oracleFacts(parcels: Parcel[]) {
  return parcels.flatMap((parcel) => {
    const leg = oracleLegOf(parcel.events);
    if (leg.end === null) return [];
    const v2 = leg.end >= V2_FROM;
    const days = oracleClockDays(leg, v2 ? ORACLE_V2 : ORACLE_V1) as number;
    const allowance = parcel.corridor === 'CN-BR' ? (v2 ? 6 : 4) : null;
    return [{ trackingNumber: parcel.trackingNumber, corridor: parcel.corridor, end: leg.end, days, within: allowance === null ? null : days <= allowance }];
  });
}

type Fact = ReturnType<typeof oracleFacts>[number];

function statistics(facts: Fact[]) {
  const x = facts.map((fact) => fact.days).sort((a, b) => a - b);
  const n = x.length;
  const mean = x.reduce((sum, value) => sum + value, 0) / n;
  const variance = n < 2 ? null : x.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const percentile = (p: number) => {
    const r = p * (n - 1);
    return x[Math.floor(r)] + (r - Math.floor(r)) * (x[Math.ceil(r)] - x[Math.floor(r)]);
  };
  const judged = facts.filter((fact) => fact.within !== null);
  return {
    count: n,
    meanDays: mean,
    stddevDays: variance === null ? null : Math.sqrt(variance),
    p50Days: percentile(0.5),
    p90Days: percentile(0.9),
    p95Days: percentile(0.95),
    within: judged.length === 0 ? null : { legs: judged.length, within: judged.filter((fact) => fact.within).length },
  };
}

interface ClockKpi {
  count: number;
  meanDays: number;
  stddevDays: number | null;
  p50Days: number;
  p90Days: number;
  p95Days: number;
  withinAllowance: { legs: number; within: number; rate: number | null } | null;
}

const close = (actual: number | null, expected: number | null, tolerance: number, what: string) => {
  if (expected === null || actual === null) {
    expect({ what, actual }).toEqual({ what, actual: expected });
    return;
  }
  if (Math.abs(actual - expected) > tolerance) throw new Error(`${what}: ${actual} vs exact ${expected}`);
};

function expectClock(actual: ClockKpi | null | undefined, facts: Fact[], what: string) {
  const expected = statistics(facts);
  expect(actual).toBeTruthy();
  const clock = actual as ClockKpi;
  expect({ what, count: clock.count }).toEqual({ what, count: expected.count });
  close(clock.meanDays, expected.meanDays, Math.max(1e-6 * expected.meanDays, 1e-9), `${what} mean`);
  close(clock.stddevDays, expected.stddevDays, Math.max(1e-6 * (expected.stddevDays ?? 0), 1e-9), `${what} stddev`);
  for (const p of ['p50Days', 'p90Days', 'p95Days'] as const) close(clock[p], expected[p], Math.max(0.01 * expected[p], 0.05), `${what} ${p}`);
  expect({ what, within: clock.withinAllowance && { legs: clock.withinAllowance.legs, within: clock.withinAllowance.within } }).toEqual({ what, within: expected.within });
}

describe('the contract clock', () => {
  let app: LanewatchApp;
  const parcels = parcelsOf(60);
  const dir = mkdtempSync(join(tmpdir(), 'lanewatch-clock-'));

  const apply = async (yaml: string) => {
    const file = join(dir, 'contract.yaml');
    writeFileSync(file, yaml);
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'sla', 'apply', file], { cwd: ROOT, env: app.env() });
    return stdout.trim().split('\n');
  };
  // Applying a contract queues the carrier's ended legs; the worker recomputes them in the background.
  const drained = async () => {
    for (let tries = 0; tries < 600; tries += 1) {
      const [queued] = await app.sql<{ n: string }>('SELECT count(*) AS n FROM link_queue');
      if (Number(queued.n) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the link queue did not drain');
  };
  const kpis = async (query: string) => {
    const response = await app.request('GET', `/api/v1/kpis?${query}`);
    expect(response.status).toBe(200);
    return response.body as unknown as { rows: { carrier: string | null; corridor: string | null; clock?: ClockKpi | null }[] };
  };

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    await app.createCarrier(CARRIER);
    // Half the feed arrives before the contract, half after; then a second version from 1 April.
    await postEvents(app, parcels.slice(0, 30).flatMap(toPosted));
    expect(await apply(VERSION_1)).toEqual([expect.stringMatching(new RegExp(`^${CONTRACT}: contract stored; clock facts of \\d+ ended legs queued`)), `created  ${CONTRACT} / clock p90`]);
    await drained();
    await postEvents(app, parcels.slice(30).flatMap(toPosted));
    expect(await apply(VERSION_2)).toEqual([
      expect.stringMatching(new RegExp(`^${CONTRACT}: contract stored; clock facts of \\d+ ended legs queued`)),
      `updated  ${CONTRACT} / clock p90 (effectiveFrom: "2026-01-01" → "2026-04-01")`,
    ]);
    await drained();
  });
  afterAll(() => app?.stop());

  const facts = oracleFacts(parcels);
  const q = (from: string, to: string, extra: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&contract=${CONTRACT}${extra}`;

  it('stores every version of the contract with its whole document', async () => {
    const stored = await app.sql<{ effective_from: string; carrier: string; document: { clock: { timeZone: string; days: string } } }>(
      `SELECT to_char(effective_from, 'YYYY-MM-DD') AS effective_from, carrier, document FROM sla_contracts WHERE contract = $1 ORDER BY effective_from`,
      [CONTRACT],
    );
    expect(stored.map((row) => [row.effective_from, row.carrier, row.document.clock.timeZone, row.document.clock.days])).toEqual([
      ['2026-01-01', CARRIER, 'America/Sao_Paulo', 'business'],
      ['2026-04-01', CARRIER, 'America/Sao_Paulo', 'calendar'],
    ]);
    // Applying the same file again changes nothing and queues nothing.
    expect(await apply(VERSION_2)).toEqual([`${CONTRACT}: no change (1 policies up to date)`]);
  });

  it('keeps clockDays per leg as a fact, equal to the oracle', async () => {
    const stored = await app.sql<{ tracking_number: string; clock_days: Record<string, number> }>(
      `SELECT l.tracking_number, f.clock_days FROM leg_facts f JOIN legs l ON l.id = f.leg_id`,
    );
    const byNumber = new Map(stored.map((row) => [row.tracking_number, row.clock_days[CONTRACT] ?? null]));
    expect(facts.length).toBeGreaterThan(40);
    for (const fact of facts) close(byNumber.get(fact.trackingNumber) ?? null, fact.days, 1e-9, fact.trackingNumber);
    expect([...byNumber.values()].filter((days) => days !== null)).toHaveLength(facts.length);
  });

  it('answers the clock family per carrier and corridor like the oracle, in the window of legEndAt', async () => {
    const windows = [
      ['2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z'],
      ['2026-03-10T06:15:00-03:00', '2026-04-01T00:00:00-03:00'],
      ['2026-04-01T00:00:00-03:00', '2026-06-01T00:00:00Z'],
    ];
    for (const [from, to] of windows) {
      const inWindow = facts.filter((fact) => fact.end >= Date.parse(from) && fact.end < Date.parse(to));
      const [row] = (await kpis(q(from, to, '&groupBy=carrier'))).rows;
      expect(row.carrier).toBe(CARRIER);
      expectClock(row.clock, inWindow, `${from} carrier`);
      const byCorridor = (await kpis(q(from, to, '&groupBy=carrier,corridor'))).rows;
      for (const corridor of ['CN-BR', 'US-BR']) {
        expectClock(byCorridor.find((entry) => entry.corridor === corridor)?.clock, inWindow.filter((fact) => fact.corridor === corridor), `${from} ${corridor}`);
      }
    }
  });

  it('serves the clock as a timeseries metric, each UTC week like the oracle, and only with a contract', async () => {
    const from = '2026-03-02T00:00:00Z';
    const to = '2026-06-01T00:00:00Z';
    const response = await app.request('GET', `/api/v1/kpis/timeseries?metric=clock&bucket=week&${q(from, to, '&groupBy=carrier')}`);
    expect(response.status).toBe(200);
    const body = response.body as unknown as { metric: string; series: { carrier: string; points: { start: string; end: string; value: ClockKpi | null }[] }[] };
    expect(body.metric).toBe('clock');
    expect(body.series.map((series) => series.carrier)).toEqual([CARRIER]);
    const points = body.series[0].points;
    expect(points).toHaveLength(13);
    let counted = 0;
    for (const point of points) {
      const inWeek = facts.filter((fact) => fact.end >= Date.parse(point.start) && fact.end < Date.parse(point.end));
      if (inWeek.length === 0) expect({ week: point.start, count: point.value?.count ?? 0 }).toEqual({ week: point.start, count: 0 });
      else expectClock(point.value, inWeek, `week of ${point.start}`);
      counted += inWeek.length;
    }
    expect(counted).toBeGreaterThan(40);
    const without = await app.request('GET', `/api/v1/kpis/timeseries?metric=clock&from=${from}&to=${to}`);
    expect(without.status).toBe(400);
    expect(without.body.errors).toEqual(['metric clock needs contract (the contract whose clock is read)']);
  });

  it('a KPI rebuild derives the same clock facts and answers again', async () => {
    await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'kpis', 'rebuild'], { cwd: ROOT, env: app.env() });
    await drained();
    const [row] = (await kpis(q('2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z', '&groupBy=carrier'))).rows;
    expectClock(row.clock, facts, 'after a rebuild');
  });

  it('leaves the clock out without a contract and refuses a contract never applied', async () => {
    const [row] = (await kpis('from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z&groupBy=carrier')).rows;
    expect(row).not.toHaveProperty('clock');
    const unknown = await app.request('GET', '/api/v1/kpis?from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z&contract=no-such-contract');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain("contract 'no-such-contract' has not been applied");
    const outside = await app.request('POST', '/api/v1/sla-policies', {
      body: { name: 'loose clock', carrier: CARRIER, metric: 'clock_p90_days', op: 'lte', threshold: 3, windowDays: 7 },
    });
    expect(outside.status).toBe(400);
  });

  it('evaluates a clock_p90_days policy on its contract clock', async () => {
    const asOf = '2026-04-20T00:00:00Z';
    const [policy] = await app.sql<{ id: string }>('SELECT id FROM sla_policies WHERE contract = $1', [CONTRACT]);
    const result = await evaluate(app, asOf);
    const [scope] = result.policies.find((entry) => entry.policyId === policy.id)?.scopes ?? [];
    const windowFacts = facts.filter((fact) => fact.end >= Date.parse(asOf) - 30 * 86_400_000 && fact.end < Date.parse(asOf));
    const expected = statistics(windowFacts);
    expect(scope).toMatchObject({ carrier: CARRIER, sample: expected.count });
    close(scope.value, expected.p90Days, Math.max(0.01 * expected.p90Days, 0.05), 'policy p90');
    expect(scope).toMatchObject({ verdict: 'violates', action: 'open' });
    // The breach's evidence: the legs longest on the contract clock, longest first.
    const breach = await app.request('GET', `/api/v1/breaches/${scope.breachId}`);
    expect(breach.status).toBe(200);
    const evidence = (breach.body as unknown as { evidence: { parcels: { trackingNumber: string; value: number }[] } }).evidence.parcels;
    const longest = [...windowFacts].sort((a, b) => b.days - a.days || (a.trackingNumber < b.trackingNumber ? -1 : 1)).slice(0, evidence.length);
    expect(evidence.length).toBe(Math.min(10, windowFacts.length));
    evidence.forEach((parcel, index) => close(parcel.value, longest[index].days, 1e-9, `evidence ${index}`));
  });
});
