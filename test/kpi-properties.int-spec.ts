import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { generateFeed, planDeliveries, PlanDeliveriesOptions } from '@lanewatch/simulator';
import { GroupBy, kpis, KpiResponse } from './oracle/kpi-oracle';
import { KpiRequest, kpiMismatches, kpiPath } from './support/kpi-comparison';
import { formatInOffset, groupValuesOf, isolatedFeed, offsetMinutes } from './support/isolated-feed';
import { LanewatchApp } from './support/lanewatch-app';
import { oracleInputOf } from './support/oracle-input';
import { postFeed } from './support/post-feed';
import { DAY_MS } from '@lanewatch/domain';

// kpis.md §3–§5 as properties of the live app: for random feeds posted in random orders with random
// duplicates, GET /api/v1/kpis agrees with the independent oracle (test/oracle) on every metric, for
// every groupBy, filter and window; and two databases fed the same feed differently answer identically.
//
// Each run posts one feed into two apps (two databases) and waits for both workers. Runs share the
// apps: a run's carriers, corridors and service levels are renamed to its own (support/isolated-feed),
// so no group of one run holds another run's facts. Starting two apps takes 3–14 s here and a run
// (post into both, wait for both workers, 48 queries each) 2–17 s, so fresh apps per run would about
// double the time. Shrinking is off for the same reason: a failing run reports every disagreement.
//
// Replay a failure with KPI_PROPERTIES_SEED=<seed> (and KPI_PROPERTIES_PATH=<path>) from fast-check's report.
const NUM_RUNS = 8;
const SEED = process.env.KPI_PROPERTIES_SEED ? Number(process.env.KPI_PROPERTIES_SEED) : randomBytes(4).readUInt32BE() >>> 1;
const PATH = process.env.KPI_PROPERTIES_PATH;

const GROUP_BYS: GroupBy[] = ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'];
const SIMULATOR_CORRIDORS = ['CN-BR', 'CN-US', 'CN-NL', 'CN-FR', 'CN-GB', 'CN-ES'];
const SIMULATOR_SERVICE_LEVELS = ['standard', 'economy', 'premium'];
// One origin per run: the run's corridors (AR-BR, AR-US, ...) belong to no other run.
const RUN_ORIGINS = ['AR', 'AU', 'CA', 'CL', 'CO', 'DE', 'IN', 'JP', 'MX', 'NZ', 'PE', 'PT', 'SE', 'TH', 'ZA', 'VN', 'KE', 'EG', 'IT', 'PL'];
// Whole, half and quarter-hour offsets, both sides of UTC.
const OFFSETS = ['Z', '-03:00', '+08:00', '+05:45', '-09:30', '+14:00', '-12:00', '+01:00'];
const QUARTER_MS = 15 * 60_000;
const LATEST_NOW_MS = Date.parse('2026-11-01T00:00:00Z');

// Rates and positions are whole percents and permilles: fast-check's doubles crowd at the ends of their
// range (0, 5e-324, 0.99999…), which left most windows before the first event or after the last one.
const percent = (min: number, max: number) => fc.integer({ min, max }).map((value) => value / 100);
// Positions without bias: spread evenly over the feed, not crowded at its ends.
const permille = fc.noBias(fc.integer({ min: 0, max: 1000 })).map((value) => value / 1000);

const planArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  batchSize: fc.integer({ min: 15, max: 400 }),
  duplicateRate: percent(0, 25),
  offsetVariantRate: percent(0, 15),
  shuffle: fc.boolean(),
  lastMileFirst: fc.boolean(),
  lastMileFirstRate: percent(0, 100),
  codeMapLast: fc.boolean(),
});

const windowArbitrary = fc.record({
  kind: fc.constantFrom('span', 'across-utc-midnight', 'inside-one-day', 'local-days'),
  start: permille,
  length: permille,
  quartersBefore: fc.integer({ min: 1, max: 95 }),
  quartersAfter: fc.integer({ min: 1, max: 95 }),
  days: fc.integer({ min: 1, max: 10 }),
  offset: fc.constantFrom(...OFFSETS),
});

const filterArbitrary = fc.record({
  keys: fc.constantFrom<('carrier' | 'corridor' | 'serviceLevel')[]>(
    ['carrier'],
    ['corridor'],
    ['serviceLevel'],
    ['carrier', 'serviceLevel'],
    ['corridor', 'serviceLevel'],
    ['carrier', 'corridor'],
  ),
  pick: fc.nat(),
  groupBy: fc.constantFrom(...GROUP_BYS),
});

