import { LanewatchConfig } from '@lanewatch/config';
import { ingestBatchJob, IngestQueue } from '@lanewatch/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG, INGEST_QUEUE_TOKEN } from './tokens';

const ENQUEUE_TIMEOUT_MS = 2000;

@Injectable()
export class BatchQueue {
  private readonly logger = new Logger('BatchQueue');

  constructor(
    @Inject(INGEST_QUEUE_TOKEN) private readonly queue: IngestQueue,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
  ) {}

  /**
   * Best effort: the batch is already committed, so a Redis outage must not fail the request;
   * the worker's sweeper enqueues whatever this could not.
   */
  async enqueue(batchId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue.addBulk([ingestBatchJob(batchId, this.config.ingestJobAttempts)]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn(`batch ${batchId} committed but not enqueued (${error instanceof Error ? error.message : String(error)}); the sweeper will pick it up`);
    } finally {
      clearTimeout(timer);
    }
  }
}
