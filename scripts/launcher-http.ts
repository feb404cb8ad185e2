import { Socket } from 'node:net';
import type { ChildExit } from './launcher-children';

export function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (inUse: boolean): void => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/**
 * Polls until `url` answers 200. Rejects early when a child dies first, so a crash at boot is
 * reported as a crash rather than as a 60 s timeout.
 */
export async function waitForHealthy(options: {
  url: string;
  timeoutMs: number;
  childExited: Promise<ChildExit>;
}): Promise<void> {
  let crashed: ChildExit | undefined;
  void options.childExited.then((exit) => {
    crashed = exit;
  });
  const deadline = Date.now() + options.timeoutMs;
  let lastOutcome = 'no answer yet';
  while (Date.now() < deadline) {
    if (crashed !== undefined) {
      const how = crashed.signal !== null ? `signal ${crashed.signal}` : `code ${crashed.code}`;
      throw new Error(`The ${crashed.name} process exited (${how}) before the API became healthy; see its [${crashed.name}] output above.`);
    }
    try {
      const response = await fetch(options.url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastOutcome = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastOutcome = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `The API did not answer 200 on ${options.url} within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastOutcome}). ` +
      'Check the [api] output above.',
  );
}
