// npm run bench (first part): the write path against the fastest plain load of the same rows on the
// same server, measured in one run so the ratios mean something on a noisy machine. The baseline is a
// server-side COPY … FROM STDIN streamed in large chunks (as psql's \copy does) into a bare table.
// Per stage and feed: the API accepting (worker stopped), the worker alone draining what was accepted
// (one process, then two), and both together (end to end); peak resident memory of API and workers.
import { DeliveryPlan, Feed, generateFeed, planDeliveries } from '@lanewatch/simulator';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { prepareBenchServices } from './bench-app';

const SHIPMENTS = Number(process.env.BENCH_SHIPMENTS ?? 6000);
const POSTERS = 4;
// For profiling on a smaller sample: BENCH_FEEDS=shuffled|registered runs one feed, BENCH_STAGES=worker
// only the one-process drain (accept and COPY still run, as the ratio needs them). Defaults: everything.
const FEEDS = (process.env.BENCH_FEEDS ?? 'shuffled,registered').split(',');
const ONLY_WORKER = process.env.BENCH_STAGES === 'worker';
const COPY_CHUNK_BYTES = 1 << 20;

const csv = (value: unknown) => (value === null || value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`);

/** Seconds to COPY the rows into a bare table, fed in 1 MiB chunks. */
async function copySeconds(databaseUrl: string, plan: DeliveryPlan): Promise<number> {
  const lines = plan.batches.flatMap((batch) =>
    batch.events.map((event) =>
      [batch.carrier, event.trackingNumber, event.milestone, event.code, event.occurredAt, event.location?.country, event.location?.city, event.location?.facility, event.message, JSON.stringify(event)]
        .map(csv)
        .join(','),
    ),
  );
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    current += `${line}\n`;
    if (current.length >= COPY_CHUNK_BYTES) {
      chunks.push(current);
      current = '';
    }
  }
  if (current) chunks.push(current);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw`);
    await client.query(`CREATE TABLE bench_raw (carrier text, tracking_number text, milestone text, code text, occurred_at timestamptz,
      country text, city text, facility text, message text, raw jsonb)`);
    const started = process.hrtime.bigint();
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv)`)));
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

/** Peak resident set of a process in MiB (VmHWM), read while it runs. */
function peakMiB(pid: number | undefined | null): number | null {
  if (!pid) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface Setup {
  app: LanewatchApp;
  keys: Map<string, string>;
}

async function setUp(feed: Feed, options: { registered: boolean }): Promise<Setup> {
  const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'error', VACUUM_INTERVAL_MS: '60000' }, worker: false });
  const keys = new Map<string, string>();
  for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
  for (const carrier of feed.carriers.filter((c) => c.codeMap)) await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
  if (options.registered) {
    // Every journey registered by its first leg's carrier before its events arrive (not timed).
    const journeys = [...feed.journeys];
    await Promise.all(
      Array.from({ length: POSTERS }, async () => {
        for (let journey = journeys.shift(); journey; journey = journeys.shift()) {
          const first = journey.legs[0];
          const response = await app.request('POST', '/api/v1/shipments', { token: keys.get(first.carrier), body: { carrier: first.carrier, trackingNumber: first.trackingNumber, ...journey.shipment } });
          if (response.status >= 300) throw new Error(`register ${first.trackingNumber}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }),
    );
    await app.startWorker();
    await app.waitForIdle(3_600_000);
    await app.killWorkers('SIGTERM');
  }
  return { app, keys };
}

/** Posts every batch through POSTERS concurrent clients; seconds until the last 202. */
async function post(setup: Setup, plan: DeliveryPlan): Promise<number> {
  const queue = [...plan.batches];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: POSTERS }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const response = await setup.app.request('POST', '/api/v1/events', { token: setup.keys.get(batch.carrier), body: { events: batch.events } });
        if (response.status !== 202) throw new Error(`POST /events answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 when it is gone. */
function cpuSeconds(pid: number | undefined | null): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the worker processes and of their PostgreSQL backends (a profile of where the drain ran). */
async function workerCpu(setup: Setup, processes: ChildProcess[]): Promise<{ node: number; postgres: number }> {
  const backends = await setup.app.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'lanewatch-worker%' AND datname = current_database()`);
  return { node: processes.reduce((sum, child) => sum + cpuSeconds(child.pid), 0), postgres: backends.reduce((sum, row) => sum + cpuSeconds(row.pid), 0) };
}

