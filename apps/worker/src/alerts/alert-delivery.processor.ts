import { findDeliveryToSend, recordChannelFailure, recordChannelSuccess, recordDeliveryFailure, recordDeliverySuccess } from '@lanewatch/db';
import { DeliverableAlert } from '@lanewatch/domain';
import { deriveChannelSecret } from '@lanewatch/sla';
import type { AlertDeliveryJobPayload } from '@lanewatch/queue';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { channelKindLabel, type WorkerMetrics } from '../metrics/worker-metrics';
import { DeliveryFailure, EmailSender, sendWebhook } from './alert-sender';

/**
 * Sends one alert delivery. A delivered row is never sent again from here; a retry of a pending
 * one (a crash mid-send, a timeout) carries the same idempotency key, so the receiver drops it.
 * Failures count against the channel, which turns unhealthy after `unhealthyAfter` in a row; what the
 * channel shows of a webhook failure is generic (DeliveryFailure), the log has the detail.
 */
export function alertDeliveryProcessor(deps: {
  dataSource: DataSource;
  logger: Logger;
  secretKey: string;
  email: EmailSender;
  unhealthyAfter: number;
  allowPrivateTargets: boolean;
  metrics?: WorkerMetrics;
}) {
  return async (job: Job<AlertDeliveryJobPayload>): Promise<unknown> => {
    const { deliveryId } = job.data;
    const delivery = await findDeliveryToSend<DeliverableAlert>(deps.dataSource, deliveryId);
    if (!delivery || delivery.status === 'delivered') return { skipped: true };
    try {
      if (delivery.kind === 'webhook') {
        await sendWebhook({
          url: delivery.target,
          secret: deriveChannelSecret(deps.secretKey, delivery.channel_id),
          alert: delivery.payload,
          nowSec: Math.floor(Date.now() / 1000),
          allowPrivate: deps.allowPrivateTargets,
        });
      } else {
        await deps.email.send({ to: delivery.target, alert: delivery.payload });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const detail = error instanceof DeliveryFailure ? error.detail : message;
      deps.metrics?.alertDeliveries.inc({ kind: channelKindLabel(delivery.kind), outcome: final ? 'failed' : 'retrying' });
      deps.logger.warn('alert delivery failed', { deliveryId, channelId: delivery.channel_id, attempt: job.attemptsMade + 1, final, error: message, detail });
      await deps.dataSource.transaction(async (manager) => {
        await recordDeliveryFailure(manager, deliveryId, message.slice(0, 2000), final);
        await recordChannelFailure(manager, delivery.channel_id, message.slice(0, 2000), deps.unhealthyAfter);
      });
      throw error;
    }
    await deps.dataSource.transaction(async (manager) => {
      await recordDeliverySuccess(manager, deliveryId);
      await recordChannelSuccess(manager, delivery.channel_id);
    });
    deps.metrics?.alertDeliveries.inc({ kind: channelKindLabel(delivery.kind), outcome: 'delivered' });
    return { delivered: true };
  };
}
