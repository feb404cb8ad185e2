import { fork, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import path from 'node:path';
import { isRunnerMessage, RUNNER_SPEC_ENV, type RunnerCommand, type RunnerSpec } from './service-runner.messages';

export interface RunnerHandle {
  readonly serverPid: number;
  readonly runnerPid: number;
  // Resolves when the runner (and so its server) is gone, whether stopped or crashed.
  readonly exited: Promise<void>;
  recentOutput(): string[];
  stop(): Promise<void>;
}

export class RunnerStartError extends Error {
  constructor(
    message: string,
    readonly output: string[],
  ) {
    super(message);
  }
}

const RUNNER_ENTRY = path.join(__dirname, 'service-runner.process.ts');
const OUTPUT_LINES_KEPT = 40;
const STOP_TIMEOUT_MS = 30_000;

const activeRunners = new Set<ChildProcess>();
let exitHookInstalled = false;

// Runners also stop their server when our IPC channel closes; the signal just makes it immediate.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const runner of activeRunners) {
      try {
        runner.kill('SIGTERM');
      } catch {
        // Already gone.
      }
    }
  });
}

function killRunnerGroup(runner: ChildProcess): void {
  if (runner.pid === undefined) return;
  try {
    // Detached, so the runner leads its own process group and the server is in it.
    process.kill(-runner.pid, 'SIGKILL');
  } catch {
    // Nothing left to kill.
  }
}

function hasExited(runner: ChildProcess): boolean {
  return runner.exitCode !== null || runner.signalCode !== null;
}

function waitForExit(runner: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(runner)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    runner.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts a detached runner process for one server and resolves once the runner reports it up.
 * Detached so a terminal Ctrl-C reaches the apps first and the servers are stopped after them.
 */
export async function startRunner(options: {
  name: string;
  spec: RunnerSpec;
  startTimeoutMs: number;
  log: (message: string) => void;
  // Which server output lines are worth showing once the server runs; all are kept for errors.
  shouldForward: (line: string) => boolean;
}): Promise<RunnerHandle> {
  const output: string[] = [];
  const remember = (line: string): void => {
    output.push(line);
    if (output.length > OUTPUT_LINES_KEPT) output.shift();
  };
  let ready = false;
  let stopping = false;

  const runner = fork(RUNNER_ENTRY, [], {
    execArgv: ['-r', require.resolve('@swc-node/register')],
    env: { ...process.env, [RUNNER_SPEC_ENV]: JSON.stringify(options.spec) },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  activeRunners.add(runner);
  installExitHook();
  runner.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split(/\r?\n/)) if (line.trim() !== '') remember(line);
  });

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Keep this process alive until the server is down, even if nothing else is pending.
    runner.ref();
    runner.channel?.ref();
    if (!hasExited(runner)) {
      try {
        runner.send({ type: 'stop' } satisfies RunnerCommand);
      } catch {
        runner.kill('SIGTERM');
      }
      if (!(await waitForExit(runner, STOP_TIMEOUT_MS))) {
        options.log(`${options.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
        killRunnerGroup(runner);
        await waitForExit(runner, 5_000);
      }
    }
    activeRunners.delete(runner);
  };

  let serverPid: number;
  try {
    serverPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${options.name} did not start within ${Math.round(options.startTimeoutMs / 1000)} s`)),
        options.startTimeoutMs,
      );
      runner.on('message', (message: unknown) => {
        if (!isRunnerMessage(message)) return;
        if (message.type === 'output') {
          remember(message.line);
          if (ready && options.shouldForward(message.line)) options.log(`[${options.name}] ${message.line}`);
        } else if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.serverPid);
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(message.message));
        }
      });
      runner.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      runner.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`its runner process exited (${signal ?? `code ${code}`})`));
      });
    });
  } catch (error) {
    await stop();
    throw new RunnerStartError((error as Error).message, [...output]);
  }

  ready = true;
  const exited = new Promise<void>((resolve) => (hasExited(runner) ? resolve() : runner.once('exit', () => resolve())));
  runner.once('exit', () => {
    activeRunners.delete(runner);
    if (!stopping) options.log(`${options.name} stopped unexpectedly. Last output:\n  ${output.slice(-10).join('\n  ')}`);
  });
  // Once up, the server must not keep a script alive on its own; the exit hook stops it.
  runner.unref();
  runner.channel?.unref();
  if (runner.stderr instanceof Socket) runner.stderr.unref();

  return {
    serverPid,
    runnerPid: runner.pid ?? -1,
    exited,
    recentOutput: () => [...output],
    stop,
  };
}
