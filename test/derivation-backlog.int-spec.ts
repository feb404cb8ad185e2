import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from './support/lanewatch-app';
import { FactSnapshot, factMismatches, factSnapshot, kpiRunMismatches } from './support/run-comparison';
import { kpiPath } from './support/kpi-comparison';

// Storing first under a backlog (apps/worker/src/ingest/derivation.loop.ts): while at least
// DERIVATION_DEFER_BACKLOG batches are pending, the worker's derivation waits for them to be stored,
// so a shuffled backlog's journeys are derived once with all their events instead of once per batch
// that brought some. The facts and KPIs are those of deriving as the batches come (the same worker
// with the deferral off), and no derivation starts while the backlog is at or above the threshold.
describe('derivation under a backlog of pending batches', () => {
  const feed = generateFeed({ seed: 5151, shipments: 150, now: new Date('2026-11-20T00:00:00Z'), spanDays: 30, departureScans: true });
  const plan = planDeliveries(feed, { seed: 51, batchSize: 100, duplicateRate: 0.05, offsetVariantRate: 0, shuffle: true });
  const DEFER_BACKLOG = 4;
  const apps: LanewatchApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  interface Run {
    processedAt: Date[];
    derivations: { loggedAt: Date; legs: number }[];
    distinctLegs: number;
    facts: FactSnapshot;
    kpis: unknown;
  }

  /** Posts the whole feed with no worker running, then lets one worker drain it with this threshold. */
  async function run(deferBacklog: number): Promise<Run> {
    const app = await LanewatchApp.start({ worker: false, env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    apps.push(app);
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) {
      keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
      if (carrier.codeMap) expect((await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } })).status).toBe(200);
    }
    for (const batch of plan.batches) {
      expect((await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } })).status).toBe(202);
    }
    expect((await app.status()).pendingBatches).toBeGreaterThan(DEFER_BACKLOG * 3);
    // No escape by time here: on a slow machine storing the backlog may take longer than the default bound.
    await app.startWorker({ env: { DERIVATION_DEFER_BACKLOG: String(deferBacklog), DERIVATION_MAX_DEFER_MS: '600000' } });
    const status = await app.waitForIdle(180_000);
    expect(status.eventsStored).toBe(plan.uniqueCount);
    await app.waitFor(async () => (await app.sql<{ n: string }>(`SELECT count(*) AS n FROM link_queue`))[0].n === '0', 60_000, 'the derivation queue to drain');
    const processed = await app.sql<{ processed_at: Date }>(`SELECT processed_at FROM ingest_batches WHERE status = 'processed' ORDER BY processed_at`);
    const derivations = await app.sql<{ logged_at: Date; legs: number }>(`SELECT logged_at, cardinality(leg_ids) AS legs FROM derive_log ORDER BY logged_at`);
    const [distinct] = await app.sql<{ n: number }>(`SELECT count(DISTINCT leg)::int AS n FROM derive_log, unnest(leg_ids) AS leg`);
    const response = await app.request('GET', kpiPath({ from: '2026-10-01T00:00:00Z', to: '2026-11-21T00:00:00Z', groupBy: 'carrier,corridor' }));
    expect(response.status).toBe(200);
    return {
      processedAt: processed.map((row) => row.processed_at),
      derivations: derivations.map((row) => ({ loggedAt: row.logged_at, legs: row.legs })),
      distinctLegs: distinct.n,
      facts: await factSnapshot(app),
      kpis: response.body,
    };
  }

  it('derives nothing until the backlog is below the threshold, and derives the facts and KPIs of deriving as batches come', async () => {
    const deferred = await run(DEFER_BACKLOG);
    const eager = await run(0);

    // The batch whose storing left DEFER_BACKLOG − 1 pending: no derivation began before it committed.
    const releasedAt = deferred.processedAt[deferred.processedAt.length - DEFER_BACKLOG];
    expect(deferred.derivations.length).toBeGreaterThan(0);
    expect(deferred.derivations[0].loggedAt.getTime()).toBeGreaterThanOrEqual(releasedAt.getTime());
    expect(deferred.distinctLegs).toBe(eager.distinctLegs);
    const derivedLegs = (run: Run) => run.derivations.reduce((sum, row) => sum + row.legs, 0);
    process.stdout.write(
      `legs derived per distinct leg: deferred ${(derivedLegs(deferred) / deferred.distinctLegs).toFixed(2)}, eager ${(derivedLegs(eager) / eager.distinctLegs).toFixed(2)}\n`,
    );

    expect(factMismatches(deferred.facts, eager.facts, 'deferred vs eager')).toEqual([]);
    expect(kpiRunMismatches(deferred.kpis, eager.kpis, 'deferred vs eager')).toEqual([]);
  }, 600_000);
});
