import { CanonicalEvent, createRandom, DeliveryBatch, generateFeed, planDeliveries, Random } from '@lanewatch/simulator';
import { factMismatches, kpiOracleMismatches, storedEventMismatches } from './crash-checks';
import { isolatedFeed } from './isolated-feed';
import type { LanewatchApp } from './lanewatch-app';

// One crash trial (test/crash-trials.int-spec.ts): concurrent posters send a seeded feed with
// duplicates, offset variants and out-of-order deliveries; at seeded moments the worker(s) and/or the
// API are killed with SIGKILL and restarted; once drained, the run's events, facts and KPIs must be
// exactly those of the accepted events. Every wait is on a condition, never on a duration.

export const WORKERS = 2;
const POSTERS = 3;
const DRAIN_TIMEOUT_MS = 240_000;
const NOW_MS = Date.parse('2026-10-15T00:00:00Z');
const CORRIDORS = ['CN-BR', 'CN-US', 'CN-NL', 'CN-FR', 'CN-GB', 'CN-ES'];

/** What the crash waits for: the inbox holding pending batches, queued derivations, unfolded deltas. */
type Phase = 'posting' | 'storing' | 'deriving' | 'compacting';
type Victims = 'workers' | 'one-worker' | 'api' | 'api+workers';
/** What else goes at the same moment: the app's Redis keys (queues, jobs, schedules), or every PostgreSQL connection. */
type AlsoLost = 'nothing' | 'redis-keys' | 'postgres-connections';

interface CrashPoint {
  phase: Phase;
  victims: Victims;
  /** Not before this many batches were answered 202. */
  afterBatches: number;
  /** And only while a worker connection is inside a transaction. */
  inTransaction: boolean;
  alsoLost: AlsoLost;
}

export interface CrashOutcome extends CrashPoint {
  /** Whether the condition held when killing (false: the work it waited for was already done). */
  hit: boolean;
  atBatches: number;
}

export interface TrialOutcome {
  trial: number;
  seed: number;
  tag: string;
  shipments: number;
  batches: number;
  posted: number;
  unique: number;
  retries: number;
  /** Code maps sent after this many batches (null: before the first). */
  codeMapAfter: number | null;
  crashes: CrashOutcome[];
  durationMs: number;
  problems: string[];
}

const PHASE_CONDITIONS: Record<Phase, string> = {
  posting: `SELECT true AS holds`,
  storing: `SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE status = 'pending') AS holds`,
  deriving: `SELECT EXISTS (SELECT 1 FROM link_queue) AS holds`,
  compacting: `SELECT EXISTS (SELECT 1 FROM kpi_rollup_deltas) AS holds`,
};
const IN_TRANSACTION = `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
   AND application_name LIKE 'lanewatch-worker/%' AND xact_start IS NOT NULL AND state <> 'idle') AS holds`;

function crashPoints(random: Random, batches: number): CrashPoint[] {
  const points = Array.from({ length: random.int(1, 2) }, (): CrashPoint => {
    const phase = random.pick<Phase>(['posting', 'storing', 'deriving', 'compacting']);
    return {
      phase,
      victims: phase === 'posting' ? random.pick<Victims>(['workers', 'one-worker', 'api', 'api+workers']) : random.pick<Victims>(['workers', 'one-worker', 'api+workers']),
      afterBatches: random.int(1, Math.max(1, batches - 1)),
      inTransaction: phase !== 'posting' || random.chance(0.5),
      alsoLost: random.chance(0.6) ? 'nothing' : random.pick<AlsoLost>(['redis-keys', 'postgres-connections']),
    };
  });
  return points.sort((a, b) => a.afterBatches - b.afterBatches);
}

async function holds(app: LanewatchApp, query: string): Promise<boolean> {
  const [row] = await app.sql<{ holds: boolean }>(query);
  return row.holds === true;
}

// PostgreSQL serves other databases on this machine, so its restart is what the app sees of one: every
// connection to its database cut at once (in-flight transactions rolled back, pools reconnecting).
const CUT_CONNECTIONS = `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid()`;

