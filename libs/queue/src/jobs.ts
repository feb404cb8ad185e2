import type { JobsOptions, Queue } from 'bullmq';
import { ALERT_DELIVERY_JOB, AlertDeliveryJobPayload } from './alert-delivery.job';
import { INGEST_BATCH_JOB, IngestBatchJobPayload } from './ingest-batch.job';
import { alertDeliveryJobOptions, ingestJobOptions } from './queues';
import { SLA_EVALUATION_DEBOUNCE_JOB_ID, SLA_EVALUATION_JOB, SlaEvaluationJobPayload } from './sla-evaluation.job';

// One payload type per queue, shared by the producers (apps/api, the worker's sweepers and schedulers)
// and the consumers (the worker's processors, `Job<…Payload>`): a typed queue refuses any other data.
export type IngestQueue = Queue<IngestBatchJobPayload, unknown, typeof INGEST_BATCH_JOB>;
// Any name: BullMQ types a job scheduler's id as a job name (the scheduler 'sla-evaluation-every').
export type SlaQueue = Queue<SlaEvaluationJobPayload, unknown, string>;
export type AlertDeliveryQueue = Queue<AlertDeliveryJobPayload, unknown, typeof ALERT_DELIVERY_JOB>;

/** A job as a producer adds it: `queue.add(job.name, job.data, job.opts)` or one entry of `addBulk`. */
export interface QueueJob<Name extends string, Data> {
  name: Name;
  data: Data;
  opts: JobsOptions;
}

export function ingestBatchJob(batchId: string, attempts?: number): QueueJob<typeof INGEST_BATCH_JOB, IngestBatchJobPayload> {
  return { name: INGEST_BATCH_JOB, data: { batchId }, opts: ingestJobOptions(batchId, attempts) };
}

export function alertDeliveryJob(deliveryId: string, attempts: number, backoffMs: number): QueueJob<typeof ALERT_DELIVERY_JOB, AlertDeliveryJobPayload> {
  return { name: ALERT_DELIVERY_JOB, data: { deliveryId }, opts: alertDeliveryJobOptions(deliveryId, attempts, backoffMs) };
}

/** After ingestion: one delayed evaluation under a fixed id, so a burst of batches collapses into one. */
export function debouncedSlaEvaluationJob(delayMs: number): QueueJob<typeof SLA_EVALUATION_JOB, SlaEvaluationJobPayload> {
  return { name: SLA_EVALUATION_JOB, data: {}, opts: { jobId: SLA_EVALUATION_DEBOUNCE_JOB_ID, delay: delayMs, removeOnComplete: true, removeOnFail: true } };
}

/** How long a producer waits for Redis before it gives up on a best-effort enqueue. */
export const BEST_EFFORT_ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The one best-effort enqueue: the rows are already committed, so a Redis outage (or a hang) must not
 * fail the caller; the worker's sweepers enqueue whatever this could not. Resolves to the error, or null.
 */
export async function addBestEffort<Name extends string, Data>(
  queue: { addBulk(jobs: QueueJob<Name, Data>[]): Promise<unknown> },
  jobs: QueueJob<Name, Data>[],
  timeoutMs = BEST_EFFORT_ENQUEUE_TIMEOUT_MS,
): Promise<Error | null> {
  if (jobs.length === 0) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.addBulk(jobs),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      }),
    ]);
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** How many of a sweep's oldest rows have their job's state looked at: bounded, so a large backlog costs Redis little. */
export const DEAD_JOB_CHECK_LIMIT = 500;
/** States in which the job of a row still pending will never run again. */
const DEAD_JOB_STATES: ReadonlySet<string> = new Set(['unknown', 'completed', 'failed']);

/**
 * Frees the ids of jobs that will never run although their row is still pending, so the sweeper's
 * add that follows queues them again (adding an id that exists is a no-op). Such a job is one Redis
 * kept only in part, its hash in no list (keys evicted or lost one by one, not all at once), or one
 * finished while its row says otherwise. Only the first `limit` ids (the sweep's oldest) are looked
 * at; one further back is reached once the older rows are done. A waiting, delayed or running job is
 * left alone (remove refuses a locked one), and removing one queued a moment ago is undone by the add.
 * Resolves to how many jobs were removed.
 */
export async function freeDeadJobIds(
  queue: { getJobState(jobId: string): Promise<string>; remove(jobId: string): Promise<number> },
  ids: readonly string[],
  limit = DEAD_JOB_CHECK_LIMIT,
): Promise<number> {
  const checked = ids.slice(0, limit);
  const states = await Promise.all(checked.map((id) => queue.getJobState(id)));
  const dead = checked.filter((_, index) => DEAD_JOB_STATES.has(states[index]));
  const removed = await Promise.all(dead.map((id) => queue.remove(id)));
  return removed.filter((count) => count === 1).length;
}
