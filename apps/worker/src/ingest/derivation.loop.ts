import { trimDeriveLog } from '@lanewatch/db';
import { compactRollups, deriveQueued } from '@lanewatch/pipeline';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { WorkerMetrics } from '../metrics/worker-metrics';

const DERIVE_LOG_KEPT_MS = 10 * 60_000;

export interface DerivationLoops {
  /** Something was stored: look at the queue now instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The worker's share of derivation and compaction (docs/architecture.md): `concurrency` loops take
 * queued legs (SKIP LOCKED, so every worker process takes its own), one loop folds rollup deltas shard
 * by shard. The queues live in PostgreSQL, so a loop that dies or a Redis that is flushed loses
 * nothing: another poll finds the rows again.
 */
export function startDerivationLoops(deps: {
  dataSource: DataSource;
  logger: Logger;
  concurrency: number;
  idleMs: number;
  metrics?: WorkerMetrics;
  onDerived?: () => void;
  onCompacted?: () => void;
}): DerivationLoops {
  let stopped = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const wake = () => [...sleepers].forEach((done) => done());

  const run = async (name: string, step: () => Promise<number>, after?: () => void) => {
    let failures = 0;
    while (!stopped) {
      try {
        const done = await step();
        failures = 0;
        if (done > 0) after?.();
        else await sleep(deps.idleMs);
      } catch (error) {
        failures += 1;
        deps.logger.error(`${name} failed`, { attempt: failures, error: error instanceof Error ? error.message : String(error) });
        // Rolled back: the rows are back in their queue. Back off so a persistent fault does not spin.
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
  };
  const onLockWait = deps.metrics ? (seconds: number) => deps.metrics?.lockWait.observe(seconds) : undefined;
  const derive = async () => {
    const derived = await deriveQueued(deps.dataSource, { onLockWait });
    deps.metrics?.legsDerived.inc(derived.legs);
    deps.metrics?.shipmentsDerived.inc(derived.shipments);
    return derived.taken;
  };
  const loops = [
    ...Array.from({ length: deps.concurrency }, () => run('derivation', derive, deps.onDerived)),
    run(
      'compaction',
      async () => {
        const folded = await compactRollups(deps.dataSource);
        deps.metrics?.deltasFolded.inc(folded);
        // A rebuild needs the derivations of its own minutes only.
        await trimDeriveLog(deps.dataSource, new Date(Date.now() - DERIVE_LOG_KEPT_MS));
        return folded;
      },
      deps.onCompacted,
    ),
  ];
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await Promise.all(loops);
    },
  };
}
