import { LanewatchConfig } from '@lanewatch/config';
import { alertDeliveryBacklog, ingestStatus, oldestPendingBatchReceivedAt, oldestUnfoldedDelta } from '@lanewatch/db';
import { ALERTS_QUEUE, QueueConnection, RedisClient, SLA_QUEUE } from '@lanewatch/queue';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock, CONFIG, DATA_SOURCE, INGEST_QUEUE_TOKEN, QUEUE_CONNECTION, REDIS } from '../infrastructure';
import { ApiMetrics } from './api-metrics';

// A scrape answers within about this, whatever a dependency does: Prometheus' default timeout is 10 s.
const DEPENDENCY_TIMEOUT_MS = 2000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
const CHANNEL_KINDS = ['webhook', 'email'] as const;
const UNDELIVERED = ['pending', 'failed'] as const;

async function withTimeout<T>(work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DEPENDENCY_TIMEOUT_MS} ms`)), DEPENDENCY_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Gauges read from PostgreSQL and Redis when Prometheus scrapes, shared by every replica (each
 * replica reports the same values: aggregate them with max, not sum). A dependency that does not
 * answer leaves its gauges without samples and its lanewatch_dependency_up at 0; the rest of the
 * page is still served.
 */
@Injectable()
export class MetricsScrape implements OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private readonly queues: { name: string; queue: Queue; owned: boolean }[];
  private readonly up: Gauge<'dependency'>;
  private readonly pipeline: Record<'pending' | 'failed' | 'deadLetters' | 'derivation' | 'compaction' | 'stored' | 'oldestAge', Gauge>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly compactionAge: Gauge;
  private readonly alertDeliveries: Gauge<'kind' | 'status'>;

  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QUEUE_CONNECTION) queueConnection: QueueConnection,
    @Inject(INGEST_QUEUE_TOKEN) ingestQueue: Queue,
    @Inject(CONFIG) config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const connection = queueConnection.options;
    this.queues = [
      { name: ingestQueue.name, queue: ingestQueue, owned: false },
      ...[SLA_QUEUE, ALERTS_QUEUE].map((name) => ({ name, queue: new Queue(name, { connection, prefix: config.queuePrefix }), owned: true })),
    ];
    const registers = [metrics.registry];
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    this.up = new Gauge({ name: 'lanewatch_dependency_up', help: '1 when the dependency answered this scrape, else 0', labelNames: ['dependency'], registers });
    this.pipeline = {
      pending: gauge('lanewatch_ingest_pending_batches', 'Batches not yet reflected in KPIs: events not stored or legs not derived'),
      failed: gauge('lanewatch_ingest_failed_batches', 'Batches kept as failed after their attempts (retry them once fixed)'),
      deadLetters: gauge('lanewatch_ingest_dead_letters', 'Accepted events the database refused, set aside with their reason'),
      derivation: gauge('lanewatch_derivation_backlog', 'Queued leg rows waiting to be derived into journeys and facts'),
      compaction: gauge('lanewatch_compaction_backlog', 'Rollup deltas not yet folded into cells (reads add them in: a cost, not a lag)'),
      stored: gauge('lanewatch_ingest_events_stored', 'Events stored by all workers together, as the batches record them'),
      oldestAge: gauge('lanewatch_ingest_oldest_pending_batch_age_seconds', 'Age of the oldest batch whose events are not stored yet; 0 when none'),
    };
    this.compactionAge = gauge(
      'lanewatch_compaction_oldest_delta_age_seconds',
      "Since the receipt of the batch behind the oldest rollup delta not yet folded; 0 when none waits, no sample when the oldest name no batch",
    );
    this.alertDeliveries = new Gauge({
      name: 'lanewatch_alert_deliveries_undelivered',
      help: 'Alert deliveries not delivered, by channel kind and status: pending (queued or retrying) or failed (attempts exhausted)',
      labelNames: ['kind', 'status'],
      registers,
    });
    this.queueJobs = new Gauge({ name: 'lanewatch_queue_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'], registers });
  }

  async render(): Promise<string> {
    await Promise.all([this.readPostgres(), this.readRedis()]);
    return this.metrics.registry.metrics();
  }

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  private async readPostgres(): Promise<void> {
    try {
      const [status, oldest, delta, alerts] = await withTimeout(() =>
        Promise.all([ingestStatus(this.dataSource), oldestPendingBatchReceivedAt(this.dataSource), oldestUnfoldedDelta(this.dataSource), alertDeliveryBacklog(this.dataSource)]),
      );
      const now = this.clock.now().getTime();
      this.pipeline.pending.set(status.pendingBatches);
      this.pipeline.failed.set(status.failedBatches);
      this.pipeline.deadLetters.set(status.deadLetters);
      this.pipeline.derivation.set(status.derivationBacklog);
      this.pipeline.compaction.set(status.compactionBacklog);
      this.pipeline.stored.set(status.eventsStored);
      this.pipeline.oldestAge.set(oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0);
      this.compactionAge.reset();
      if (!delta.waiting) this.compactionAge.set(0);
      else if (delta.receivedAt) this.compactionAge.set(Math.max(0, (now - new Date(delta.receivedAt).getTime()) / 1000));
      // Every kind and status is served, 0 when none: a kind outside the two is the email path (as the worker sends it).
      for (const kind of CHANNEL_KINDS) for (const status of UNDELIVERED) this.alertDeliveries.set({ kind, status }, 0);
      for (const row of alerts) this.alertDeliveries.inc({ kind: row.kind === 'webhook' ? 'webhook' : 'email', status: row.status }, row.deliveries);
      this.up.set({ dependency: 'postgres' }, 1);
    } catch (error) {
      for (const gauge of [...Object.values(this.pipeline), this.compactionAge, this.alertDeliveries]) gauge.reset();
      this.up.set({ dependency: 'postgres' }, 0);
      this.logger.warn(`metrics: PostgreSQL not read (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private async readRedis(): Promise<void> {
    try {
      // The plain client fails at once when Redis is down; BullMQ's own connections would wait for it.
      await withTimeout(() => this.redis.ping());
      const counts = await withTimeout(() => Promise.all(this.queues.map(({ queue }) => queue.getJobCounts(...QUEUE_STATES))));
      this.queueJobs.reset();
      this.queues.forEach(({ name }, index) => {
        for (const state of QUEUE_STATES) this.queueJobs.set({ queue: name, state }, counts[index][state] ?? 0);
      });
      this.up.set({ dependency: 'redis' }, 1);
    } catch (error) {
      this.queueJobs.reset();
      this.up.set({ dependency: 'redis' }, 0);
      this.logger.warn(`metrics: Redis not read (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.filter(({ owned }) => owned).map(({ queue }) => queue.close().catch(() => undefined)));
  }
}
