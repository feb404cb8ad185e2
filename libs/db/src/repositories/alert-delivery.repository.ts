import type { AlertDeliveryEntity } from '../entities/alert-delivery.entity';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type AlertDeliveryBacklogRow = ColumnsOf<NotificationChannelEntity, 'kind'> & {
  status: 'pending' | 'failed';
  deliveries: number;
};

/** Alert deliveries not delivered, by channel kind and status (alert_deliveries_pending_idx leads with status). */
export async function alertDeliveryBacklog(runner: SqlRunner): Promise<AlertDeliveryBacklogRow[]> {
  return rows<AlertDeliveryBacklogRow>(
    runner,
    `SELECT c.kind, d.status, count(*)::int AS deliveries
       FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id
      WHERE d.status IN ('pending', 'failed')
      GROUP BY c.kind, d.status`,
  );
}

/** A delivery as the channel's history shows it. */
export type ChannelDeliveryRow = ColumnsOf<
  AlertDeliveryEntity,
  'id' | 'breach_id' | 'transition' | 'reminder' | 'status' | 'attempts' | 'last_error' | 'created_at' | 'delivered_at'
>;

const DELIVERY_COLUMNS = 'id, breach_id, transition, reminder, status, attempts, last_error, created_at, delivered_at';

/** A test alert to a channel, through the real delivery path. */
export async function insertTestDelivery(runner: SqlRunner, input: { channelId: string; idempotencyKey: string; payload: unknown }): Promise<ChannelDeliveryRow> {
  const [row] = await rows<ChannelDeliveryRow>(
    runner,
    `INSERT INTO alert_deliveries (channel_id, breach_id, transition, reminder, idempotency_key, payload) VALUES ($1, NULL, 'test', 0, $2, $3::jsonb)
       RETURNING ${DELIVERY_COLUMNS}`,
    [input.channelId, input.idempotencyKey, JSON.stringify(input.payload)],
  );
  return row;
}

/** What was sent to the channel, newest first. */
export async function channelDeliveries(runner: SqlRunner, channelId: string, limit: number): Promise<ChannelDeliveryRow[]> {
  return rows<ChannelDeliveryRow>(
    runner,
    `SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries d WHERE d.channel_id = $1 ORDER BY d.created_at DESC, d.id LIMIT ${limit}`,
    [channelId],
  );
}

/** One pending delivery per channel for a breach transition; the (channel, idempotency key) unique key makes a repeat a no-op. Returns the ids inserted. */
export async function insertBreachDeliveries(
  runner: SqlRunner,
  input: { channelIds: string[]; breachId: string; transition: string; reminder: number; idempotencyKey: string; payload: unknown },
): Promise<string[]> {
  const inserted = await rows<ColumnsOf<AlertDeliveryEntity, 'id'>>(
    runner,
    `INSERT INTO alert_deliveries (channel_id, breach_id, transition, reminder, idempotency_key, payload)
     SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6::jsonb
     ON CONFLICT (channel_id, idempotency_key) DO NOTHING RETURNING id`,
    [input.channelIds, input.breachId, input.transition, input.reminder, input.idempotencyKey, JSON.stringify(input.payload)],
  );
  return inserted.map((row) => row.id);
}

/** A delivery with its channel's kind and target, for the sender. */
export type DeliveryToSendRow<P = unknown> = ColumnsOf<AlertDeliveryEntity, 'id' | 'status' | 'channel_id'> &
  ColumnsOf<NotificationChannelEntity, 'kind' | 'target'> & {
    /** the entity's payload column, as the sender's payload type */
    payload: P;
  };

export async function findDeliveryToSend<P>(runner: SqlRunner, deliveryId: string): Promise<DeliveryToSendRow<P> | undefined> {
  const [delivery] = await rows<DeliveryToSendRow<P>>(
    runner,
    `SELECT d.id, d.status, d.payload, d.channel_id, c.kind, c.target FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE d.id = $1`,
    [deliveryId],
  );
  return delivery;
}

/** A failed attempt of a pending delivery; the final one marks it failed. */
export async function recordDeliveryFailure(runner: SqlRunner, deliveryId: string, error: string, final: boolean): Promise<void> {
  await runner.query(`UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1 AND status = 'pending'`, [
    deliveryId,
    error,
    final,
  ]);
}

export async function recordDeliverySuccess(runner: SqlRunner, deliveryId: string): Promise<void> {
  await runner.query(`UPDATE alert_deliveries SET attempts = attempts + 1, status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [deliveryId]);
}

/** Deliveries still pending since before an instant, oldest first (the sweeper re-enqueues them). */
export async function pendingDeliveriesBefore(runner: SqlRunner, before: Date, limit: number): Promise<string[]> {
  const pending = await rows<ColumnsOf<AlertDeliveryEntity, 'id'>>(
    runner,
    `SELECT id FROM alert_deliveries WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT ${limit}`,
    [before],
  );
  return pending.map((row) => row.id);
}
