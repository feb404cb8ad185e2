import { LanewatchConfig } from '@lanewatch/config';
import { addBestEffort, alertDeliveryJob, AlertDeliveryQueue, ALERTS_QUEUE, QueueConnection } from '@lanewatch/queue';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CONFIG, QUEUE_CONNECTION } from '../infrastructure';

/** Enqueues committed alert deliveries; best effort, the worker's sweeper enqueues what this could not. */
@Injectable()
export class AlertsQueue implements OnModuleDestroy {
  private readonly logger = new Logger('AlertsQueue');
  private readonly queue: AlertDeliveryQueue;

  constructor(
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(QUEUE_CONNECTION) connection: QueueConnection,
  ) {
    this.queue = new Queue(ALERTS_QUEUE, { connection: connection.options, prefix: config.queuePrefix });
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    const jobs = deliveryIds.map((deliveryId) => alertDeliveryJob(deliveryId, this.config.alertDeliveryAttempts, this.config.alertBackoffMs));
    const error = await addBestEffort(this.queue, jobs);
    if (error) this.logger.warn(`could not enqueue ${deliveryIds.length} alert deliveries (the sweeper will): ${error.message}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