async function crash(app: LanewatchApp, point: CrashPoint): Promise<void> {
  const { victims } = point;
  if (victims === 'workers' || victims === 'api+workers') await app.killWorkers('SIGKILL');
  if (victims === 'one-worker') await app.killWorkers('SIGKILL', 1);
  // Redis losing its data: every queue, job and schedule of the app gone; the inbox in PostgreSQL must bring the batches back.
  if (point.alsoLost === 'redis-keys') await app.flushQueue();
  if (point.alsoLost === 'postgres-connections') await app.sql(CUT_CONNECTIONS);
  if (victims === 'api' || victims === 'api+workers') await app.restartApi();
  while (app.workerCount < WORKERS) await app.startWorker();
}

/**
 * Posts its share of the batches until each is answered 202, as a client that retries does: a
 * request cut off by a crash (no answer, or a 5xx) is sent again once the API answers its health check.
 */
async function poster(
  app: LanewatchApp,
  keys: Map<string, string>,
  take: () => DeliveryBatch | undefined,
  progress: { answered: number; retries: number; accepted: { carrier: string; event: CanonicalEvent }[]; problems: string[] },
): Promise<void> {
  for (let batch = take(); batch; batch = take()) {
    for (;;) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } }).catch(() => null);
      if (response?.status === 202) {
        if ((response.body.rejected as unknown[]).length > 0) progress.problems.push(`batch rejected events: ${JSON.stringify(response.body.rejected)}`);
        progress.answered += 1;
        for (const event of batch.events) progress.accepted.push({ carrier: batch.carrier, event });
        break;
      }
      if (response !== null && response.status < 500) {
        progress.problems.push(`POST /events answered ${response.status}: ${JSON.stringify(response.body)}`);
        break;
      }
      progress.retries += 1;
      await app.waitFor(async () => (await fetch(`${app.apiUrl}/api/v1/health`)).status === 200, 120_000, 'the API to answer again');
    }
  }
}

