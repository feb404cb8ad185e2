import { rows, SqlRunner } from './sql-runner';

export interface AlertDeliveryBacklogRow {
  kind: string;
  status: 'pending' | 'failed';
  deliveries: number;
}

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
