import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  readonly name: string;
  readonly exited: Promise<ChildExit>;
  isRunning(): boolean;
  /**
   * `alreadySignalled`: a terminal Ctrl-C reaches every process in the foreground group, so the
   * child is already shutting down; a second signal would make some handlers (process.once) kill
   * it mid-drain. It is then only signalled if it is still running after a grace period.
   */
  stop(options: { alreadySignalled: boolean }): Promise<void>;
}

const GRACE_AFTER_GROUP_SIGNAL_MS = 10_000;
const GRACE_AFTER_SIGTERM_MS = 15_000;

const runningChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

// process.exit() paths (startup errors, a second Ctrl-C) must not leave the API or worker behind.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of runningChildren) child.kill('SIGTERM');
  });
}

function prefixLines(input: Readable, output: Writable, prefix: string): void {
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => output.write(`${prefix} ${line}\n`));
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a TypeScript entry point with swc, its output prefixed with `[name]`. */
export function spawnNodeChild(options: {
  name: string;
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}): ManagedChild {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', options.entry], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runningChildren.add(child);
  installExitHook();
  const prefix = `[${options.name}]`;
  prefixLines(child.stdout, process.stdout, prefix);
  prefixLines(child.stderr, process.stderr, prefix);

  const exited = new Promise<ChildExit>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`${prefix} could not start: ${error.message}\n`);
      runningChildren.delete(child);
      resolve({ name: options.name, code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      runningChildren.delete(child);
      resolve({ name: options.name, code, signal });
    });
  });
  const isRunning = (): boolean => runningChildren.has(child);
  const exitedWithin = (ms: number): Promise<boolean> =>
    Promise.race([exited.then(() => true), wait(ms).then(() => false)]);

  return {
    name: options.name,
    exited,
    isRunning,
    async stop({ alreadySignalled }) {
      if (!isRunning()) return;
      if (!alreadySignalled || !(await exitedWithin(GRACE_AFTER_GROUP_SIGNAL_MS))) {
        if (!isRunning()) return;
        child.kill('SIGTERM');
      }
      if (!(await exitedWithin(GRACE_AFTER_SIGTERM_MS)) && isRunning()) {
        process.stderr.write(`${prefix} did not stop within ${GRACE_AFTER_SIGTERM_MS / 1000} s; killing it\n`);
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
