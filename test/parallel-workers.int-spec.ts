import { INGEST_QUEUE, redisConnectionOptions } from '@lanewatch/queue';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { Queue } from 'bullmq';
import { GroupBy, kpis, KpiResponse } from './oracle/kpi-oracle';
import { kpiMismatches, kpiPath } from './support/kpi-comparison';
import { LanewatchApp } from './support/lanewatch-app';
import { oracleInputOf } from './support/oracle-input';

const WORKERS = 3;

interface WorkerOutput {
  processed: number;
  started: boolean;
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
    if (entry.message === 'worker started') output.started = true;
    if (entry.message === 'batch done' && entry.status === 'processed') output.processed += 1;
  }
}

// Issue 13: any number of worker processes share the write path. A shuffled, duplicated feed with
// hand-overs that cross batches (last miles posted first) is stored by the API with no worker
// running; three workers then drain it together. Every unique event is stored once, the KPIs equal
// the independent oracle, nothing fails or is set aside, and the batches were really shared.
describe('three worker processes at once', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('store every event once and derive the KPIs the oracle derives, sharing the batches', async () => {
    const feed = generateFeed({ seed: 4242, shipments: 300, now: new Date('2026-11-20T00:00:00Z'), spanDays: 40, departureScans: true });
    const plan = planDeliveries(feed, { seed: 42, batchSize: 120, duplicateRate: 0.1, offsetVariantRate: 0.02, shuffle: true, lastMileFirst: true, lastMileFirstRate: 0.5 });
    expect(plan.lastMileFirstJourneys.length).toBeGreaterThan(30);
    app = await LanewatchApp.start({ worker: false, env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) {
      expect((await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } })).status).toBe(200);
    }
    for (const batch of plan.batches) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
      expect(response.status).toBe(202);
    }
    const codeMapBatches = feed.carriers.filter((c) => c.codeMap).length;
    expect((await app.status()).pendingBatches).toBe(plan.batches.length + codeMapBatches);

    // The queue is held until every worker is up, so the first one to boot does not take everything
    // before the others exist: then they all compete for the same jobs.
    const queue = new Queue(INGEST_QUEUE, { connection: redisConnectionOptions(app.redisUrl), prefix: app.queuePrefix });
    const outputs: WorkerOutput[] = [];
    try {
      await queue.pause();
      for (let index = 0; index < WORKERS; index += 1) {
        const output: WorkerOutput = { processed: 0, started: false, lines: [] };
        const partial = { text: '' };
        outputs.push(output);
        const worker = await app.startWorker({ env: { LOG_LEVEL: 'debug' } });
        worker.stdout?.on('data', (chunk: Buffer) => watch(output, chunk, partial));
      }
      await app.waitFor(async () => outputs.every((output) => output.started), 60_000, `${WORKERS} workers to start`);
      await queue.resume();
    } finally {
      await queue.close();
    }

    const status = await app.waitForIdle(120_000);
    await app.waitFor(async () => (await app.sql<{ n: string }>(`SELECT count(*) AS n FROM link_queue`))[0].n === '0', 60_000, 'the derivation queue to drain');
    const logs = outputs.flatMap((output) => output.lines).join('\n');
    expect(logs).not.toMatch(/deadlock|batch failed|derivation failed|compaction failed/);
    expect(status).toMatchObject({ pendingBatches: 0, failedBatches: 0, deadLetters: 0, eventsStored: plan.uniqueCount, duplicates: plan.totalEvents - plan.uniqueCount });

    // More than one process did the work: each counts the batches it processed in its own log.
    const processed = outputs.map((output) => output.processed);
    process.stderr.write(`[parallel-workers] batches processed per worker: ${processed.join(', ')} (of ${plan.batches.length + codeMapBatches})\n`);
    expect(processed.reduce((sum, count) => sum + count, 0)).toBe(plan.batches.length + codeMapBatches);
    expect(processed.filter((count) => count > 0).length).toBeGreaterThan(1);

    // Stored once: one row per event identity, as many rows as unique events in the feed.
    const [{ events, twice }] = await app.sql<{ events: string; twice: string }>(
      `SELECT count(*) AS events, (SELECT count(*) FROM (SELECT 1 FROM events GROUP BY carrier_id, identity HAVING count(*) > 1) AS d) AS twice FROM events`,
    );
    expect({ events: Number(events), twice: Number(twice) }).toEqual({ events: plan.uniqueCount, twice: 0 });
    const [{ shipments }] = await app.sql<{ shipments: string }>(`SELECT count(*) AS shipments FROM shipments WHERE merged_into_id IS NULL`);
    expect(Number(shipments)).toBe(feed.journeys.length);

    const oracle = oracleInputOf(feed);
    const problems: string[] = [];
    for (const groupBy of ['carrier', 'corridor', 'carrier,corridor', 'corridor,serviceLevel'] as GroupBy[]) {
      const request = { from: '2026-10-01T00:00:00Z', to: '2026-11-21T00:00:00Z', groupBy };
      const response = await app.request('GET', kpiPath(request));
      expect(response.status).toBe(200);
      const expected = kpis(oracle, { ...request, asOf: feed.now });
      expect(expected.rows.length).toBeGreaterThan(0);
      problems.push(...kpiMismatches(response.body as unknown as KpiResponse, expected, `groupBy=${groupBy}`));
    }
    expect(problems).toEqual([]);
  });
});
