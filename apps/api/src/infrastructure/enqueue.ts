import { INGEST_BATCH_JOB, ingestJobOptions } from '@lanewatch/queue';
import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

const logger = new Logger('Enqueue');
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Best effort: the batch is already committed, so a Redis outage must not fail the request;
 * the worker's sweeper enqueues whatever this could not.
 */
export async function enqueueBatch(queue: Queue, batchId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.add(INGEST_BATCH_JOB, { batchId }, ingestJobOptions(batchId)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    logger.warn(`batch ${batchId} committed but not enqueued (${error instanceof Error ? error.message : String(error)}); the sweeper will pick it up`);
  } finally {
    clearTimeout(timer);
  }
}