const runArbitrary = fc.record({
  feedSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  shipments: fc.integer({ min: 20, max: 60 }),
  spanDays: fc.integer({ min: 20, max: 60 }),
  nowDaysBack: fc.integer({ min: 0, max: 300 }),
  nowMinutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  departureScans: fc.boolean(),
  corridors: fc.subarray(SIMULATOR_CORRIDORS, { minLength: 1 }),
  serviceLevels: fc.subarray(SIMULATOR_SERVICE_LEVELS, { minLength: 1 }),
  withoutCorridor: fc.constantFrom(0, 0.1, 0.3),
  withoutServiceLevel: fc.constantFrom(0, 0.1),
  withoutPromise: fc.constantFrom(0, 0.2),
  ties: fc.constantFrom(0, 0.1, 0.3),
  // Feed A, then the same feed in another order with extra copies for feed B.
  planA: planArbitrary,
  planB: planArbitrary,
  extraDuplicates: percent(5, 30),
  // A wide window with partial edges that surely holds data, then windows of every kind.
  wideWindow: fc.record({ start: permille, length: permille, offset: fc.constantFrom(...OFFSETS) }),
  windows: fc.array(windowArbitrary, { minLength: 4, maxLength: 4 }),
  filters: fc.array(filterArbitrary, { minLength: 3, maxLength: 3 }),
});

type Run = typeof runArbitrary extends fc.Arbitrary<infer T> ? T : never;
type WindowSpec = Run['windows'][number];

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/** A quarter-hour aligned window somewhere over [lo, hi), written in the spec's offset. */
function windowOf(spec: WindowSpec, lo: number, hi: number): { label: string; from: string; to: string } {
  let from: number;
  let to: number;
  switch (spec.kind) {
    case 'span': {
      from = lo + floorTo(spec.start * (hi - lo), QUARTER_MS);
      to = Math.min(hi, from + Math.max(QUARTER_MS, floorTo(spec.length * (hi - from), QUARTER_MS)));
      break;
    }
    case 'across-utc-midnight': {
      const midnight = floorTo(lo + spec.start * (hi - lo), DAY_MS) + DAY_MS;
      from = midnight - spec.quartersBefore * QUARTER_MS;
      to = midnight + spec.quartersAfter * QUARTER_MS;
      break;
    }
    case 'inside-one-day': {
      const day = floorTo(lo + spec.start * (hi - lo), DAY_MS);
      const first = Math.min(spec.quartersBefore, spec.quartersAfter) - 1;
      const last = Math.max(spec.quartersBefore, spec.quartersAfter);
      from = day + first * QUARTER_MS;
      to = day + Math.max(last, first + 1) * QUARTER_MS;
      break;
    }
    case 'local-days': {
      // Midnight to midnight in the offset: the edges cut through UTC days unless the offset is 0.
      const shift = offsetMinutes(spec.offset) * 60_000;
      from = floorTo(lo + spec.start * (hi - lo) + shift, DAY_MS) - shift;
      to = from + spec.days * DAY_MS;
      break;
    }
  }
  return { label: `${spec.kind} ${spec.offset}`, from: formatInOffset(from, spec.offset), to: formatInOffset(to, spec.offset) };
}

/** From somewhere in the first half of [lo, hi) over at least a quarter of it: partial edges, surely data. */
function wideWindowOf(spec: Run['wideWindow'], lo: number, hi: number): { label: string; from: string; to: string } {
  const from = lo + floorTo((spec.start * (hi - lo)) / 2, QUARTER_MS);
  const to = Math.min(hi, from + floorTo((0.25 + 0.75 * spec.length) * (hi - lo), QUARTER_MS));
  return { label: `wide ${spec.offset}`, from: formatInOffset(from, spec.offset), to: formatInOffset(to, spec.offset) };
}

function planOptions(plan: Run['planA'], extraDuplicates = 0): PlanDeliveriesOptions {
  return {
    seed: plan.seed,
    batchSize: plan.batchSize,
    duplicateRate: Math.min(1, plan.duplicateRate + extraDuplicates),
    offsetVariantRate: plan.offsetVariantRate,
    shuffle: plan.shuffle,
    lastMileFirst: plan.lastMileFirst,
    lastMileFirstRate: plan.lastMileFirstRate,
  };
}

// Means and variances come from Welford/Chan merges whose floating-point result depends on the order
// facts reached a rollup cell: two databases may differ in the last bits, never beyond this. A variance
// merged from cells loses bits relative to the squared mean (m2 terms cancel), so variances and
// standard deviations are compared as variances on the scale of max(variance, mean²).
const MEAN_FIELDS = new Set(['meanDays', 'meanHours']);
const SPREAD_FIELDS: Record<string, string> = { varianceDays: 'meanDays', stddevDays: 'meanDays' };
const FLOAT_RELATIVE = 1e-12;

