import 'reflect-metadata';
import { loadConfigOrExit } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { assertProcessorsCover, INGEST_BATCH_JOB, INGEST_QUEUE, redisConnectionOptions } from '@lanewatch/queue';
import { Job, Queue, Worker } from 'bullmq';
import { ingestBatchProcessor } from './ingest/ingest-batch.processor';
import { sweepPendingBatches } from './ingest/sweeper';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  const dataSource = createDataSource(config.databaseUrl, { poolSize: config.workerConcurrency + 4, applicationName: 'lanewatch-worker' });
  await dataSource.initialize();

  const connection = redisConnectionOptions(config.redisUrl);
  const processors: Record<string, (job: Job) => Promise<unknown>> = {
    [INGEST_BATCH_JOB]: ingestBatchProcessor({ dataSource, logger }),
  };
  assertProcessorsCover(INGEST_QUEUE, processors);

  const queue = new Queue(INGEST_QUEUE, { connection, prefix: config.queuePrefix });
  const worker = new Worker(
    INGEST_QUEUE,
    async (job) => {
      const processor = processors[job.name];
      if (!processor) throw new Error(`no processor for job '${job.name}'`);
      return processor(job);
    },
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      lockDuration: config.workerLockMs,
      stalledInterval: config.workerLockMs,
      // Processing is idempotent, so a job stalled by a dead worker may be retried many times.
      maxStalledCount: 10,
    },
  );
  worker.on('error', (error) => logger.error('worker error', { error: error.message }));

  const sweep = (graceMs: number) =>
    sweepPendingBatches({ dataSource, queue, logger, graceMs, attempts: config.ingestJobAttempts }).catch((error: unknown) =>
      logger.error('sweeper failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  await sweep(0);
  const timer = setInterval(() => void sweep(config.sweeperGraceMs), config.sweeperIntervalMs);
  logger.info('worker started', { concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix });

  const shutdown = async (signal: string) => {
    logger.info('worker stopping', { signal });
    clearInterval(timer);
    await worker.close();
    await queue.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
