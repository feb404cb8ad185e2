import { pendingBatchBacklog, settleAbandonedRebuilds, trimDeriveLog, vacuumHotTables } from '@lanewatch/db';
import { COMPACTION_CHUNK, compactRollups, deriveQueued } from '@lanewatch/write-path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { WorkerMetrics } from '../metrics/worker-metrics';

const DERIVE_LOG_KEPT_MS = 10 * 60_000;
/**
 * Compaction cadence: a shard is folded as soon as it holds a quarter chunk of deltas, and every shard
 * at least every COMPACTION_INTERVAL_MS while batches keep coming, every COMPACTION_QUIET_INTERVAL_MS
 * once the worker is quiet (nothing stored or derived for QUIET_MS). Folding many deltas at once writes
 * each coarse cell (day, week, month, summed-away copies) once for all of them; folding as they come
 * rewrote them for every few, which under load was most of the worker's SQL time. Reads add the deltas
 * not yet folded, so this moves no answer.
 */
export const COMPACTION_INTERVAL_MS = 10_000;
export const COMPACTION_QUIET_INTERVAL_MS = 2_000;
const QUIET_MS = 1_000;
/**
 * Deltas folded since kpi_rollup_deltas was last vacuumed here: once a burst is folded and the worker
 * is quiet, the table's dead rows are cleared at once instead of at the next periodic VACUUM, since
 * every KPI read steps over the dead delta index entries of its window until then (a read at 149k
 * events took 91 ms with them, 56 ms without, on the shared machine).
 */
const VACUUM_DELTAS_AFTER = 20_000;
const COMPACTION_MIN_DELTAS = COMPACTION_CHUNK / 4;
const COMPACTION_POLL_MS = 500;
/**
 * Storing first under a backlog (DERIVATION_DEFER_BACKLOG, DERIVATION_MAX_DEFER_MS): while at least
 * `deferBacklog` batches are pending, derivation waits for them to be stored, for at most `maxDeferMs`
 * at a time, so each journey a backlog touches is derived once with all its new events instead of once
 * per batch that brought some. On a shuffled import every shipment's events are spread over the whole
 * backlog, and deriving as they came derived each journey about three times, with as many fact
 * rewrites, rollup deltas and cell rewrites (the bench's registered feed: 2.8 derivations per leg and
 * 68 s of CPU per 112k events before, 1.0 and 29 s after). The facts of a backlog's events are not
 * current until it is stored anyway; `maxDeferMs` bounds how stale they get while a backlog never ends.
 */
const BACKLOG_PROBE_MS = 250;
/** A derivation whose journeys were all held by other loops tries again after this. */
const BUSY_RETRY_MS = 20;

