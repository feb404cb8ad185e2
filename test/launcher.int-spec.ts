import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium } from './support/dashboard-browser';
import { freePort } from './support/lanewatch-app';
import { createTestDatabase } from './support/test-database';

// `npm start`: the whole product without the simulated feed — the dashboard built and served at `/`,
// one way to sign in, and readable output (no colour codes in piped logs, no line per route). Issue 15,
// points 11 and 12: the banner's sign-in works in Chromium and the overview answers at `/`.
const ROOT = join(__dirname, '..');
const BANNER_TIMEOUT_MS = 180_000;

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    await dropDatabase?.();
  });

  it('builds and serves the dashboard, names one way to sign in, and prints no start-up chatter', async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: process.env.LANEWATCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        PORT: String(port),
        QUEUE_PREFIX: `launcher-${port}`,
        LANEWATCH_ADMIN_TOKEN: 'launcher-admin-token-0123456789',
        LANEWATCH_SECRET_KEY: 'launcher-secret-key-0123456789-0123456789',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes('Press Ctrl-C to stop everything.')) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() - started > BANNER_TIMEOUT_MS) throw new Error(`no banner within ${BANNER_TIMEOUT_MS} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);

    expect(output).toContain('Lanewatch is running');
    expect(output).toMatch(/Sign in as\s+admin@lanewatch\.local/);
    expect(output).not.toContain('sign in to the dashboard with it');
    expect(output).not.toContain('simulated carrier feed');
    expect(output).not.toMatch(/RouterExplorer|InstanceLoader|configLoader|DeprecationWarning/);
    expect(output).not.toMatch(/\u001b\[/);

    // The one way to sign in the banner names works in a browser, and lands on the overview.
    const password = /\n\s+Password\s+(\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    const browser = await launchChromium();
    try {
      const dashboard = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await dashboard.goto(`http://127.0.0.1:${port}/`);
      await dashboard.getByLabel('Email', { exact: true }).fill('admin@lanewatch.local');
      await dashboard.getByLabel('Password', { exact: true }).fill(password ?? '');
      await dashboard.getByRole('button', { name: 'Sign in', exact: true }).click();
      await dashboard.getByRole('heading', { name: 'Overview', level: 1 }).waitFor({ timeout: 30_000 });
      await dashboard.getByRole('heading', { name: /^Open breaches: who misses which target/ }).waitFor({ timeout: 30_000 });
      expect(new URL(dashboard.url()).pathname).toBe('/overview');
    } finally {
      await browser.close();
    }
  });
});
