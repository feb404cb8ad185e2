// `npm start`: PostgreSQL and Redis (found or embedded), secrets, migrations, then the API and the worker.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseConfig } from '@lanewatch/config';
import { runMigrations } from '@lanewatch/db';
import { ensureLocalSecrets, provisionServices, type ProvisionedServices, type ResolvedSecrets } from '@lanewatch/provision';
import { formatBanner } from './launcher-banner';
import { spawnNodeChild, type ChildExit, type ManagedChild } from './launcher-children';
import { ensureDemoAdmin, type DemoAdmin } from './launcher-first-admin';
import { isPortInUse, waitForHealthy } from './launcher-http';
import { installLifecycle } from './launcher-lifecycle';
import { ensureWebBuild } from './launcher-web-build';

export interface StartOptions {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}

export interface RunningLanewatch {
  apiUrl: string;
  dashboardUrl: string;
  docsUrl: string;
  port: number;
  adminToken: string;
  dataDir: string;
  webDistDir: string;
  secrets: ResolvedSecrets;
  services: ProvisionedServices;
  /** Resolves if the API or the worker exits while not being stopped. */
  unexpectedExit: Promise<ChildExit>;
  /** Stops the children, then the services. `signal` is the one that reached the whole process group, if any. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 60_000;
const DEFAULT_PORT = '3000';

export function repoRootFrom(scriptsDir: string): string {
  return path.resolve(scriptsDir, '..');
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be an integer from 1 to 65535, got ${JSON.stringify(value)}`);
  return port;
}

export async function startLanewatch(options: StartOptions): Promise<RunningLanewatch> {
  const { repoRoot, env, log } = options;
  const dataDir = path.join(repoRoot, '.lanewatch');
  const webDistDir = path.join(repoRoot, 'apps', 'web', 'dist');
  const port = parsePort(env.PORT ?? DEFAULT_PORT);
  // Fail before provisioning anything: a second instance would otherwise pass the health check of the first.
  if (await isPortInUse(port)) {
    throw new Error(`Port ${port} is already in use (is Lanewatch already running?). Stop that process or set PORT to a free port.`);
  }
  await mkdir(dataDir, { recursive: true });

  const services = await provisionServices({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, dataDir, log });
  const children: ManagedChild[] = [];
  let stopping = false;
  const stop = async (signal?: NodeJS.Signals): Promise<void> => {
    stopping = true;
    const alreadySignalled = signal === 'SIGINT' || signal === 'SIGHUP';
    // The apps drain their queues and connections first; the servers they use go last.
    await Promise.all(children.map((child) => child.stop({ alreadySignalled })));
    await services.stop();
  };

  try {
    const secrets = await ensureLocalSecrets({
      file: path.join(dataDir, 'secrets.json'),
      adminToken: env.LANEWATCH_ADMIN_TOKEN,
      secretKey: env.LANEWATCH_SECRET_KEY,
    });
    if (secrets.adminTokenSource === 'generated' || secrets.secretKeySource === 'generated') {
      log(`Generated local secrets in ${secrets.file} (kept for the next run)`);
    }
    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      LANEWATCH_ADMIN_TOKEN: secrets.adminToken,
      LANEWATCH_SECRET_KEY: secrets.secretKey,
      PORT: String(port),
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      WEB_DIST_DIR: webDistDir,
    };
    // The apps validate the same way; checking here reports every problem once instead of twice.
    parseConfig(childEnv);

    log('Applying database migrations');
    await runMigrations(services.databaseUrl);

    for (const [name, entry] of [
      ['api', 'apps/api/src/main.ts'],
      ['worker', 'apps/worker/src/main.ts'],
    ] as const) {
      children.push(spawnNodeChild({ name, entry, cwd: repoRoot, env: childEnv }));
    }
    const anyExit = Promise.race(children.map((child) => child.exited));
    const healthUrl = `http://127.0.0.1:${port}/api/v1/health`;
    log(`Waiting for ${healthUrl}`);
    await waitForHealthy({ url: healthUrl, timeoutMs: HEALTH_TIMEOUT_MS, childExited: anyExit });

    return {
      apiUrl: `http://127.0.0.1:${port}`,
      dashboardUrl: `http://localhost:${port}/`,
      docsUrl: `http://localhost:${port}/api/docs`,
      port,
      adminToken: secrets.adminToken,
      dataDir,
      webDistDir,
      secrets,
      services,
      // Never settles once stopping: a child exiting then is expected.
      unexpectedExit: anyExit.then((exit) => (stopping ? new Promise<ChildExit>(() => undefined) : exit)),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** The first admin user, so the dashboard can be signed into; a failure is reported, not fatal (the admin token still works). */
export async function ensureFirstAdmin(running: RunningLanewatch, log: (message: string) => void): Promise<DemoAdmin | null> {
  try {
    return await ensureDemoAdmin({ databaseUrl: running.services.databaseUrl, secretsFile: path.join(running.dataDir, 'secrets.json'), log });
  } catch (error) {
    log(`WARNING: could not set up the first admin user: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export function describeExit(exit: ChildExit): string {
  return `The ${exit.name} process exited unexpectedly (${exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`}); stopping Lanewatch`;
}

// Our startup errors are written to be read as they are; a stack trace only helps when debugging.
export function describeStartupError(error: unknown, env: NodeJS.ProcessEnv): string {
  if (!(error instanceof Error)) return String(error);
  return env.LOG_LEVEL === 'debug' && !(error instanceof ConfigError) ? (error.stack ?? error.message) : error.message;
}

async function main(): Promise<void> {
  const log = (message: string): void => console.log(`[start] ${message}`);
  const lifecycle = installLifecycle(log);
  const repoRoot = repoRootFrom(__dirname);
  // The API serves the dashboard: build it first when missing or older than its sources.
  const web = await ensureWebBuild({ repoRoot, log });
  let running: RunningLanewatch;
  try {
    running = await startLanewatch({ repoRoot, env: process.env, log });
  } catch (error) {
    console.error(`[start] ${describeStartupError(error, process.env)}`);
    process.exit(1);
  }
  lifecycle.running((signal) => running.stop(signal));
  void running.unexpectedExit.then((exit) => lifecycle.fail(1, describeExit(exit)));
  const admin = await ensureFirstAdmin(running, log);
  console.log(formatBanner(running, web, admin, { demo: false }));
}

if (require.main === module) void main();
