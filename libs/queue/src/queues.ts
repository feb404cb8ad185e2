import type { JobsOptions } from 'bullmq';
import { ALERT_DELIVERY_JOB } from './alert-delivery.job';
import { INGEST_BATCH_JOB } from './ingest-batch.job';
import { SLA_EVALUATION_JOB } from './sla-evaluation.job';

export const INGEST_QUEUE = 'ingest';
export const SLA_QUEUE = 'sla';
export const ALERTS_QUEUE = 'alerts';

/** Every job name each queue carries; the worker refuses to start if one has no processor. */
export const QUEUE_JOBS: Record<string, readonly string[]> = {
  [INGEST_QUEUE]: [INGEST_BATCH_JOB],
  [SLA_QUEUE]: [SLA_EVALUATION_JOB],
  [ALERTS_QUEUE]: [ALERT_DELIVERY_JOB],
};

export function assertProcessorsCover(queue: string, processors: Record<string, unknown>): void {
  const missing = (QUEUE_JOBS[queue] ?? []).filter((job) => !(job in processors));
  if (missing.length > 0) throw new Error(`queue '${queue}' has jobs without a processor: ${missing.join(', ')}`);
}

// The job id is the batch id: a re-enqueue of a waiting batch is a no-op. The database, not the
// job id, is what guarantees exactly-once (unique keys + the batch status). Finished jobs are
// removed, failed ones too: the batch row keeps the error, and a kept job would make a later
// re-enqueue of the same id (an operator's retry) silently do nothing.
export function ingestJobOptions(batchId: string, attempts = 8): JobsOptions {
  return {
    jobId: batchId,
    attempts,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

// The job id is the delivery id: re-enqueueing a waiting delivery is a no-op; the row's status and
// the (channel, idempotency key) unique key are what make each transition go out once.
export function alertDeliveryJobOptions(deliveryId: string, attempts: number, backoffMs: number): JobsOptions {
  return { jobId: deliveryId, attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: true, removeOnFail: true };
}
