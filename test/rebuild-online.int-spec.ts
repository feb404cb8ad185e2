import { createDataSource } from '@lanewatch/db';
import { compactRollups, rebuildKpis, REBUILD_CONNECTIONS } from '@lanewatch/write-path';
import { DeliveryPlan, generateFeed, planDeliveries } from '@lanewatch/simulator';
import { GroupBy, kpis, KpiResponse } from './oracle/kpi-oracle';
import { kpiMismatches, kpiPath } from './support/kpi-comparison';
import { LanewatchApp } from './support/lanewatch-app';
import { oracleInputOf } from './support/oracle-input';

type TaskView = { id: string; kind: string; label: string; status: string; phase: string | null; done: number; total: number; rate: number | null; etaSeconds: number | null; finishedAt: string | null };

async function tasksOf(app: LanewatchApp): Promise<TaskView[]> {
  const response = await app.request('GET', '/api/v1/ingest/tasks');
  expect(response.status).toBe(200);
  return (response.body as unknown as { tasks: TaskView[] }).tasks;
}

// Issue 13: `kpis rebuild` builds into shadow tables and swaps them in while ingestion and reads go
// on. Half of a shuffled, duplicated feed with hand-overs is stored, the rollups are damaged on
// purpose, and the rebuild runs while the other half is posted and derived between its snapshot and
// its swap, and while the KPIs are read: every read answers, and afterwards the KPIs equal the
// independent oracle for the whole feed (nothing the snapshot missed is lost or counted twice).
const SWAP_READ = '/api/v1/kpis?from=2026-10-01T00:00:00Z&to=2026-11-21T00:00:00Z&groupBy=carrier,corridor';