export interface DerivationLoops {
  /** Something was stored: look at the queue now instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The worker's share of derivation and compaction (docs/architecture.md): `concurrency` loops take
 * queued legs (SKIP LOCKED, so every worker process takes its own), as many fold rollup deltas shard
 * by shard. The queues live in PostgreSQL, so a loop that dies or a Redis that is flushed loses
 * nothing: another poll finds the rows again.
 */
export function startDerivationLoops(deps: {
  dataSource: DataSource;
  logger: Logger;
  concurrency: number;
  idleMs: number;
  /** Pending batches at which derivation waits for storing (0: never waits), and for how long at most. */
  deferBacklog: number;
  maxDeferMs: number;
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
  let foldedSinceVacuum = 0;
  // When something was last stored (wake) or derived: compaction folds in larger runs while busy.
  let lastBusyAt = 0;
  const wake = () => {
    lastBusyAt = Date.now();
    [...sleepers].forEach((done) => done());
  };

  const run = async (name: string, step: () => Promise<number>, after?: () => void, idleMs = deps.idleMs) => {
    let failures = 0;
    while (!stopped) {
      try {
        const done = await step();
        failures = 0;
        if (done > 0) after?.();
        else await sleep(idleMs);
      } catch (error) {
        failures += 1;
        deps.logger.error(`${name} failed`, { attempt: failures, error: error instanceof Error ? error.message : String(error) });
        // Rolled back: the rows are back in their queue. Back off so a persistent fault does not spin.
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
  };
  const onLockWait = deps.metrics ? (seconds: number) => deps.metrics?.lockWait.observe(seconds) : undefined;
  // Consecutive passes whose journeys were all held by other loops: the retry backs off from
  // BUSY_RETRY_MS to the idle poll, so a loop waiting on a long derivation does not spin.
  let busyPasses = 0;
  // Shared by this process's loops: one probe per BACKLOG_PROBE_MS, and when deferring began (null: not).
  let backlogProbe: { at: number; pending: Promise<number> } | null = null;
  let deferringSince: number | null = null;
  const backlogAhead = async (): Promise<boolean> => {
    if (deps.deferBacklog === 0) return false;
    if (!backlogProbe || Date.now() - backlogProbe.at >= BACKLOG_PROBE_MS) {
      backlogProbe = { at: Date.now(), pending: pendingBatchBacklog(deps.dataSource, deps.deferBacklog) };
    }
    if ((await backlogProbe.pending) < deps.deferBacklog) {
      deferringSince = null;
      return false;
    }
    deferringSince ??= Date.now();
    return Date.now() - deferringSince < deps.maxDeferMs;
  };
  const derive = async () => {
    // Nothing derived: the loop sleeps until the next stored batch wakes it (or its idle poll).
    if (await backlogAhead()) return 0;
    const derived = await deriveQueued(deps.dataSource, { onLockWait });
    deps.metrics?.legsDerived.inc(derived.legs);
    deps.metrics?.shipmentsDerived.inc(derived.shipments);
    if (!derived.busy) {
      busyPasses = 0;
      if (derived.taken > 0) lastBusyAt = Date.now();
      return derived.taken;
    }
    busyPasses += 1;
    await sleep(Math.min(deps.idleMs, BUSY_RETRY_MS * 2 ** Math.min(busyPasses - 1, 8)));
    return 1;
  };
  // As many compaction loops as derivation loops, each taking the shards no other compactor holds
  // (tryLockShard). While batches come only the first folds (shards as they fill, every shard once an
  // interval): more loops folded shards sooner and so rewrote each coarse cell more often. Once quiet,
  // each makes its own full passes, so what is left when derivation ends is folded on every core
  // instead of one shard at a time (it was the drain's last, single-core seconds). The first also
  // vacuums and trims.
  const compaction = (index: number) => {
    let lastFullCompaction = 0;
    return async () => {
      const quiet = Date.now() - lastBusyAt >= QUIET_MS;
      if (index > 0 && !quiet) return 0;
      const every = (quiet || index === 0) && Date.now() - lastFullCompaction >= (quiet ? COMPACTION_QUIET_INTERVAL_MS : COMPACTION_INTERVAL_MS);
      if (every) lastFullCompaction = Date.now();
      const folded = await compactRollups(deps.dataSource, { minDeltas: every ? 1 : COMPACTION_MIN_DELTAS });
      deps.metrics?.deltasFolded.inc(folded);
      if (index > 0) return folded;
      foldedSinceVacuum += folded;
      // A full pass while quiet has folded every delta there was (nothing new is being derived).
      if (every && quiet && foldedSinceVacuum >= VACUUM_DELTAS_AFTER && (await vacuumHotTables(deps.dataSource, ['kpi_rollup_deltas']))) foldedSinceVacuum = 0;
      // A rebuild needs the derivations of its own minutes only; one whose process died needs none.
      await settleAbandonedRebuilds(deps.dataSource, new Date());
      await trimDeriveLog(deps.dataSource, new Date(Date.now() - DERIVE_LOG_KEPT_MS));
      return folded;
    };
  };
  const loops = [
    ...Array.from({ length: deps.concurrency }, () => run('derivation', derive, deps.onDerived)),
    ...Array.from({ length: deps.concurrency }, (_, index) =>
      run(
        'compaction',
        compaction(index),
        deps.onCompacted,
        // Each poll counts the deltas per shard: often enough to fold a full shard soon, not more.
        Math.max(deps.idleMs, COMPACTION_POLL_MS),
      ),
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
