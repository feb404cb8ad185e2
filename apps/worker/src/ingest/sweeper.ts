import { pendingBatchIds } from '@lanewatch/db';
import { freeDeadJobIds, ingestBatchJob, IngestQueue } from '@lanewatch/queue';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

const SWEEP_LIMIT = 10_000;

/**
 * Re-enqueues committed batches still pending after a grace period: the inbox in PostgreSQL is
 * the truth, the queue only shares the work, so a flushed Redis loses nothing. Jobs already
 * queued keep their id (the batch id), so re-adding them is a no-op; a job that can never run again
 * (kept by Redis only in part, its hash in no list) has its id freed first (freeDeadJobIds), or its
 * batch would stay pending for good. A larger backlog is taken up by the following sweeps.
 */
export async function sweepPendingBatches(deps: {
  dataSource: DataSource;
  queue: IngestQueue;
  logger: Logger;
  graceMs: number;
  attempts: number;
}): Promise<number> {
  const ids = await pendingBatchIds(deps.dataSource, new Date(Date.now() - deps.graceMs), SWEEP_LIMIT);
  if (ids.length === 0) return 0;
  const freed = await freeDeadJobIds(deps.queue, ids);
  await deps.queue.addBulk(ids.map((batchId) => ingestBatchJob(batchId, deps.attempts)));
  deps.logger.info('sweeper enqueued pending batches', { count: ids.length, deadJobsRemoved: freed });
  return ids.length;
}
