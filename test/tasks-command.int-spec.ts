import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

const ROOT = join(__dirname, '..');

/** Runs `lanewatch tasks --follow`, its output lines as they come, and its exit code once it ends. */
function follow(app: LanewatchApp): { lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'tasks', '--follow'], { cwd: ROOT, env: app.env(), stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  return { lines, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

// Issue 13: a re-map's and a rebuild's progress on the command line (`lanewatch tasks --follow`), the
// same figures as the health page's. A task row moved by hand here, so each step is seen; the real
// re-map's line is checked in code-map.int-spec.ts, the rebuild's own progress in rebuild-kpis.
describe('lanewatch tasks --follow', () => {
  let app: LanewatchApp;
  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false });
  });
  afterAll(() => app?.stop());

  const task = (id: string, done: number, status = 'running', error: string | null = null) =>
    app.sql(
      `INSERT INTO background_tasks (id, kind, status, label, total, done, started_at, updated_at, finished_at, error, state)
       VALUES ($1, 'rebuild', $3::text, 'KPI rebuild into shadow tables', 200, $2, now() - interval '10 seconds', now(), CASE WHEN $3::text <> 'running' THEN now() END, $4, '{"phase": "facts"}')
       ON CONFLICT (id) DO UPDATE SET done = EXCLUDED.done, status = EXCLUDED.status, updated_at = now(), finished_at = EXCLUDED.finished_at, error = EXCLUDED.error`,
      [id, done, status, error],
    );

  it('prints the running tasks until they finish, with done, rate and time left, and exits 0', async () => {
    await task('00000000-0000-4000-8000-000000000001', 20);
    const run = follow(app);
    await app.waitFor(async () => run.lines.some((line) => line.includes('20 of 200')), 30_000, 'the first line');
    expect(run.lines[0]).toMatch(/^KPI rebuild \[running, facts\]: 20 of 200 \(10\.0 %\), \d+\/s, about \d+ s left$/);
    await task('00000000-0000-4000-8000-000000000001', 150);
    await app.waitFor(async () => run.lines.some((line) => line.includes('150 of 200 (75.0 %)')), 30_000, 'a line with the new figures');
    await task('00000000-0000-4000-8000-000000000001', 200, 'completed');
    expect(await run.exited).toBe(0);
    expect(run.lines[run.lines.length - 1]).toMatch(/^KPI rebuild \[completed\]: 200 of 200 \(100\.0 %\), \d+\/s, about 0 s left$/);
  }, 90_000);

  it('follows a stalled task on (no progress for 10 minutes is not an end) until it completes', async () => {
    await task('00000000-0000-4000-8000-000000000003', 40);
    await app.sql(`UPDATE background_tasks SET updated_at = now() - interval '11 minutes' WHERE id = '00000000-0000-4000-8000-000000000003'`);
    const run = follow(app);
    await app.waitFor(async () => run.lines.filter((line) => line.startsWith('KPI rebuild [stalled]: 40 of 200')).length >= 2, 30_000, 'two stalled lines');
    await task('00000000-0000-4000-8000-000000000003', 200, 'completed');
    expect(await run.exited).toBe(0);
    expect(run.lines[run.lines.length - 1]).toMatch(/^KPI rebuild \[completed\]: 200 of 200/);
  }, 90_000);

  it('exits 1 when a followed task fails, its error on its last line', async () => {
    await task('00000000-0000-4000-8000-000000000002', 10);
    const run = follow(app);
    await app.waitFor(async () => run.lines.some((line) => line.includes('[running, facts]: 10 of 200')), 30_000, 'the first line');
    await task('00000000-0000-4000-8000-000000000002', 10, 'failed', 'disk full');
    expect(await run.exited).toBe(1);
    expect(run.lines[run.lines.length - 1]).toMatch(/^KPI rebuild \[failed\]: 10 of 200 \(5\.0 %\), \d+\/s, time left unknown \(disk full\)$/);
  }, 90_000);
});
