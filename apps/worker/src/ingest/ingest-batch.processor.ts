import { recordBatchAttempt } from '@lanewatch/db';
import { processBatch } from '@lanewatch/write-path';
import type { IngestBatchJobPayload } from '@lanewatch/queue';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { BatchOutcome, WorkerMetrics } from '../metrics/worker-metrics';

export function ingestBatchProcessor(deps: { dataSource: DataSource; logger: Logger; metrics?: WorkerMetrics; onProcessed?: () => Promise<void> }) {
  const observe = (outcome: BatchOutcome, started: bigint) => {
    deps.metrics?.batches.inc({ outcome });
    deps.metrics?.batchDuration.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
  };
  return async (job: Job<IngestBatchJobPayload>): Promise<unknown> => {
    const { batchId } = job.data;
    const started = process.hrtime.bigint();
    try {
      const outcome = await processBatch(deps.dataSource, batchId);
      deps.logger.debug('batch done', { batchId, ...outcome });
      observe(outcome.status, started);
      if (outcome.status === 'processed') {
        for (const { carrier, stored, duplicates } of outcome.byCarrier) {
          deps.metrics?.eventsStored.inc({ carrier }, stored);
          deps.metrics?.duplicates.inc({ carrier }, duplicates);
        }
      }
      // New facts may change a verdict (sla.md §2). Not awaited: best effort, the repeatable
      // evaluation catches up, and the batch is done whatever happens to this.
      void deps.onProcessed?.();
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      deps.logger.error('batch failed', { batchId, attempt: job.attemptsMade + 1, final, error: message });
      observe(final ? 'failed' : 'retrying', started);
      // Kept with its error and counted as failed once retries are exhausted; nothing is dropped.
      await recordBatchAttempt(deps.dataSource, batchId, message, final).catch(() => undefined);
      throw error;
    }
  };
}
