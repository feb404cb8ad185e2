import { unlinkSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSameProcess, processStartMarker } from './process-identity.util';

export interface LockedServer {
  name: string;
  pid: number;
  startMarker?: string;
  stopSignal: NodeJS.Signals;
}

interface LockContent {
  owner: { pid: number; startMarker?: string };
  servers: LockedServer[];
}

export interface DataDirLock {
  readonly file: string;
  recordServer(server: Omit<LockedServer, 'startMarker'>): Promise<void>;
  forgetServer(name: string): Promise<void>;
  release(): Promise<void>;
}

const LOCK_FILE_NAME = 'provision.lock';
const heldLocks = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of heldLocks) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  });
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockContent;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // A torn write from a crashed run carries no live owner worth protecting.
    return { owner: { pid: -1 }, servers: [] };
  }
}

async function waitForExit(server: LockedServer, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isSameProcess(server)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isSameProcess(server);
}

// Servers outlive their owner only if the runner that watches them was killed with SIGKILL.
async function stopLeftoverServers(content: LockContent, log: (message: string) => void): Promise<void> {
  for (const server of content.servers) {
    if (server.startMarker === undefined || !isSameProcess(server)) continue;
    log(`Stopping embedded ${server.name} (pid ${server.pid}) left running by an earlier run that did not shut down`);
    try {
      process.kill(server.pid, server.stopSignal);
    } catch {
      continue;
    }
    if (!(await waitForExit(server, 15_000))) {
      process.kill(server.pid, 'SIGKILL');
      await waitForExit(server, 5_000);
    }
  }
}

/**
 * One provisioning process per data dir: two embedded Redis servers appending to the same AOF,
 * or two runs fighting over one PostgreSQL cluster, would corrupt data or fail obscurely.
 */
export async function acquireDataDirLock(dataDir: string, log: (message: string) => void): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  if (heldLocks.has(file)) {
    throw new Error(
      `Embedded services in ${dataDir} are already running in this process; call stop() on them before provisioning again`,
    );
  }
  await mkdir(dataDir, { recursive: true });

  const owner = { pid: process.pid, startMarker: processStartMarker(process.pid) };
  const content: LockContent = { owner, servers: [] };
  for (let attempt = 0; ; attempt += 1) {
    const existing = await readLock(file);
    if (existing !== undefined) {
      if (existing.owner.pid !== process.pid && isSameProcess(existing.owner)) {
        throw new Error(
          `Embedded services in ${dataDir} are in use by process ${existing.owner.pid} (another npm start, npm run demo or test run). ` +
            'Stop it first, use another data directory, or set DATABASE_URL and REDIS_URL to running servers.',
        );
      }
      await stopLeftoverServers(existing, log);
      await unlink(file).catch(() => undefined);
    }
    try {
      // 'wx' fails if another process created the lock between our read and this write.
      await writeFile(file, JSON.stringify(content), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw error;
    }
  }
  heldLocks.add(file);
  installExitHook();

  const persist = async (): Promise<void> => {
    if (heldLocks.has(file)) await writeFile(file, JSON.stringify(content));
  };
  return {
    file,
    async recordServer(server) {
      content.servers = content.servers.filter((entry) => entry.name !== server.name);
      content.servers.push({ ...server, startMarker: processStartMarker(server.pid) });
      await persist();
    },
    async forgetServer(name) {
      content.servers = content.servers.filter((entry) => entry.name !== name);
      await persist();
    },
    async release() {
      if (!heldLocks.delete(file)) return;
      await unlink(file).catch(() => undefined);
    },
  };
}
