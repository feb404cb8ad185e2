import { createDataSource } from '@lanewatch/db';
import { kpisNeedRebuild, REBUILD_LOCK } from '@lanewatch/write-path';
import { INGEST_QUEUE, redisConnectionOptions } from '@lanewatch/queue';
import { DeliveryBatch, Feed, generateFeed, planDeliveries } from '@lanewatch/simulator';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { GroupBy, kpis, KpiResponse } from './oracle/kpi-oracle';
import { kpiMismatches, kpiPath } from './support/kpi-comparison';
import { LanewatchApp } from './support/lanewatch-app';
import { describeLockShare, sampleWorkerLocks } from './support/lock-sampler';
import { oracleInputOf } from './support/oracle-input';
import { FactSnapshot, factMismatches, factSnapshot, kpiRunMismatches } from './support/run-comparison';

const WORKERS = 3;
const GROUP_BYS: GroupBy[] = ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'];
const WINDOW = { from: '2026-10-01T00:00:00Z', to: '2026-11-21T00:00:00Z' };

interface WorkerOutput {
  process: ChildProcess;
  processed: number;
  messages: string[];
  lines: string[];
}

/** Collects a worker's JSON log lines: its own stdout, so what it did is told apart from the others. */
function watch(output: WorkerOutput, chunk: Buffer, partial: { text: string }): void {
  const text = partial.text + chunk.toString();
  const lines = text.split('\n');
  partial.text = lines.pop() ?? '';
  for (const line of lines) {
    output.lines.push(line);
    let entry: { message?: string; status?: string } = {};
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.message) output.messages.push(entry.message);
    if (entry.message === 'batch done' && entry.status === 'processed') output.processed += 1;
  }
}

async function startWorkers(app: LanewatchApp, count: number, logLevel = 'debug'): Promise<WorkerOutput[]> {
  const outputs: WorkerOutput[] = [];
  for (let index = 0; index < count; index += 1) {
    const process = await app.startWorker({ env: { LOG_LEVEL: logLevel } });
    const output: WorkerOutput = { process, processed: 0, messages: [], lines: [] };
    const partial = { text: '' };
    process.stdout?.on('data', (chunk: Buffer) => watch(output, chunk, partial));
    outputs.push(output);
  }
  // A worker that exits while starting fails this at once, with what it said.
  let exited: (() => void) | undefined;
  const exit = new Promise<never>((_, reject) => {
    exited = () => reject(new Error(`a worker exited while starting\n${app.recentLogs()}`));
    for (const output of outputs) output.process.once('exit', exited);
  });
  try {
    await Promise.race([app.waitFor(async () => outputs.every((output) => output.messages.includes('worker started')), 60_000, `${count} worker(s) to start`), exit]);
  } finally {
    for (const output of outputs) output.process.off('exit', exited!);
  }
  return outputs;
}

/** Registers the feed's carriers and code maps, then posts the plan's batches with no worker running. */
async function postFeed(app: LanewatchApp, feed: Feed, batches: DeliveryBatch[], keys = new Map<string, string>()): Promise<Map<string, string>> {
  for (const carrier of feed.carriers.filter((c) => !keys.has(c.code))) {
    keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    if (carrier.codeMap) expect((await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } })).status).toBe(200);
  }
  for (const batch of batches) {
    const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
    expect(response.status).toBe(202);
  }
  return keys;
}

async function drained(app: LanewatchApp) {
  const status = await app.waitForIdle(120_000);
  await app.waitFor(async () => (await app.sql<{ n: string }>(`SELECT count(*) AS n FROM link_queue`))[0].n === '0', 60_000, 'the derivation queue to drain');
  return status;
}

async function kpiAnswers(app: LanewatchApp): Promise<Map<GroupBy, KpiResponse>> {
  const answers = new Map<GroupBy, KpiResponse>();
  for (const groupBy of GROUP_BYS) {
    const response = await app.request('GET', kpiPath({ ...WINDOW, groupBy }));
    expect(response.status).toBe(200);
    answers.set(groupBy, response.body as unknown as KpiResponse);
  }
  return answers;
}

