import { lockWaitsOf } from '@lanewatch/db';
import type { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

/** The kinds of heavyweight lock a worker's statements can wait on (pg_stat_activity.wait_event), served from the start. */
export const LOCK_KINDS = ['transactionid', 'tuple', 'relation', 'advisory'] as const;

/**
 * Lock wait seconds, sampled: every `intervalMs`, how many of this process's PostgreSQL backends (its
 * application_name) wait on a heavyweight lock (wait_event_type 'Lock': another transaction's row or
 * tuple, a table, an advisory lock), each counted for the time since the last sample. Derivation
 * try-locks its components and never waits for them; what is left is waiting on rows and keys another
 * worker's transaction holds, which only the server sees.
 */
export function startLockWaitSampler(options: {
  dataSource: DataSource;
  applicationName: string;
  counter: Counter<'lock'>;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  let last = process.hrtime.bigint();
  let running: Promise<void> | null = null;
  const sample = async () => {
    const waiting = await lockWaitsOf(options.dataSource, options.applicationName);
    const now = process.hrtime.bigint();
    const seconds = Number(now - last) / 1e9;
    last = now;
    for (const { lock, backends } of waiting) options.counter.inc({ lock }, backends * seconds);
  };
  const timer = setInterval(() => {
    running ??= sample()
      .catch((error: unknown) => options.logger.warn('lock wait sample failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
