import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ABANDONED_REBUILD, createDataSource, LOCK_KEYS, settleAbandonedRebuilds } from '@lanewatch/db';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { Client } from 'pg';
import { LanewatchApp } from './support/lanewatch-app';
import { postFeed } from './support/post-feed';

type TaskView = { id: string; kind: string; status: string; error: string | null };

async function rebuildTasks(app: LanewatchApp): Promise<TaskView[]> {
  const response = await app.request('GET', '/api/v1/ingest/tasks');
  expect(response.status).toBe(200);
  return (response.body as unknown as { tasks: TaskView[] }).tasks.filter((task) => task.kind === 'rebuild');
}

const ROOT = join(__dirname, '..');
const oldNotes = async (app: LanewatchApp) =>
  Number((await app.sql<{ n: string }>(`SELECT count(*) AS n FROM derive_log WHERE logged_at < now() - interval '1 hour'`))[0].n);

// A `kpis rebuild` whose process dies leaves its task row running. While a rebuild runs the derive log
// is kept whole (its swap needs it), so a row left running kept the log from being trimmed for good and
// the health page showed a stalled rebuild forever. The rebuild lock goes with the process's connection:
// the worker settles a running row as failed once no session holds that lock, and never while one does.
describe('a KPI rebuild whose process died', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('is settled as failed by the worker once its lock is gone, the derive log is trimmed again, and the next rebuild runs', async () => {
    app = await LanewatchApp.start();
    const feed = generateFeed({ seed: 11, shipments: 40, now: new Date('2026-11-20T00:00:00Z'), spanDays: 20 });
    await postFeed(app, feed, planDeliveries(feed, { seed: 11, batchSize: 200, shuffle: true }), { codeMapLast: false });

    // The command writes its task row, then waits for the rollup shards: this session holds shard 0.
    const holder = new Client({ connectionString: app.databaseUrl });
    await holder.connect();
    const dataSource = createDataSource(app.databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    try {
      await holder.query(`SELECT pg_advisory_lock($1, 0)`, [LOCK_KEYS.rollupShard]);
      const command = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'kpis', 'rebuild'], { cwd: ROOT, env: app.env(), stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => command.on('exit', (code, signal) => resolve(signal ?? code)));
      await app.waitFor(async () => (await rebuildTasks(app)).some((task) => task.status === 'running'), 60_000, 'the rebuild to start');
      // A derivation note two hours old: trimmed unless a rebuild is running.
      await app.sql(`INSERT INTO derive_log (xid, leg_ids, logged_at) VALUES (1, '{1}', now() - interval '2 hours')`);

      // Alive (its session holds the lock): neither settled nor is the log trimmed, by the worker's
      // passes meanwhile or by a call here.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await settleAbandonedRebuilds(dataSource, new Date())).toBe(0);
      expect((await rebuildTasks(app)).map((task) => task.status)).toEqual(['running']);
      expect(await oldNotes(app)).toBe(1);

      // Killed. Its backend ends once the lock it waits for is granted and it finds the client gone.
      command.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await holder.query(`SELECT pg_advisory_unlock($1, 0)`, [LOCK_KEYS.rollupShard]);
      await app.waitFor(async () => (await rebuildTasks(app))[0]?.status === 'failed', 60_000, 'the worker to settle the dead rebuild');
      const [settled] = await rebuildTasks(app);
      expect(settled.error).toBe(ABANDONED_REBUILD);
      await app.waitFor(async () => (await oldNotes(app)) === 0, 30_000, 'the derive log to be trimmed');

      // The next rebuild runs (the dead one's shadow tables are dropped first) and completes.
      const next = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'kpis', 'rebuild'], { cwd: ROOT, env: app.env(), stdio: 'ignore' });
      expect(await new Promise((resolve) => next.on('exit', (code) => resolve(code)))).toBe(0);
      expect((await rebuildTasks(app)).map((task) => task.status)).toEqual(['completed', 'failed']);
    } finally {
      await holder.end();
      await dataSource.destroy();
    }
  }, 240_000);

  it('a rebuild starting settles what a dead one left running, even before any worker pass', async () => {
    await app.killWorkers('SIGTERM');
    await app.sql(
      `INSERT INTO background_tasks (id, kind, status, label, total, done, started_at, updated_at, state)
       VALUES ('00000000-0000-4000-8000-00000000dead', 'rebuild', 'running', 'KPI rebuild into shadow tables', 10, 3, now() - interval '1 hour', now() - interval '1 hour', '{}')`,
    );
    const next = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'kpis', 'rebuild'], { cwd: ROOT, env: app.env(), stdio: 'ignore' });
    expect(await new Promise((resolve) => next.on('exit', (code) => resolve(code)))).toBe(0);
    const [dead] = await app.sql<{ status: string; error: string }>(`SELECT status, error FROM background_tasks WHERE id = '00000000-0000-4000-8000-00000000dead'`);
    expect(dead).toEqual({ status: 'failed', error: ABANDONED_REBUILD });
    expect(await app.sql(`SELECT id FROM background_tasks WHERE kind = 'rebuild' AND status = 'running'`)).toEqual([]);
  }, 120_000);
});
