// KPI read latency against the number of stored events, measured side by side in one run: the
// same queries at ~10k events and at ~1M events over the same 90 days, carriers and lanes.
// Rollups make them independent of the number of events.
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { postFeed } from '../test/support/post-feed';
import { prepareBenchServices } from './bench-app';

const QUERIES = ['groupBy=carrier', 'groupBy=carrier,corridor', 'groupBy=corridor,serviceLevel', 'groupBy=corridor&carrier=correios'];
const WINDOW = 'from=2026-08-01T00:00:00Z&to=2026-11-20T00:00:00Z';
const ROUNDS = 25;

async function medianLatencyMs(app: LanewatchApp, paths: string[]): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const path of paths) {
      const started = process.hrtime.bigint();
      const response = await app.request('GET', path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const KPI_PATHS = QUERIES.map((query) => `/api/v1/kpis?${WINDOW}&${query}`);
const OTHER_PATHS = [`/api/v1/kpis/timeseries?metric=transit&bucket=week&groupBy=carrier&${WINDOW}`, `/api/v1/scorecards?${WINDOW}&asOf=2026-11-20T00:00:00Z`];

async function main(): Promise<void> {
  const services = await prepareBenchServices();
  const now = new Date('2026-11-20T00:00:00Z');
  const small = generateFeed({ seed: 1, shipments: Number(process.env.BENCH_SMALL_SHIPMENTS ?? 500), now, spanDays: 90, departureScans: true });
  const large = generateFeed({ seed: 2, shipments: Number(process.env.BENCH_LARGE_SHIPMENTS ?? 50_000), now, spanDays: 90, departureScans: true });
  const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' } });
  try {
    const smallPlan = planDeliveries(small, { seed: 1, batchSize: 5000, shuffle: true });
    await postFeed(app, small, smallPlan, { codeMapLast: false });
    const smallEvents = (await app.status()).eventsStored;
    const smallMs = await medianLatencyMs(app, KPI_PATHS);
    const smallOtherMs = await medianLatencyMs(app, OTHER_PATHS);
    // The second feed reuses the carriers' names: register nothing twice, post through the admin token.
    const largePlan = planDeliveries(large, { seed: 2, batchSize: 5000, shuffle: true });
    await app.request('GET', '/api/v1/health');
    for (const batch of largePlan.batches) {
      const response = await app.request('POST', '/api/v1/events', { body: { events: batch.events.map((event) => ({ ...event, carrier: batch.carrier })) } });
      if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
    }
    await app.waitForIdle(3_600_000);
    const largeEvents = (await app.status()).eventsStored;
    const largeMs = await medianLatencyMs(app, KPI_PATHS);
    const largeOtherMs = await medianLatencyMs(app, OTHER_PATHS);
    const [{ cells }] = await app.sql<{ cells: string }>('SELECT count(*) AS cells FROM kpi_rollups');
    process.stdout.write(
      [
        `KPI benchmark: GET /api/v1/kpis, ${QUERIES.length} queries x ${ROUNDS} rounds over a 111-day window, median latency`,
        `  ${String(smallEvents).padStart(8)} events stored   ${smallMs.toFixed(1).padStart(7)} ms`,
        `  ${String(largeEvents).padStart(8)} events stored   ${largeMs.toFixed(1).padStart(7)} ms   (${(largeEvents / smallEvents).toFixed(1)}x the events, ${(largeMs / smallMs).toFixed(2)}x the latency; ${cells} rollup cells)`,
        `Timeseries (weekly, per carrier) and scorecards, ${ROUNDS} rounds each, median latency`,
        `  ${String(smallEvents).padStart(8)} events stored   ${smallOtherMs.toFixed(1).padStart(7)} ms`,
        `  ${String(largeEvents).padStart(8)} events stored   ${largeOtherMs.toFixed(1).padStart(7)} ms   (${(largeOtherMs / smallOtherMs).toFixed(2)}x the latency)`,
      ].join('\n') + '\n',
    );
  } finally {
    await app.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
