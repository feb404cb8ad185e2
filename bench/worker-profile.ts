// Where the worker's time goes, per stage and per SQL statement: stores a shuffled feed through the
// API with no worker running, then stores, derives and compacts it in this process, one stage after
// the other, timing every statement (wall time from send to answer, summed by statement text).
// BENCH_SHIPMENTS (default 1000) sets the feed's size. Not a benchmark of ratios: a profile.
import { createDataSource } from '@lanewatch/db';
import { compactRollups, deriveQueued, processBatch } from '@lanewatch/write-path';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Client } from 'pg';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { prepareBenchServices } from './bench-app';

const SHIPMENTS = Number(process.env.BENCH_SHIPMENTS ?? 1000);

const byStatement = new Map<string, { calls: number; ms: number }>();
let stage = '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const original = Client.prototype.query as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(Client.prototype as any).query = function timed(this: Client, ...args: any[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '?');
  const started = process.hrtime.bigint();
  const result = original.apply(this, args);
  if (result && typeof result.then === 'function') {
    const note = () => {
      const key = `${stage} | ${String(text).replace(/\s+/g, ' ').slice(0, 150)}`;
      const entry = byStatement.get(key) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
      byStatement.set(key, entry);
    };
    result.then(note, note);
  }
  return result;
};

/** PROFILE_STAGE=<stage>[,<stage>…]: a CPU profile of each such stage alone, written to worker-profile-<stage>.cpuprofile (PROFILE_KIND=heap: its allocations, .heapprofile). */
async function profiled<T>(name: string, body: () => Promise<T>): Promise<T> {
  if (!(process.env.PROFILE_STAGE ?? '').split(',').includes(name)) return body();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  // PROFILE_KIND=heap: what the stage allocates (sampled, collected objects included) instead of its CPU.
  const heap = process.env.PROFILE_KIND === 'heap';
  if (heap) await post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  else {
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  try {
    return await body();
  } finally {
    const { profile } = (await post(heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop')) as { profile: unknown };
    writeFileSync(`worker-profile-${name}.${heap ? 'heapprofile' : 'cpuprofile'}`, JSON.stringify(profile));
    session.disconnect();
  }
}

async function timedStage(name: string, body: () => Promise<number>): Promise<void> {
  stage = name;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const count = await profiled(name, body);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const sql = [...byStatement].filter(([key]) => key.startsWith(`${name} |`)).reduce((sum, [, entry]) => sum + entry.ms, 0);
  process.stdout.write(`${name}: ${count} units, ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms node CPU, ${sql.toFixed(0)} ms in SQL\n`);
}

async function main(): Promise<void> {
  const services = await prepareBenchServices();
  const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'error' }, worker: false });
  try {
    const feed = generateFeed({ seed: 42, shipments: SHIPMENTS, now: new Date('2026-11-20T00:00:00Z'), spanDays: 90, departureScans: true });
    const plan = planDeliveries(feed, { seed: 42, batchSize: Number(process.env.BENCH_BATCH ?? 5000), duplicateRate: 0, offsetVariantRate: 0, shuffle: true });
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
    for (const batch of plan.batches) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
      if (response.status !== 202) throw new Error(`POST /events answered ${response.status}`);
    }
    await app.killApi();
    const dataSource = createDataSource(app.databaseUrl, { poolSize: 4 });
    await dataSource.initialize();
    try {
      process.stdout.write(`${plan.uniqueCount} events in ${plan.batches.length} batches\n`);
      const ids = (await dataSource.query(`SELECT id FROM ingest_batches WHERE status = 'pending' ORDER BY received_at`)) as { id: string }[];
      await timedStage('store', async () => {
        for (const { id } of ids) await processBatch(dataSource, id);
        return ids.length;
      });
      await timedStage('derive', async () => {
        let total = 0;
        for (let taken = 1; taken > 0; total += taken) taken = (await deriveQueued(dataSource)).taken;
        return total;
      });
      await timedStage('compact', async () => {
        let total = 0;
        for (let folded = 1; folded > 0; total += folded) folded = await compactRollups(dataSource);
        return total;
      });
      const top = [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
      for (const [key, entry] of top) process.stdout.write(`${entry.ms.toFixed(0).padStart(8)} ms ${String(entry.calls).padStart(6)}× ${key}\n`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await app.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
