import { pendingDeliveriesBefore } from '@lanewatch/db';
import { type AlertDeliveryQueue, freeDeadJobIds } from '@lanewatch/queue';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { enqueueDeliveries } from '../sla/sla-evaluation.processor';

const SWEEP_LIMIT = 10_000;

/**
 * Re-enqueues alert deliveries still pending after a grace period (mirrors the ingest sweeper): the
 * rows are the truth, so a lost Redis job loses no alert. A job still queued or in back-off keeps
 * its id (the delivery id), so re-adding it is a no-op; one that can never run again has its id
 * freed first (freeDeadJobIds, as for batches).
 */
export async function sweepPendingDeliveries(deps: { dataSource: DataSource; queue: AlertDeliveryQueue; logger: Logger; graceMs: number; attempts: number; backoffMs: number }): Promise<number> {
  const pending = await pendingDeliveriesBefore(deps.dataSource, new Date(Date.now() - deps.graceMs), SWEEP_LIMIT);
  if (pending.length === 0) return 0;
  const freed = await freeDeadJobIds(deps.queue, pending);
  await enqueueDeliveries(
    deps.queue,
    pending,
    deps.attempts,
    deps.backoffMs,
  );
  deps.logger.info('sweeper enqueued pending alert deliveries', { count: pending.length, deadJobsRemoved: freed });
  return pending.length;
}