function oracleMismatches(feed: Feed, answers: Map<GroupBy, KpiResponse>, label: string): string[] {
  const oracle = oracleInputOf(feed);
  const problems: string[] = [];
  for (const [groupBy, answer] of answers) {
    const expected = kpis(oracle, { ...WINDOW, groupBy, asOf: feed.now });
    expect(expected.rows.length).toBeGreaterThan(0);
    problems.push(...kpiMismatches(answer, expected, `${label} groupBy=${groupBy}`));
  }
  return problems;
}

// Issue 13: any number of worker processes share the write path. A shuffled, duplicated feed with
// hand-overs that cross batches (last miles posted first, so links come late) is stored by the API
// with no worker running; three workers then drain it together. Every unique event is stored once,
// nothing fails, retries or deadlocks, the batches were really shared, and the facts and KPIs equal
// both the independent oracle and one worker's run of the same feed and delivery plan.
describe('three worker processes at once', () => {
  const feed = generateFeed({ seed: 4242, shipments: 300, now: new Date('2026-11-20T00:00:00Z'), spanDays: 40, departureScans: true });
  const plan = planDeliveries(feed, { seed: 42, batchSize: 120, duplicateRate: 0.1, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true, lastMileFirstRate: 0.5 });
  const codeMapBatches = feed.carriers.filter((c) => c.codeMap).length;
  const apps: LanewatchApp[] = [];
  let parallel: { facts: FactSnapshot; answers: Map<GroupBy, KpiResponse> } | undefined;
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  const startApp = async () => {
    const app = await LanewatchApp.start({ worker: false, env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    apps.push(app);
    return app;
  };

  it('store every event once, without a failed or retried batch, and derive the KPIs the oracle derives', async () => {
    expect(plan.lastMileFirstJourneys.length).toBeGreaterThan(30);
    const app = await startApp();
    await postFeed(app, feed, plan.batches);
    expect((await app.status()).pendingBatches).toBe(plan.batches.length + codeMapBatches);

    // The queue is held until every worker is up, so the first one to boot does not take everything
    // before the others exist: then they all compete for the same jobs.
    const queue = new Queue(INGEST_QUEUE, { connection: redisConnectionOptions(app.redisUrl), prefix: app.queuePrefix });
    let outputs: WorkerOutput[];
    try {
      await queue.pause();
      outputs = await startWorkers(app, WORKERS);
      await queue.resume();
    } finally {
      await queue.close();
    }
    // While they drain: how much of the workers' database time is spent waiting on each other's locks.
    const sampler = sampleWorkerLocks(app.databaseUrl);
    const status = await drained(app).finally(() => sampler.stop());
    const share = await sampler.stop();
    process.stderr.write(`[parallel-workers] lock waits of ${WORKERS} workers: ${describeLockShare(share)}\n`);
    // The measurement saw the workers at work: it is not a ratio of nothing.
    expect(share.busy).toBeGreaterThan(WORKERS);
    expect(status).toMatchObject({ pendingBatches: 0, failedBatches: 0, deadLetters: 0, eventsStored: plan.uniqueCount, duplicates: plan.totalEvents - plan.uniqueCount });

    // More than one process did the work: each counts the batches it processed in its own log.
    const processed = outputs.map((output) => output.processed);
    process.stderr.write(`[parallel-workers] batches processed per worker: ${processed.join(', ')} (of ${plan.batches.length + codeMapBatches})\n`);
    expect(processed.reduce((sum, count) => sum + count, 0)).toBe(plan.batches.length + codeMapBatches);
    expect(processed.filter((count) => count > 0).length).toBeGreaterThan(1);

    // No batch failed and was retried: a failed attempt is counted on its inbox row (recordBatchAttempt)
    // and logged; a failed derivation or compaction is rolled back, logged and taken again. And
    // PostgreSQL itself detected no deadlock in this database (its counter is flushed when the
    // workers' connections close).
    const [batches] = await app.sql<{ total: string; retried: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE status <> 'processed' OR attempts <> 0 OR error IS NOT NULL) AS retried FROM ingest_batches`,
    );
    expect({ total: Number(batches.total), retried: Number(batches.retried) }).toEqual({ total: plan.batches.length + codeMapBatches, retried: 0 });
    await app.killWorkers('SIGTERM');
    await app.waitFor(async () => (await app.sql(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'lanewatch-worker/%'`)).length === 0, 30_000, 'the workers to disconnect');
    const logs = outputs.flatMap((output) => output.lines).join('\n');
    expect(logs).not.toMatch(/deadlock|batch failed|derivation failed|compaction failed/);
    // A backend adds its counters to the database's at exit, just after it leaves pg_stat_activity.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [{ deadlocks }] = await app.sql<{ deadlocks: string }>(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`);
    expect(Number(deadlocks)).toBe(0);

    // Stored once: one row per event identity, as many rows as unique events in the feed.
    const [{ events, twice }] = await app.sql<{ events: string; twice: string }>(
      `SELECT count(*) AS events, (SELECT count(*) FROM (SELECT 1 FROM events GROUP BY carrier_id, identity HAVING count(*) > 1) AS d) AS twice FROM events`,
    );
    expect({ events: Number(events), twice: Number(twice) }).toEqual({ events: plan.uniqueCount, twice: 0 });
    const [{ shipments }] = await app.sql<{ shipments: string }>(`SELECT count(*) AS shipments FROM shipments WHERE merged_into_id IS NULL`);
    expect(Number(shipments)).toBe(feed.journeys.length);

    const answers = await kpiAnswers(app);
    expect(oracleMismatches(feed, answers, '3 workers')).toEqual([]);
    parallel = { facts: await factSnapshot(app), answers };
  });

  it('derive the same facts and KPIs as one worker draining the same feed and delivery plan', async () => {
    expect(parallel).toBeDefined();
    const app = await startApp();
    await postFeed(app, feed, plan.batches);
    const [output] = await startWorkers(app, 1);
    expect(await drained(app)).toMatchObject({ pendingBatches: 0, failedBatches: 0, deadLetters: 0, eventsStored: plan.uniqueCount });
    expect(output.processed).toBe(plan.batches.length + codeMapBatches);

    const facts = await factSnapshot(app);
    expect(facts.shipments.size).toBe(feed.journeys.length);
    // Every shipment and every leg has facts in both runs: the comparison below compares facts, not absences.
    for (const snapshot of [facts, parallel!.facts]) {
      expect([...snapshot.shipments.values(), ...snapshot.legs.values()].filter((row) => row.includes('"facts":null'))).toEqual([]);
    }
    expect(factMismatches(parallel!.facts, facts, '3 workers vs 1:')).toEqual([]);
    const answers = await kpiAnswers(app);
    expect(oracleMismatches(feed, answers, '1 worker')).toEqual([]);
    const problems: string[] = [];
    for (const [groupBy, answer] of answers) problems.push(...kpiRunMismatches(parallel!.answers.get(groupBy), answer, `groupBy=${groupBy}`));
    expect(problems).toEqual([]);
  });

  // Replicas starting together after an upgrade that dropped the facts: one takes the rebuild lock, the
  // others must work meanwhile (RebuildRunningError), not exit. Here the test holds the lock.
  it('keep a worker working when another process holds the rebuild lock at its start', async () => {
    const small = generateFeed({ seed: 77, shipments: 40, now: new Date('2026-11-20T00:00:00Z'), spanDays: 20 });
    const smallPlan = planDeliveries(small, { seed: 7, batchSize: 80, shuffle: true });
    const half = Math.ceil(smallPlan.batches.length / 2);
    const smallCodeMaps = small.carriers.filter((c) => c.codeMap).length;
    const app = await startApp();
    const keys = await postFeed(app, small, smallPlan.batches.slice(0, half));
    const [first] = await startWorkers(app, 1, 'info');
    await drained(app);
    await app.killWorkers('SIGTERM');
    expect(first.messages).not.toContain('another process is rebuilding facts and KPI rollups; working meanwhile');
    await app.sql(`TRUNCATE shipment_facts, leg_facts`);
    const dataSource = createDataSource(app.databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    try {
      expect(await kpisNeedRebuild(dataSource)).toBe(true);
    } finally {
      await dataSource.destroy();
    }

    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK]);
      const [second] = await startWorkers(app, 1, 'info');
      expect(second.messages).toContain('another process is rebuilding facts and KPI rollups; working meanwhile');
      await postFeed(app, small, smallPlan.batches.slice(half), keys);
      expect(await drained(app)).toMatchObject({ pendingBatches: 0, failedBatches: 0, processedBatches: smallPlan.batches.length + smallCodeMaps, eventsStored: smallPlan.uniqueCount });
      expect({ exitCode: second.process.exitCode, signal: second.process.signalCode }).toEqual({ exitCode: null, signal: null });
    } finally {
      await holder.end();
    }
  });
});
