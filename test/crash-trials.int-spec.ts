import { randomBytes } from 'node:crypto';
import { deriveSeed } from '@lanewatch/simulator';
import { runCrashTrial, TrialOutcome, WORKERS } from './support/crash-trial';
import { LanewatchApp } from './support/lanewatch-app';

// "Nothing lost" (README): an event answered 202 survives crashes and restarts, and duplicates never
// double count. Each trial posts a fresh seeded feed from concurrent posters into one shared database
// (its carriers and service levels are its own), SIGKILLs workers and/or the API at seeded moments —
// while batches are pending, legs are queued for derivation or deltas wait for compaction, mostly with
// a worker inside a transaction, some also losing the app's Redis keys or every PostgreSQL connection — restarts them, waits until drained and compares events, facts and
// KPIs with what was accepted (test/oracle). `npm test` runs 20; `npm run soak` runs CRASH_TRIALS=100.
//
// Replay a trial with CRASH_TRIALS_SEED=<seed printed below> (trial numbers derive their seeds from it).
const TRIALS = Number(process.env.CRASH_TRIALS ?? 20);
const SEED = process.env.CRASH_TRIALS_SEED ? Number(process.env.CRASH_TRIALS_SEED) : randomBytes(4).readUInt32BE() >>> 1;

describe('crash trials', () => {
  let app: LanewatchApp;
  const outcomes: TrialOutcome[] = [];
  const startedAt = Date.now();

  beforeAll(async () => {
    // The sweeper looks every 2 s for batches whose queue job was lost with the Redis keys (30 s by default).
    app = await LanewatchApp.start({ worker: false, env: { INGEST_RATE_LIMIT_PER_MINUTE: '1000000', SWEEPER_INTERVAL_MS: '2000', SWEEPER_GRACE_MS: '2000' } });
    for (let worker = 0; worker < WORKERS; worker += 1) await app.startWorker();
    process.stderr.write(`[crash-trials] ${TRIALS} trial(s), seed ${SEED}\n`);
  });
  afterAll(async () => {
    const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
    const hits = outcomes.flatMap((outcome) => outcome.crashes).filter((point) => point.hit).length;
    const crashes = outcomes.reduce((sum, outcome) => sum + outcome.crashes.length, 0);
    const lost = (what: string) => outcomes.flatMap((outcome) => outcome.crashes).filter((point) => point.alsoLost === what).length;
    process.stderr.write(
      `[crash-trials] seed ${SEED}: ${outcomes.length} trial(s), ${failed} failed, ${crashes} crash(es) (${hits} inside their phase; ` +
        `${lost('redis-keys')} with the app's Redis keys deleted, ${lost('postgres-connections')} with every PostgreSQL connection cut), ${Date.now() - startedAt} ms\n`,
    );
    await app?.stop();
  });

  for (let trial = 0; trial < TRIALS; trial += 1) {
    it(`trial ${trial}: every event answered 202 stored once, facts and KPIs as the oracle's after SIGKILLs`, async () => {
      const outcome = await runCrashTrial(app, { trial, seed: deriveSeed(SEED, trial) });
      outcomes.push(outcome);
      const { problems, ...summary } = outcome;
      process.stderr.write(`[crash-trials] ${JSON.stringify({ ...summary, problems: problems.length })}\n`);
      expect(problems.slice(0, 30)).toEqual([]);
      // A trial must crash something and compare real data, or it proves nothing.
      expect(outcome.crashes.length).toBeGreaterThan(0);
      expect(outcome.unique).toBeGreaterThan(0);
    }, 600_000);
  }
});
