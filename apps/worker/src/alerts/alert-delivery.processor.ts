import { rows } from '@lanewatch/db';
import { DeliverableAlert } from '@lanewatch/domain';
import { deriveChannelSecret } from '@lanewatch/pipeline';
import type { AlertDeliveryJobPayload } from '@lanewatch/queue';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { channelKindLabel, type WorkerMetrics } from '../metrics/worker-metrics';
import { DeliveryFailure, EmailSender, sendWebhook } from './alert-sender';

interface DeliveryRow {
  id: string;
  status: string;
  payload: DeliverableAlert;
  channel_id: string;
  kind: string;
  target: string;
}

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
    const [delivery] = await rows<DeliveryRow>(
      deps.dataSource,
      `SELECT d.id, d.status, d.payload, d.channel_id, c.kind, c.target FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE d.id = $1`,
      [deliveryId],
    );
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
        await manager.query(`UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1 AND status = 'pending'`, [
          deliveryId,
          message.slice(0, 2000),
          final,
        ]);
        await manager.query(
          `UPDATE notification_channels SET consecutive_failures = consecutive_failures + 1, last_error = $2,
             healthy = (consecutive_failures + 1) < $3 WHERE id = $1`,
          [delivery.channel_id, message.slice(0, 2000), deps.unhealthyAfter],
        );
      });
      throw error;
    }
    await deps.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE alert_deliveries SET attempts = attempts + 1, status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [deliveryId]);
      await manager.query(`UPDATE notification_channels SET consecutive_failures = 0, healthy = true, last_success_at = now() WHERE id = $1`, [delivery.channel_id]);
    });
    deps.metrics?.alertDeliveries.inc({ kind: channelKindLabel(delivery.kind), outcome: 'delivered' });
    return { delivered: true };
  };
}
