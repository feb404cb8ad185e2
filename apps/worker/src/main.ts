import 'reflect-metadata';
import { loadConfigOrExit } from '@lanewatch/config';
import { createDataSource, vacuumHotTables } from '@lanewatch/db';
import { kpisNeedRebuild, rebuildKpis, RebuildRunningError } from '@lanewatch/write-path';
import {
  ALERT_DELIVERY_JOB,
  AlertDeliveryQueue,
  ALERTS_QUEUE,
  assertProcessorsCover,
  debouncedSlaEvaluationJob,
  INGEST_BATCH_JOB,
  INGEST_QUEUE,
  IngestQueue,
  queueConnection,
  SLA_EVALUATION_JOB,
  SLA_QUEUE,
  SlaQueue,
} from '@lanewatch/queue';
import { Job, Queue, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { alertDeliveryProcessor } from './alerts/alert-delivery.processor';
import { EmailSender } from './alerts/alert-sender';
import { sweepPendingDeliveries } from './alerts/alert-sweeper';
import { startDerivationLoops } from './ingest/derivation.loop';
import { ingestBatchProcessor } from './ingest/ingest-batch.processor';
import { purgeExpiredBatches } from './ingest/batch-retention';
import { sweepPendingBatches } from './ingest/sweeper';
import { createLogger } from './logger';
import { startLockWaitSampler } from './metrics/lock-wait.sampler';
import { MetricsServer, startMetricsServer } from './metrics/metrics-server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { slaEvaluationProcessor } from './sla/sla-evaluation.processor';

const SLA_DEBOUNCE_MS = 2000;
const LOCK_WAIT_SAMPLE_MS = 1000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  // Each process names its connections (pid and host), so pg_stat_activity and pg_locks tell replicas apart.
  // PostgreSQL keeps 63 bytes of it, printable ASCII ('?' for the rest): made so here, so that what
  // lockWaitsOf looks for is what pg_stat_activity shows.
  const applicationName = `lanewatch-worker/${process.pid}@${hostname()}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 63);
  // A connection for each batch, derivation and compaction loop (WORKER_CONCURRENCY of each), and four for
  // partition creation, the sweepers, SLA evaluation and alerts; maintenance (vacuum, the inbox purge, lock
  // wait samples) borrows one for a moment.
  const dataSource = createDataSource(config.databaseUrl, { poolSize: config.workerConcurrency * 3 + 4, applicationName });
  await dataSource.initialize();
  if (await kpisNeedRebuild(dataSource)) {
    logger.info('rebuilding facts and KPI rollups from the stored events');
    try {
      logger.info('rebuilt facts and KPI rollups', await rebuildKpis(dataSource));
    } catch (error) {
      // Replicas start together: one rebuilds (online), the others work meanwhile instead of crashing.
      if (!(error instanceof RebuildRunningError)) throw error;
      logger.info('another process is rebuilding facts and KPI rollups; working meanwhile');
    }
  }

  const metrics = new WorkerMetrics();
  const queues = queueConnection(config);
  const connection = queues.options;
  const slaQueue: SlaQueue = new Queue(SLA_QUEUE, { connection, prefix: config.queuePrefix });
  const alertsQueue: AlertDeliveryQueue = new Queue(ALERTS_QUEUE, { connection, prefix: config.queuePrefix });
  // After ingestion: one delayed evaluation under a fixed id, so a burst of batches collapses into one.
  const evaluateSoon = () =>
    slaQueue
      .addBulk([debouncedSlaEvaluationJob(SLA_DEBOUNCE_MS)])
      .then(() => undefined)
      .catch((error: unknown) => logger.warn('could not schedule an SLA evaluation', { error: error instanceof Error ? error.message : String(error) }));
  // Stored batches queue their legs; these loops derive them and fold the rollup deltas. New facts may
  // change a verdict (sla.md §2): an evaluation follows a burst of compactions.
  const derivation = startDerivationLoops({
    dataSource,
    logger,
    concurrency: config.workerConcurrency,
    idleMs: config.derivationIdleMs,
    deferBacklog: config.derivationDeferBacklog,
    maxDeferMs: config.derivationMaxDeferMs,
    metrics,
    onCompacted: () => void evaluateSoon(),
  });
  const processors: Record<string, (job: Job) => Promise<unknown>> = {
    [INGEST_BATCH_JOB]: ingestBatchProcessor({ dataSource, logger, metrics, onProcessed: async () => derivation.wake() }),
  };
  assertProcessorsCover(INGEST_QUEUE, processors);
  const email = new EmailSender(config.smtpUrl, config.smtpFrom);
  const slaProcessors: Record<string, (job: Job) => Promise<unknown>> = {
    [SLA_EVALUATION_JOB]: slaEvaluationProcessor({
      dataSource,
      alertsQueue,
      logger,
      reminderMinutes: config.slaReminderMinutes,
      deliveryAttempts: config.alertDeliveryAttempts,
      backoffMs: config.alertBackoffMs,
      metrics,
    }),
  };
  assertProcessorsCover(SLA_QUEUE, slaProcessors);
  const alertProcessors: Record<string, (job: Job) => Promise<unknown>> = {
    [ALERT_DELIVERY_JOB]: alertDeliveryProcessor({
      dataSource,
      logger,
      secretKey: config.secretKey,
      email,
      unhealthyAfter: config.alertUnhealthyAfterFailures,
      allowPrivateTargets: config.alertAllowPrivateTargets,
      metrics,
    }),
  };
  assertProcessorsCover(ALERTS_QUEUE, alertProcessors);

  const queue: IngestQueue = new Queue(INGEST_QUEUE, { connection, prefix: config.queuePrefix });
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
  const dispatch = (table: Record<string, (job: Job) => Promise<unknown>>) => async (job: Job) => {
    const processor = table[job.name];
    if (!processor) throw new Error(`no processor for job '${job.name}'`);
    return processor(job);
  };
  const lockOptions = { lockDuration: config.workerLockMs, stalledInterval: config.workerLockMs, maxStalledCount: 10 };
  // One evaluation at a time: evaluations are idempotent, but concurrent ones only contend for locks.
  const slaWorker = new Worker(SLA_QUEUE, dispatch(slaProcessors), { connection, prefix: config.queuePrefix, concurrency: 1, ...lockOptions });
  const alertsWorker = new Worker(ALERTS_QUEUE, dispatch(alertProcessors), { connection, prefix: config.queuePrefix, concurrency: config.workerConcurrency, ...lockOptions });
  slaWorker.on('error', (error) => logger.error('sla worker error', { error: error.message }));
  alertsWorker.on('error', (error) => logger.error('alerts worker error', { error: error.message }));
  await slaQueue.upsertJobScheduler('sla-evaluation-every', { every: config.slaEvaluationIntervalMs }, { name: SLA_EVALUATION_JOB, data: {} });
  const sweepDeliveries = (graceMs: number) =>
    sweepPendingDeliveries({ dataSource, queue: alertsQueue, logger, graceMs, attempts: config.alertDeliveryAttempts, backoffMs: config.alertBackoffMs }).catch(
      (error: unknown) => logger.error('alert sweeper failed', { error: error instanceof Error ? error.message : String(error) }),
    );

  const sweep = (graceMs: number) =>
    sweepPendingBatches({ dataSource, queue, logger, graceMs, attempts: config.ingestJobAttempts }).catch((error: unknown) =>
      logger.error('sweeper failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  await sweep(0);
  await sweepDeliveries(0);
  const timer = setInterval(() => {
    void sweep(config.sweeperGraceMs);
    void sweepDeliveries(config.sweeperGraceMs);
  }, config.sweeperIntervalMs);
  // Rollup cells and facts are rewritten by every batch; without a VACUUM their dead versions pile up
  // and every KPI read steps over them. One run at a time, never overlapping itself.
  let vacuuming: Promise<void> | null = null;
  const vacuum = () => {
    vacuuming ??= vacuumHotTables(dataSource)
      .then((ran) => (ran ? logger.debug('vacuumed the hot tables') : undefined))
      .catch((error: unknown) => logger.error('vacuum failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        vacuuming = null;
      });
  };
  // Processed batches past INGEST_BATCH_RETENTION_DAYS leave the inbox, their counts kept; on the same beat.
  let purging: Promise<void> | null = null;
  let stopping = false;
  const purge = () => {
    purging ??= purgeExpiredBatches(dataSource, config.ingestBatchRetentionDays, new Date(), () => stopping)
      .then((batches) => (batches > 0 ? logger.info('purged processed batches past their retention', { batches, retentionDays: config.ingestBatchRetentionDays }) : undefined))
      .catch((error: unknown) => logger.error('batch purge failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        purging = null;
      });
  };
  const vacuumTimer = setInterval(() => {
    vacuum();
    purge();
  }, config.vacuumIntervalMs);
  // Each replica serves its own; a port taken by another process stops this one at start, loudly.
  let metricsServer: MetricsServer | null = null;
  if (config.workerMetricsPort !== undefined) {
    const tokens = [config.metricsToken, config.adminToken].filter((token): token is string => token !== undefined);
    metricsServer = await startMetricsServer({ registry: metrics.registry, host: config.workerMetricsHost, port: config.workerMetricsPort, tokens });
    // Written whatever LOG_LEVEL is: with WORKER_METRICS_PORT=0 this line is the only way to learn the port.
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'worker', message: 'worker metrics listening', url: `http://${config.workerMetricsHost.includes(':') ? `[${config.workerMetricsHost}]` : config.workerMetricsHost}:${metricsServer.port}/metrics` })}\n`);
  }
  // Lock waits are seen only by the server: sampled for the metrics page, when there is one.
  const lockWaits = metricsServer ? startLockWaitSampler({ dataSource, applicationName, counter: metrics.lockWaitSeconds, intervalMs: LOCK_WAIT_SAMPLE_MS, logger }) : null;
  logger.info('worker started', { concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix });

  const shutdown = async (signal: string) => {
    logger.info('worker stopping', { signal });
    stopping = true;
    clearInterval(timer);
    clearInterval(vacuumTimer);
    // A running VACUUM finishes while the workers close, not before they start closing.
    await Promise.all([worker.close(), slaWorker.close(), alertsWorker.close(), derivation.stop(), vacuuming, purging, lockWaits?.stop()]);
    await Promise.all([queue.close(), slaQueue.close(), alertsQueue.close(), metricsServer?.close()]);
    await queues.close();
    email.close();
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
