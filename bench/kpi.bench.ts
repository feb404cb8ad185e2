// KPI read latency against the number of stored events, measured side by side in one run: the
// same queries against ~10k events and ~1M events over the same 90 days, carriers and lanes,
// each in its own database served by its own API, asked alternately so that whatever else the
// machine is doing weighs on both the same. Rollups make the latency independent of the events.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { postFeed } from '../test/support/post-feed';
import { prepareBenchServices } from './bench-app';

const run = promisify(execFile);

const QUERIES = ['groupBy=carrier', 'groupBy=carrier,corridor', 'groupBy=corridor,serviceLevel', 'groupBy=corridor&carrier=correios'];
const WINDOW = 'from=2026-08-01T00:00:00Z&to=2026-11-20T00:00:00Z';
const ROUNDS = 25;

const KPI_PATHS = QUERIES.map((query) => `/api/v1/kpis?${WINDOW}&${query}`);
const OTHER_PATHS = [`/api/v1/kpis/timeseries?metric=transit&bucket=week&groupBy=carrier&${WINDOW}`, `/api/v1/scorecards?${WINDOW}&asOf=2026-11-20T00:00:00Z`];

async function latencyMs(app: LanewatchApp, path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await app.request('GET', path);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median latency of each app over the same paths, the apps asked in turn for every request. */
async function sideBySide(apps: LanewatchApp[], paths: string[]): Promise<number[]> {
  const samples = apps.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const path of paths) {
      for (const [index, app] of apps.entries()) samples[index].push(await latencyMs(app, path));
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * An online rebuild of the large database while /kpis is asked in a loop, run as an operator runs it:
 * `lanewatch kpis rebuild` in its own process (in this one, the rebuild's CPU work would hold up the
 * reader's responses in the same event loop and count against the API). How long the command takes,
 * and the read latency meanwhile against the same reads just before it.
 */
async function rebuildWhileReading(app: LanewatchApp): Promise<string[]> {
  const before: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) for (const path of KPI_PATHS) before.push(await latencyMs(app, path));
  const during: number[] = [];
  let failed = 0;
  let rebuilding = true;
  const reader = (async () => {
    for (let index = 0; rebuilding; index += 1) {
      try {
        during.push(await latencyMs(app, KPI_PATHS[index % KPI_PATHS.length]));
      } catch {
        failed += 1;
      }
    }
  })();
  const started = process.hrtime.bigint();
  try {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'kpis', 'rebuild'], {
      cwd: join(__dirname, '..'),
      env: app.env(),
      maxBuffer: 1 << 24,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rebuilding = false;
    await reader;
    const done = /rebuilt the facts of (\d+) shipments and the rollups of (\d+) events/.exec(stdout);
    if (!done) throw new Error(`kpis rebuild printed no result:\n${stdout}`);
    const [shipments, events] = [Number(done[1]), Number(done[2])];
    const sorted = [...during].sort((a, b) => a - b);
    return [
      `Online rebuild (lanewatch kpis rebuild, its own process) of the large database while /kpis is asked in a loop`,
      `  ${events} events, ${shipments} shipments rebuilt in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s; the command's boot included)`,
      `  /kpis median ${median(before).toFixed(1)} ms before, ${median(during).toFixed(1)} ms during ` +
        `(${during.length} reads, 99th percentile ${sorted[Math.floor(sorted.length * 0.99)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms, ${failed} failed)`,
    ];
  } finally {
    rebuilding = false;
    await reader;
  }
}

async function main(): Promise<void> {
  const services = await prepareBenchServices();
  const now = new Date('2026-11-20T00:00:00Z');
  const feeds = [
    generateFeed({ seed: 1, shipments: Number(process.env.BENCH_SMALL_SHIPMENTS ?? 500), now, spanDays: 90, departureScans: true }),
    generateFeed({ seed: 2, shipments: Number(process.env.BENCH_LARGE_SHIPMENTS ?? 54_000), now, spanDays: 90, departureScans: true }),
  ];
  const apps: LanewatchApp[] = [];
  try {
    for (const [index, feed] of feeds.entries()) {
      const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' } });
      apps.push(app);
      await postFeed(app, feed, planDeliveries(feed, { seed: index + 1, batchSize: 5000, shuffle: true }), { codeMapLast: false, idleTimeoutMs: 3_600_000 });
    }
    // Steady state: the compactor has folded the deltas (reads add the ones it has not: a backlog right
    // after a burst makes reads slower for that while) and vacuumed the delta table once quiet, and the
    // worker vacuums the rollups every VACUUM_INTERVAL_MS; here both once, right away, on both databases
    // (the compactor's own VACUUM may still be running when the backlog reaches 0).
    for (const app of apps) await app.waitFor(async () => (await app.status()).compactionBacklog === 0, 3_600_000, 'the compactor to fold every delta');
    for (const app of apps) await app.sql('VACUUM (ANALYZE) kpi_rollups, kpi_rollup_deltas');
    const events = await Promise.all(apps.map(async (app) => (await app.status()).eventsStored));
    const cells = await Promise.all(apps.map(async (app) => Number((await app.sql<{ cells: string }>('SELECT count(*) AS cells FROM kpi_rollups'))[0].cells)));
    const kpiMs = await sideBySide(apps, KPI_PATHS);
    const otherMs = await sideBySide(apps, OTHER_PATHS);
    const line = (index: number, ms: number[]) => `  ${String(events[index]).padStart(8)} events stored   ${ms[index].toFixed(1).padStart(7)} ms   (${cells[index]} rollup cells)`;
    const ratio = (ms: number[]) => `  ratio: ${(events[1] / events[0]).toFixed(1)}x the events, ${(ms[1] / ms[0]).toFixed(2)}x the latency`;
    process.stdout.write(
      [
        `KPI benchmark: GET /api/v1/kpis, ${QUERIES.length} queries x ${ROUNDS} rounds over a 111-day window, median latency, the two databases asked in turn`,
        line(0, kpiMs),
        line(1, kpiMs),
        ratio(kpiMs),
        `Timeseries (weekly, per carrier) and scorecards, ${ROUNDS} rounds each, median latency`,
        line(0, otherMs),
        line(1, otherMs),
        ratio(otherMs),
      ].join('\n') + '\n',
    );
    process.stdout.write((await rebuildWhileReading(apps[1])).join('\n') + '\n');
  } finally {
    for (const app of apps) await app.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
