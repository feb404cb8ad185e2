import type { NotificationChannelEntity } from '../entities/notification-channel.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

/** A notification channel as the API shows it. */
export type NotificationChannelRow = ColumnsOf<
  NotificationChannelEntity,
  | 'id'
  | 'name'
  | 'target'
  | 'severities'
  | 'carriers'
  | 'corridors'
  | 'enabled'
  | 'healthy'
  | 'consecutive_failures'
  | 'last_error'
  | 'last_success_at'
  | 'created_at'
> & {
  kind: 'webhook' | 'email';
};

const COLUMNS = 'id, name, kind, target, severities, carriers, corridors, enabled, healthy, consecutive_failures, last_error, last_success_at, created_at';

export interface NotificationChannelInput {
  name: string;
  kind: 'webhook' | 'email';
  target: string;
  severities: string[];
  carriers: string[];
  corridors: string[];
  enabled: boolean;
}

export async function insertNotificationChannel(runner: SqlRunner, channel: NotificationChannelInput): Promise<NotificationChannelRow> {
  const [row] = await rows<NotificationChannelRow>(
    runner,
    `INSERT INTO notification_channels (name, kind, target, severities, carriers, corridors, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [channel.name, channel.kind, channel.target, channel.severities, channel.carriers, channel.corridors, channel.enabled],
  );
  return row;
}

export async function listNotificationChannels(runner: SqlRunner): Promise<NotificationChannelRow[]> {
  return rows<NotificationChannelRow>(runner, `SELECT ${COLUMNS} FROM notification_channels ORDER BY created_at, id`);
}

export async function findNotificationChannel(runner: SqlRunner, id: string): Promise<NotificationChannelRow | undefined> {
  const [row] = await rows<NotificationChannelRow>(runner, `SELECT ${COLUMNS} FROM notification_channels WHERE id = $1`, [id]);
  return row;
}

/** Replaces the channel's fields; a change makes it healthy again until it fails anew. */
export async function replaceNotificationChannel(runner: SqlRunner, id: string, channel: NotificationChannelInput): Promise<NotificationChannelRow> {
  const [row] = await rows<NotificationChannelRow>(
    runner,
    `UPDATE notification_channels SET name = $2, kind = $3, target = $4, severities = $5, carriers = $6, corridors = $7, enabled = $8,
         healthy = true, consecutive_failures = 0, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, channel.name, channel.kind, channel.target, channel.severities, channel.carriers, channel.corridors, channel.enabled],
  );
  return row;
}

/** True when a channel was deleted. */
export async function deleteNotificationChannel(runner: SqlRunner, id: string): Promise<boolean> {
  const result = await rows<ColumnsOf<NotificationChannelEntity, 'id'>>(runner, 'DELETE FROM notification_channels WHERE id = $1 RETURNING id', [id]);
  return result.length > 0;
}

/** What alert routing needs of the enabled channels. */
export type RoutableChannelRow = ColumnsOf<NotificationChannelEntity, 'id' | 'kind' | 'severities' | 'carriers' | 'corridors'>;

export async function enabledNotificationChannels(runner: SqlRunner): Promise<RoutableChannelRow[]> {
  return rows<RoutableChannelRow>(runner, 'SELECT id, kind, severities, carriers, corridors FROM notification_channels WHERE enabled');
}

/** A failed send counts against the channel, which turns unhealthy after unhealthyAfter failures in a row. */
export async function recordChannelFailure(runner: SqlRunner, channelId: string, error: string, unhealthyAfter: number): Promise<void> {
  await runner.query(
    `UPDATE notification_channels SET consecutive_failures = consecutive_failures + 1, last_error = $2,
             healthy = (consecutive_failures + 1) < $3 WHERE id = $1`,
    [channelId, error, unhealthyAfter],
  );
}

export async function recordChannelSuccess(runner: SqlRunner, channelId: string): Promise<void> {
  await runner.query(`UPDATE notification_channels SET consecutive_failures = 0, healthy = true, last_success_at = now() WHERE id = $1`, [channelId]);
}

/** Channels whose deliveries keep failing, by name (the health check shows them). */
export async function unhealthyNotificationChannels(runner: SqlRunner): Promise<{ id: string; name: string; last_error: string | null }[]> {
  return rows(runner, 'SELECT id, name, last_error FROM notification_channels WHERE NOT healthy ORDER BY name');
}