function sameFloat(field: string, a: number, b: number, parent: Record<string, unknown>): boolean {
  if (MEAN_FIELDS.has(field)) return Math.abs(a - b) <= FLOAT_RELATIVE * Math.max(Math.abs(a), Math.abs(b));
  const mean = parent[SPREAD_FIELDS[field]];
  const meanSquared = typeof mean === 'number' ? mean * mean : 0;
  const [va, vb] = field === 'stddevDays' ? [a * a, b * b] : [a, b];
  return Math.abs(va - vb) <= FLOAT_RELATIVE * Math.max(Math.abs(va), Math.abs(vb), meanSquared);
}

/**
 * The first difference between two API answers, as a path and both sides; null when they agree:
 * every key, count, rate and percentile identical, means and variances within FLOAT_RELATIVE.
 */
function firstDifference(a: unknown, b: unknown, path = '', field = '', parent: Record<string, unknown> = {}): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a === 'number' && typeof b === 'number' && (MEAN_FIELDS.has(field) || field in SPREAD_FIELDS)) {
    return sameFloat(field, a, b, parent) ? null : `${path}: ${a} vs ${b}`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const next = `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`;
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], next, key, a as Record<string, unknown>);
    if (difference !== null) return difference;
  }
  return null;
}

// Simulator weights (corridors.constants): how many journeys to generate so that about `shipments`
// of them fall in the chosen corridors and service levels.
const CORRIDOR_WEIGHTS: Record<string, number> = { 'CN-BR': 24, 'CN-US': 24, 'CN-NL': 10, 'CN-FR': 15, 'CN-GB': 12, 'CN-ES': 15 };
const SERVICE_LEVEL_WEIGHTS: Record<string, number> = { standard: 60, economy: 30, premium: 10 };
function journeysToGenerate(run: Pick<Run, 'shipments' | 'corridors' | 'serviceLevels'>): number {
  const share =
    (run.corridors.reduce((sum, corridor) => sum + CORRIDOR_WEIGHTS[corridor], 0) / 100) *
    (run.serviceLevels.reduce((sum, level) => sum + SERVICE_LEVEL_WEIGHTS[level], 0) / 100);
  return Math.min(8000, Math.ceil((1.5 * run.shipments) / share) + 20);
}

// Generating a feed blocks the event loop for seconds, past the API's 5 s keep-alive timeout: fetch may
// then reuse a socket the API closed meanwhile ("other side closed"). A probe allowed to fail once drops it.
async function reconnect(app: LanewatchApp): Promise<void> {
  await app.request('GET', '/api/v1/health').catch(() => app.request('GET', '/api/v1/health'));
}

