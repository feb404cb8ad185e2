import { LanewatchConfig } from '@lanewatch/config';
import { addBestEffort, ingestBatchJob, IngestQueue } from '@lanewatch/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG, INGEST_QUEUE_TOKEN } from './tokens';

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
    const error = await addBestEffort(this.queue, [ingestBatchJob(batchId, this.config.ingestJobAttempts)]);
    if (error) this.logger.warn(`batch ${batchId} committed but not enqueued (${error.message}); the sweeper will pick it up`);
  }
}
