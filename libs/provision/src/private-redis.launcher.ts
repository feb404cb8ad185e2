import { installWithApt } from './apt-install.util';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DataDirLock } from './data-dir-lock.util';
import { findExecutable } from './find-executable.util';
import { findFreePort } from './free-port.util';
import { isRedisReachable } from './reachability.util';
import { RunnerStartError, startRunner, type RunnerHandle } from './service-runner.client';

export interface PrivateRedisServer {
  redisUrl: string;
  port: number;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 30_000;
const PORT_RACE = /address already in use|could not create server tcp listening socket/i;

export const REDIS_INSTALL_HINT =
  'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ' +
  'or set REDIS_URL to a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379';

async function locateRedisServer(log: (message: string) => void): Promise<string> {
  const found = findExecutable('redis-server') ?? (await installWithApt({ packageName: 'redis-server', executable: 'redis-server', log }));
  if (found === undefined) {
    throw new Error(`Redis is not reachable and redis-server is not installed. ${REDIS_INSTALL_HINT}`);
  }
  return found;
}

async function waitUntilAnswering(url: string, handle: RunnerHandle): Promise<boolean> {
  let gone = false;
  void handle.exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!gone && Date.now() < deadline) {
    if (await isRedisReachable(url, 1_000)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Starts a private redis-server with its append-only file in `<dataDir>/redis`. */
export async function startPrivateRedis(options: {
  dataDir: string;
  lock: DataDirLock;
  log: (message: string) => void;
}): Promise<PrivateRedisServer> {
  const { log } = options;
  const command = await locateRedisServer(log);
  const redisDir = path.join(options.dataDir, 'redis');
  await mkdir(redisDir, { recursive: true });

  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    log(`Starting a private redis-server on port ${port} with its data in ${redisDir}`);
    const args = [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', redisDir,
      // Append-only so jobs in flight survive a restart of npm start.
      '--appendonly', 'yes',
      '--save', '',
      '--daemonize', 'no',
      '--loglevel', 'warning',
    ];
    let handle: RunnerHandle;
    try {
      handle = await startRunner({
        name: 'redis',
        spec: { kind: 'redis', command, args, cwd: redisDir },
        startTimeoutMs: READY_TIMEOUT_MS,
        log,
        // Its startup banner and shutdown notes are noise next to the apps' output; failures are not.
        shouldForward: (line) => /\b(error|fatal|failed|can't|unable)\b/i.test(line),
      });
    } catch (error) {
      const output = error instanceof RunnerStartError ? error.output : [];
      throw new Error(`Could not start ${command}: ${(error as Error).message}\n  ${output.slice(-10).join('\n  ')}\n${REDIS_INSTALL_HINT}`);
    }
    if (await waitUntilAnswering(redisUrl, handle)) {
      await options.lock.recordServer({ name: 'redis', pid: handle.serverPid, stopSignal: 'SIGTERM' });
      return {
        redisUrl,
        port,
        async stop() {
          await handle.stop();
          await options.lock.forgetServer('redis');
        },
      };
    }
    await handle.stop();
    const output = handle.recentOutput();
    if (output.some((line) => PORT_RACE.test(line)) && attempt < START_ATTEMPTS) {
      log(`Port ${port} was taken before redis-server could bind it; trying another port`);
      continue;
    }
    throw new Error(
      `redis-server (${command}) did not answer PING on port ${port}.\n  ${output.slice(-10).join('\n  ')}\n${REDIS_INSTALL_HINT}`,
    );
  }
}