export async function runCrashTrial(app: LanewatchApp, options: { trial: number; seed: number }): Promise<TrialOutcome> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const tag = `x${options.trial}${options.seed.toString(36)}`;
  const generated = generateFeed({ seed: random.uint32(), shipments: random.int(30, 70), now: new Date(NOW_MS), spanDays: random.int(20, 40), departureScans: random.chance(0.5) });
  const feed = isolatedFeed(generated, {
    tag,
    origin: 'CN',
    corridors: CORRIDORS,
    serviceLevels: ['standard', 'economy', 'premium'],
    shipments: generated.journeys.length,
    withoutCorridor: 0,
    withoutServiceLevel: 0,
    withoutPromise: 0.1,
    ties: 0,
    seed: options.seed,
  });
  const plan = planDeliveries(feed, {
    seed: random.uint32(),
    batchSize: random.int(15, 80),
    duplicateRate: random.float(0.02, 0.2),
    offsetVariantRate: random.float(0, 0.1),
    shuffle: random.chance(0.7),
    lastMileFirst: true,
    lastMileFirstRate: random.float(0, 0.6),
  });
  const points = crashPoints(random, plan.batches.length);
  // Mostly the code maps come first; otherwise after this many batches, re-mapping stored events.
  const codeMapAfter = random.chance(0.7) ? null : random.int(0, plan.batches.length);
  const outcome: TrialOutcome = {
    trial: options.trial,
    seed: options.seed,
    tag,
    shipments: feed.journeys.length,
    batches: plan.batches.length,
    posted: plan.totalEvents,
    unique: plan.uniqueCount,
    retries: 0,
    codeMapAfter,
    crashes: [],
    durationMs: 0,
    problems: [],
  };

  const keys = new Map<string, string>();
  for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
  const putCodeMaps = async () => {
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) {
      for (;;) {
        // Cut off by a crash: sent again (the same map twice re-maps nothing).
        const response = await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } }).catch(() => null);
        if (response !== null && response.status < 500) {
          if (response.status !== 200) outcome.problems.push(`code map of ${carrier.code}: ${response.status}`);
          break;
        }
        await app.waitFor(async () => (await fetch(`${app.apiUrl}/api/v1/health`)).status === 200, 120_000, 'the API to answer again');
      }
    }
  };
  if (codeMapAfter === null) await putCodeMaps();

  const progress = { answered: 0, retries: 0, accepted: [] as { carrier: string; event: CanonicalEvent }[], problems: outcome.problems };
  let next = 0;
  const take = () => plan.batches[next++];
  let posting = true;
  const posters = Promise.all(Array.from({ length: POSTERS }, () => poster(app, keys, take, progress))).finally(() => {
    posting = false;
  });
  // The crashes, one after the other; a condition that no longer can hold (posting over and the
  // pipeline drained) crashes anyway and is recorded as missed.
  const crasher = (async () => {
    for (const point of points) {
      let hit = false;
      await app.waitFor(
        async () => {
          if (posting && progress.answered < point.afterBatches) return false;
          hit = (await holds(app, PHASE_CONDITIONS[point.phase])) && (!point.inTransaction || (await holds(app, IN_TRANSACTION)));
          return hit || (!posting && (await drained(app)));
        },
        DRAIN_TIMEOUT_MS,
        `crash point ${JSON.stringify(point)}`,
      );
      outcome.crashes.push({ ...point, hit, atBatches: progress.answered });
      await crash(app, point);
    }
  })();
  const mapper = (async () => {
    if (codeMapAfter === null) return;
    await app.waitFor(async () => !posting || progress.answered >= codeMapAfter, DRAIN_TIMEOUT_MS, 'the batches before the code maps');
    await putCodeMaps();
  })();
  await Promise.all([posters, crasher, mapper]);
  outcome.retries = progress.retries;
  if (progress.answered !== plan.batches.length) outcome.problems.push(`${progress.answered} of ${plan.batches.length} batches answered 202`);

  await app.waitFor(() => drained(app), DRAIN_TIMEOUT_MS, `trial ${options.trial} to drain`).catch(async (error: Error) => {
    throw new Error(`${error.message}\n--- what was left ---\n${await drainReport(app)}`);
  });
  const status = await app.status();
  if (status.failedBatches !== 0) outcome.problems.push(`${status.failedBatches} failed batch(es)`);
  if (status.deadLetters !== 0) outcome.problems.push(`${status.deadLetters} dead letter(s)`);
  outcome.problems.push(...(await storedEventMismatches(app, tag, progress.accepted)));
  outcome.problems.push(...(await factMismatches(app, feed, tag)));
  outcome.problems.push(...(await kpiOracleMismatches(app, feed, tag)));
  outcome.durationMs = Date.now() - started;
  return outcome;
}

/** Nothing pending: inbox stored, legs derived, deltas folded. */
async function drained(app: LanewatchApp): Promise<boolean> {
  const status = await app.status();
  return status.pendingBatches === 0 && status.derivationBacklog === 0 && status.compactionBacklog === 0;
}

/** What kept a trial from draining: the status, the oldest pending batches, queued legs and deltas, and who holds locks. */
async function drainReport(app: LanewatchApp): Promise<string> {
  const report = async (what: string, query: string) => `${what}: ${JSON.stringify(await app.sql(query).catch((error: Error) => error.message))}`;
  return [
    `status: ${JSON.stringify(await app.status().catch((error: Error) => error.message))}`,
    await report('pending batches', `SELECT id, kind, attempts, error, received_at FROM ingest_batches WHERE status = 'pending' ORDER BY received_at LIMIT 5`),
    await report('link queue', `SELECT count(*)::int AS legs, min(enqueued_at) AS oldest FROM link_queue`),
    await report('deltas', `SELECT count(*)::int AS deltas, count(DISTINCT shard)::int AS shards FROM kpi_rollup_deltas`),
    await report(
      'locks',
      `SELECT a.pid, a.application_name, a.state, a.xact_start, l.locktype, l.classid, l.objid, l.granted FROM pg_locks l JOIN pg_stat_activity a USING (pid)
        WHERE a.datname = current_database() AND l.locktype = 'advisory' ORDER BY a.pid LIMIT 20`,
    ),
  ].join('\n');
}