describe('online KPI rebuild', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('swaps rebuilt facts and rollups in without losing what arrived meanwhile, reads answering throughout', async () => {
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    const feed = generateFeed({ seed: 7, shipments: 300, now: new Date('2026-11-20T00:00:00Z'), spanDays: 40, departureScans: true });
    const plan = planDeliveries(feed, { seed: 7, batchSize: 300, duplicateRate: 0.1, shuffle: true, lastMileFirst: true, lastMileFirstRate: 0.5 });
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
    const post = async (batches: DeliveryPlan['batches']) => {
      for (const batch of batches) {
        const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
        expect(response.status).toBe(202);
      }
    };
    const half = Math.floor(plan.batches.length / 2);
    await post(plan.batches.slice(0, half));
    await app.waitForIdle();
    // Rollups that disagree with the facts: what a rebuild is for.
    await app.sql(`DELETE FROM kpi_rollups WHERE tier = 0 AND family IN ('transit', 'attempt')`);

    const reads = { total: 0, failed: [] as string[] };
    let reading = true;
    const reader = (async () => {
      while (reading) {
        for (const path of ['/api/v1/kpis?from=2026-10-01T00:00:00Z&to=2026-11-21T00:00:00Z&groupBy=carrier', '/api/v1/scorecards?from=2026-10-01T00:00:00Z&to=2026-11-20T00:00:00Z&asOf=2026-11-20T00:00:00Z']) {
          const response = await app.request('GET', path);
          reads.total += 1;
          if (response.status !== 200) reads.failed.push(`${path}: ${response.status}`);
        }
      }
    })();

    const dataSource = createDataSource(app.databaseUrl, { poolSize: REBUILD_CONNECTIONS });
    await dataSource.initialize();
    let meanwhile = 0;
    let folded = -1;
    let blockedRead: ReturnType<LanewatchApp['request']> | undefined;
    let during: TaskView[] = [];
    const started = Date.now();
    const result = await rebuildKpis(dataSource, {
      afterSnapshot: async () => {
        // The ingest health page's view of the rebuild while it runs.
        during = await tasksOf(app);
        // Stored and derived after the snapshot, before the swap.
        await post(plan.batches.slice(half));
        await app.waitForIdle();
        meanwhile = (await app.status()).eventsStored;
        // A compaction now must fold nothing: folded into the live cells the swap replaces, the
        // deltas of the events stored meanwhile would be lost.
        folded = await compactRollups(dataSource);
        // Nothing derives the legs the swap queues again until the worker is back, so the answers
        // right after the swap stay put while the next step compares them.
        await app.killWorkers('SIGTERM');
      },
      beforeSwapCommit: async () => {
        // A read that arrives while the swap holds its locks waits, and must then read the swapped
        // tables with a snapshot taken after the swap: the deltas it removes counted neither twice nor not at all.
        blockedRead = app.request('GET', SWAP_READ);
        await app.waitFor(
          // Two: the reader below has at most one request in flight, so this one waits too.
          async () => (await app.sql(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).length >= 2,
          30_000,
          'this read and the reader loop to wait on the swap',
        );
      },
    });
    const readDuringSwap = await (blockedRead as ReturnType<LanewatchApp['request']>);
    const readAfterSwap = await app.request('GET', SWAP_READ);
    expect(readDuringSwap.status).toBe(200);
    expect(readDuringSwap.body).toEqual(readAfterSwap.body);
    await app.startWorker();
    const rebuildMs = Date.now() - started;
    await dataSource.destroy();
    await app.waitForIdle();
    reading = false;
    await reader;
    process.stderr.write(
      `[rebuild-online] ${result.shipments} shipments and ${result.events} events rebuilt in ${rebuildMs} ms; ${meanwhile} events stored by the swap; ` +
        `${result.requeuedLegs} legs derived again; ${reads.total} reads meanwhile\n`,
    );
    expect(reads.failed).toEqual([]);
    expect(folded).toBe(0);
    expect(reads.total).toBeGreaterThan(4);
    expect(result.requeuedLegs).toBeGreaterThan(0);
    expect(await app.sql(`SELECT to_regclass('kpi_rollups_rebuild') AS shadow`)).toEqual([{ shadow: null }]);
    const [task] = await app.sql<{ status: string }>(`SELECT status FROM background_tasks WHERE kind = 'rebuild'`);
    expect(task.status).toBe('completed');
    const running = during.filter((view) => view.kind === 'rebuild');
    expect(running).toEqual([expect.objectContaining({ label: 'KPI rebuild', status: 'running', phase: 'facts', finishedAt: null })]);
    expect(running[0].total).toBeGreaterThan(0);
    expect(running[0].done).toBeLessThanOrEqual(running[0].total);
    const [finished] = (await tasksOf(app)).filter((view) => view.kind === 'rebuild');
    expect(finished).toMatchObject({ id: running[0].id, status: 'completed', phase: 'swap', done: result.shipments + result.events, etaSeconds: 0, finishedAt: expect.any(String) });
    expect(finished.rate).toBeGreaterThan(0);
    // Tasks span every carrier: not for a carrier key.
    const carrierKey = [...keys.values()][0];
    expect((await app.request('GET', '/api/v1/ingest/tasks', { token: carrierKey })).status).toBe(403);

    const status = await app.status();
    expect(status).toMatchObject({ eventsStored: plan.uniqueCount, failedBatches: 0, deadLetters: 0 });
    const oracle = oracleInputOf(feed);
    const problems: string[] = [];
    for (const groupBy of ['carrier', 'corridor', 'carrier,corridor', 'corridor,serviceLevel'] as GroupBy[]) {
      const request = { from: '2026-10-01T00:00:00Z', to: '2026-11-21T00:00:00Z', groupBy };
      const response = await app.request('GET', kpiPath(request));
      const expected = kpis(oracle, { ...request, asOf: feed.now });
      expect(expected.rows.length).toBeGreaterThan(0);
      problems.push(...kpiMismatches(response.body as unknown as KpiResponse, expected, `groupBy=${groupBy}`));
    }
    expect(problems).toEqual([]);
    // The feed's rollups (by time of receipt, all of them in the default scorecard window) count every stored event once.
    const scorecards = (await app.request('GET', '/api/v1/scorecards')).body as unknown as { carriers: { carrier: string; feed: { events: number } }[] };
    const stored = await app.sql<{ carrier: string; n: string }>(`SELECT c.code AS carrier, count(*) AS n FROM events e JOIN carriers c ON c.id = e.carrier_id GROUP BY c.code ORDER BY c.code`);
    expect(scorecards.carriers.map((card) => [card.carrier, card.feed.events]).sort()).toEqual(stored.map((row) => [row.carrier, Number(row.n)]));
  });
});