/** Resolves once the worker prints its start line (logged at info: connected, processors and sweepers running). */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (!seen.includes('"message":"worker started"')) return;
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it started`)));
  });
}

/**
 * The worker alone: from the first worker process being ready to an idle pipeline (every batch stored
 * and derived). Its boot (spawn, TypeScript compiled on the fly, connections) is timed apart and left
 * out: a running worker does not boot again for the next backlog. Its processors start a few
 * milliseconds before the start line, which this leaves out too.
 */
async function drain(setup: Setup, workers: number, plan: DeliveryPlan): Promise<{ seconds: number; bootSeconds: number; workerMiB: (number | null)[]; cpu: { node: number; postgres: number } }> {
  const spawned = process.hrtime.bigint();
  const processes: ChildProcess[] = [];
  for (let index = 0; index < workers; index += 1) processes.push(await setup.app.startWorker({ env: { LOG_LEVEL: 'info' } }));
  const readies = processes.map(ready);
  // A process that exits later (stopped with the app) must not leave its start promise rejected unheard.
  for (const started of readies) started.catch(() => undefined);
  await Promise.race(readies);
  const started = process.hrtime.bigint();
  const status = await setup.app.waitForIdle(3_600_000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (status.eventsStored !== plan.uniqueCount) throw new Error(`stored ${status.eventsStored} of ${plan.uniqueCount}`);
  return { seconds, bootSeconds: Number(started - spawned) / 1e9, workerMiB: processes.map((child) => peakMiB(child.pid)), cpu: await workerCpu(setup, processes) };
}

/** BENCH_STATS=1: what the drain wrote, per table, and how often it derived each leg (a profile, not a figure). */
async function printWriteStats(setup: Setup): Promise<void> {
  const tables = await setup.app.sql<{ relname: string; ins: string; upd: string; hot: string; del: string }>(
    `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_del AS del FROM pg_stat_user_tables
      WHERE n_tup_ins + n_tup_upd + n_tup_del > 1000 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC`,
  );
  for (const row of tables) process.stdout.write(`    ${row.relname.padEnd(36)} ins ${row.ins.padStart(8)} upd ${row.upd.padStart(8)} (hot ${row.hot.padStart(8)}) del ${row.del.padStart(8)}\n`);
  const [log] = await setup.app.sql<{ derivations: string; legs: string; distinct_legs: string }>(
    `SELECT count(*) AS derivations, sum(cardinality(leg_ids)) AS legs, (SELECT count(DISTINCT l) FROM derive_log, unnest(leg_ids) AS l) AS distinct_legs FROM derive_log`,
  );
  process.stdout.write(`    derivations ${log.derivations}, legs derived ${log.legs}, distinct legs ${log.distinct_legs}\n`);
}

interface StageResult {
  label: string;
  events: number;
  copy: number;
  accept: number;
  worker1: number;
  worker2: number;
  endToEnd: number;
  apiMiB: number | null;
  workerMiB: number | null;
  cpu1: { node: number; postgres: number };
  /** The one-process drain's worker boot, not in its seconds. */
  boot1: number;
}

async function stage(label: string, feed: Feed, plan: DeliveryPlan, registered: boolean): Promise<StageResult> {
  // The worker alone, one process: accepted first with the worker stopped (the API's rate), then drained.
  const one = await setUp(feed, { registered });
  let copy: number;
  let accept: number;
  let worker1: Awaited<ReturnType<typeof drain>>;
  let apiMiB: number | null;
  try {
    accept = await post(one, plan);
    worker1 = await drain(one, 1, plan);
    if (process.env.BENCH_STATS) await printWriteStats(one);
    apiMiB = peakMiB(one.app.apiPid);
    copy = await copySeconds(one.app.databaseUrl, plan);
  } finally {
    await one.app.stop();
  }
  if (ONLY_WORKER) return { label, events: plan.uniqueCount, copy, accept, worker1: worker1.seconds, worker2: NaN, endToEnd: NaN, apiMiB, workerMiB: worker1.workerMiB[0] ?? null, cpu1: worker1.cpu, boot1: worker1.bootSeconds };
  // The same with two worker processes.
  const two = await setUp(feed, { registered });
  let worker2: Awaited<ReturnType<typeof drain>>;
  try {
    await post(two, plan);
    worker2 = await drain(two, 2, plan);
  } finally {
    await two.app.stop();
  }
  // End to end: one worker running while the clients post; until every event is derived.
  const both = await setUp(feed, { registered });
  let endToEnd: number;
  try {
    await both.app.startWorker();
    const started = process.hrtime.bigint();
    await post(both, plan);
    const status = await both.app.waitForIdle(3_600_000);
    endToEnd = Number(process.hrtime.bigint() - started) / 1e9;
    if (status.eventsStored !== plan.uniqueCount) throw new Error(`stored ${status.eventsStored} of ${plan.uniqueCount}`);
  } finally {
    await both.app.stop();
  }
  const workerPeaks = [...worker1.workerMiB, ...worker2.workerMiB].filter((value): value is number => value !== null);
  return {
    label,
    events: plan.uniqueCount,
    copy,
    accept,
    worker1: worker1.seconds,
    cpu1: worker1.cpu,
    boot1: worker1.bootSeconds,
    worker2: worker2.seconds,
    endToEnd,
    apiMiB,
    workerMiB: workerPeaks.length > 0 ? Math.max(...workerPeaks) : null,
  };
}

function report(result: StageResult): string {
  const rate = (seconds: number) => Math.round(result.events / seconds);
  const row = (name: string, seconds: number) =>
    `  ${name.padEnd(34)} ${String(rate(seconds)).padStart(8)} events/s  ${seconds.toFixed(2).padStart(7)} s  = ${(result.copy / seconds).toFixed(3)} × COPY`;
  return [
    `${result.label}: ${result.events} events`,
    `  ${'COPY into a bare table (1 MiB chunks)'.padEnd(34)} ${String(rate(result.copy)).padStart(8)} events/s  ${result.copy.toFixed(2).padStart(7)} s`,
    row(`API accept (${POSTERS} clients, worker stopped)`, result.accept),
    row('worker alone, 1 process', result.worker1),
    `    from ready to idle; its boot before that (spawn to start line): ${result.boot1.toFixed(2)} s`,
    `    its CPU (boot included): worker process ${result.cpu1.node.toFixed(1)} s, its PostgreSQL backends ${result.cpu1.postgres.toFixed(1)} s`,
    row('worker alone, 2 processes', result.worker2),
    row('end to end (API and 1 worker)', result.endToEnd),
    `  2 worker processes vs 1: ${(result.worker1 / result.worker2).toFixed(2)}× the throughput`,
    `  peak resident memory: API ${result.apiMiB ?? '?'} MiB, worker ${result.workerMiB ?? '?'} MiB`,
  ].join('\n');
}

async function main(): Promise<void> {
  const services = await prepareBenchServices();
  try {
    const feed = generateFeed({ seed: 42, shipments: SHIPMENTS, now: new Date('2026-11-20T00:00:00Z'), spanDays: 90, departureScans: true });
    const shuffled = planDeliveries(feed, { seed: 42, batchSize: 5000, duplicateRate: 0, offsetVariantRate: 0, shuffle: true });
    const registered = planDeliveries(feed, { seed: 43, batchSize: 400, duplicateRate: 0, offsetVariantRate: 0, shuffle: true });
    // Each feed's figures as soon as they are measured: a run cut short still shows what it measured.
    process.stdout.write('ingest benchmark\n');
    if (FEEDS.includes('shuffled')) process.stdout.write(`${report(await stage(`Shuffled feed (${feed.journeys.length} shipments, 5000-event batches)`, feed, shuffled, false))}\n`);
    if (FEEDS.includes('registered')) process.stdout.write(`${report(await stage(`Registered shipments, 400-event batches, ${POSTERS} concurrent clients`, feed, registered, true))}\n`);
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
