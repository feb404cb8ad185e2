import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from './support/lanewatch-app';

const ROOT = join(__dirname, '..');

// `npm run worker` adds a worker to a running deployment (issue 13): it joins the deployment's
// PostgreSQL and Redis and drains what the API stored, and it refuses to start without them.
describe('npm run worker', () => {
  let app: LanewatchApp | undefined;
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker?.pid !== undefined && worker.exitCode === null && worker.signalCode === null) process.kill(-worker.pid, 'SIGKILL');
    await app?.stop();
  });

  it('refuses to start without DATABASE_URL and REDIS_URL, naming both', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LANEWATCH_ADMIN_TOKEN: 'test-admin-token-0123456789', LANEWATCH_SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const result = spawnSync('npm', ['run', '--silent', 'worker'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL is required');
    expect(result.stderr).toContain('REDIS_URL is required');
  });

  it('drains the batches the API stored while no worker ran', async () => {
    app = await LanewatchApp.start({ worker: false, env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    const feed = generateFeed({ seed: 1313, shipments: 60, now: new Date('2026-11-20T00:00:00Z'), spanDays: 20 });
    const plan = planDeliveries(feed, { seed: 13, batchSize: 100, duplicateRate: 0.05, shuffle: true, lastMileFirst: true });
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const batch of plan.batches) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
      expect(response.status).toBe(202);
    }
    expect((await app.status()).pendingBatches).toBe(plan.batches.length);

    // Its own process group, so the npm wrapper and the worker it runs stop together.
    const output: string[] = [];
    worker = spawn('npm', ['run', '--silent', 'worker'], { cwd: ROOT, env: app.env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    worker.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    worker.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const status = await app.waitForIdle(120_000);
    expect(status).toMatchObject({ pendingBatches: 0, processedBatches: plan.batches.length, failedBatches: 0, eventsStored: plan.uniqueCount });
    await app.waitFor(async () => (await app!.sql<{ n: string }>(`SELECT count(*) AS n FROM link_queue`))[0].n === '0', 60_000, 'the derivation queue to drain');
    const [{ shipments }] = await app.sql<{ shipments: string }>(`SELECT count(*) AS shipments FROM shipments WHERE merged_into_id IS NULL`);
    expect(Number(shipments)).toBe(feed.journeys.length);

    const exited = new Promise<number | null>((resolve) => worker?.once('exit', (code) => resolve(code)));
    process.kill(-(worker.pid as number), 'SIGTERM');
    await exited;
    worker.stdout?.destroy();
    worker.stderr?.destroy();
    expect(output.join('')).not.toMatch(/batch failed|worker failed to start/);
  });
});
