export interface Lifecycle {
  /** From now on a signal runs `stop` and exits 0 once it completes. */
  running(stop: (signal: NodeJS.Signals) => Promise<void>): void;
  /** Stops (once) and exits with `code`, e.g. when a child died unexpectedly. */
  fail(code: number, reason: string): Promise<never>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
// npm forwards the terminal's SIGINT to us, so one Ctrl-C arrives twice within milliseconds.
const DUPLICATE_SIGNAL_WINDOW_MS = 2_000;

/**
 * Until `running()` is called a signal exits at once: the provisioning and child-process exit hooks
 * stop whatever had started. A second Ctrl-C during a graceful stop forces the exit.
 */
export function installLifecycle(log: (message: string) => void): Lifecycle {
  let stop: ((signal: NodeJS.Signals) => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;
  let firstSignalAt: number | undefined;

  const stopOnce = (signal: NodeJS.Signals): Promise<void> => {
    stopping ??= (stop ?? (async () => undefined))(signal);
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    const now = Date.now();
    if (firstSignalAt !== undefined) {
      if (now - firstSignalAt < DUPLICATE_SIGNAL_WINDOW_MS) return;
      log(`${signal} again: exiting without waiting for a clean shutdown`);
      process.exit(130);
    }
    firstSignalAt = now;
    if (stop === undefined) {
      log(`${signal} during startup: exiting`);
      process.exit(130);
    }
    log(`${signal} received: stopping (press Ctrl-C again to force)`);
    stopOnce(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);

  return {
    running(stopFunction) {
      stop = stopFunction;
    },
    async fail(code, reason) {
      log(reason);
      try {
        // A crash is not a terminal signal: every other child still needs to be told.
        await stopOnce('SIGTERM');
      } finally {
        process.exit(code);
      }
    },
  };
}