describe('KPI properties against the live app (fast-check)', () => {
  let appA: LanewatchApp;
  let appB: LanewatchApp;
  let runIndex = 0;

  beforeAll(async () => {
    const started = Date.now();
    [appA, appB] = await Promise.all([
      LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } }),
      LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } }),
    ]);
    process.stderr.write(`[kpi-properties] two apps started in ${Date.now() - started} ms; fast-check seed ${SEED}\n`);
  });
  afterAll(async () => {
    await Promise.all([appA?.stop(), appB?.stop()]);
  });

  it('agrees with the oracle on every metric, groupBy, filter and window, and two databases fed in different orders answer identically', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async (run) => {
        const index = runIndex++;
        if (index >= RUN_ORIGINS.length) throw new Error(`run ${index}: add origins to RUN_ORIGINS, runs must not share corridors`);
        const started = Date.now();
        const tag = `p${index}${randomBytes(2).toString('hex')}`;
        const nowMs = LATEST_NOW_MS - run.nowDaysBack * DAY_MS - run.nowMinutes * 60_000;
        const generated = generateFeed({ seed: run.feedSeed, shipments: journeysToGenerate(run), now: new Date(nowMs), spanDays: run.spanDays, departureScans: run.departureScans });
        const feed = isolatedFeed(generated, {
          tag,
          origin: RUN_ORIGINS[index % RUN_ORIGINS.length],
          corridors: run.corridors,
          serviceLevels: run.serviceLevels,
          shipments: run.shipments,
          withoutCorridor: run.withoutCorridor,
          withoutServiceLevel: run.withoutServiceLevel,
          withoutPromise: run.withoutPromise,
          ties: run.ties,
          seed: run.feedSeed,
        });
        const planA = planDeliveries(feed, planOptions(run.planA));
        const planB = planDeliveries(feed, { ...planOptions(run.planB, run.extraDuplicates), shuffle: true });
        await Promise.all([reconnect(appA), reconnect(appB)]);
        await Promise.all([
          postFeed(appA, feed, planA, { codeMapLast: run.planA.codeMapLast }),
          postFeed(appB, feed, planB, { codeMapLast: !run.planA.codeMapLast }),
        ]);
        const posted = Date.now();

        const oracle = oracleInputOf(feed);
        const asOf = feed.now;
        const values = groupValuesOf(feed);
        const mine = (row: KpiResponse['rows'][number]) =>
          (row.carrier !== null && row.carrier.startsWith(`${tag}-`)) ||
          (row.corridor !== null && values.corridors.includes(row.corridor)) ||
          (row.serviceLevel !== null && values.serviceLevels.includes(row.serviceLevel));

        const instants = feed.journeys.flatMap((journey) => journey.legs.flatMap((leg) => leg.events.map((event) => Date.parse(event.occurredAt))));
        const lo = floorTo(Math.min(...instants), DAY_MS) - DAY_MS;
        const hi = ceilTo(nowMs, DAY_MS) + DAY_MS;
        const windows = [
          { label: 'whole feed Z', from: formatInOffset(lo, 'Z'), to: formatInOffset(hi, 'Z') },
          wideWindowOf(run.wideWindow, lo, hi),
          ...run.windows.map((spec) => windowOf(spec, lo, hi)),
        ];
        const requests: (KpiRequest & { label: string })[] = [];
        for (const window of windows) {
          for (const groupBy of GROUP_BYS) requests.push({ label: `${window.label} [${window.from}, ${window.to}) groupBy=${groupBy}`, from: window.from, to: window.to, groupBy });
          for (const filter of run.filters) {
            const request: KpiRequest & { label: string } = { label: '', from: window.from, to: window.to, groupBy: filter.groupBy };
            for (const key of filter.keys) {
              const options = key === 'carrier' ? values.carriers : key === 'corridor' ? values.corridors : values.serviceLevels;
              if (options.length > 0) request[key] = options[filter.pick % options.length];
            }
            request.label = `${window.label} [${window.from}, ${window.to}) groupBy=${filter.groupBy} filter ${JSON.stringify({ carrier: request.carrier, corridor: request.corridor, serviceLevel: request.serviceLevel })}`;
            requests.push(request);
          }
        }

        const problems: string[] = [];
        let rowsCompared = 0;
        let partialRowsCompared = 0;
        for (const request of requests) {
          const [responseA, responseB] = await Promise.all([appA.request('GET', kpiPath(request)), appB.request('GET', kpiPath(request))]);
          if (responseA.status !== 200 || responseB.status !== 200) {
            problems.push(`${request.label}: status ${responseA.status} / ${responseB.status} ${JSON.stringify(responseA.body)}`);
            continue;
          }
          const identical = firstDifference(responseA.body, responseB.body);
          if (identical !== null) problems.push(`${request.label}: database A and B differ at ${identical}`);
          const expected = kpis(oracle, { ...request, asOf });
          rowsCompared += expected.rows.length;
          if (!request.label.startsWith('whole feed')) partialRowsCompared += expected.rows.length;
          for (const [name, response] of [['A', responseA], ['B', responseB]] as const) {
            const body = response.body as unknown as KpiResponse;
            const actual: KpiResponse = { ...body, rows: body.rows.filter(mine) };
            problems.push(...kpiMismatches(actual, expected, `${name} ${request.label}`));
            if (body.from !== request.from || body.to !== request.to) problems.push(`${name} ${request.label}: echoed from/to ${body.from} ${body.to}`);
          }
        }
        const summary = {
          run: index,
          tag,
          feedSeed: run.feedSeed,
          now: feed.now,
          spanDays: run.spanDays,
          shipments: feed.journeys.length,
          events: feed.eventCount,
          postedA: planA.totalEvents,
          postedB: planB.totalEvents,
          lastMileFirst: planA.lastMileFirstJourneys.length,
          requests: requests.length,
          rowsCompared,
          partialRowsCompared,
          postMs: posted - started,
          totalMs: Date.now() - started,
        };
        process.stderr.write(`[kpi-properties] ${JSON.stringify(summary)}\n`);
        if (problems.length > 0) {
          const shown = problems.slice(0, 40).join('\n  ');
          throw new Error(`${problems.length} disagreement(s) in run ${JSON.stringify(summary)}:\n  ${shown}\ngroups of the run: ${JSON.stringify(values)}`);
        }
        // Every run must compare real data, also inside partial windows, or the property proves nothing.
        expect(partialRowsCompared).toBeGreaterThan(0);
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
    );
  });
});
