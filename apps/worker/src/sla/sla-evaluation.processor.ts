import { evaluateSlas } from '@lanewatch/sla';
import { alertDeliveryJob, AlertDeliveryQueue, SlaEvaluationJobPayload } from '@lanewatch/queue';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { channelKindLabel, type WorkerMetrics } from '../metrics/worker-metrics';

export function slaEvaluationProcessor(deps: {
  dataSource: DataSource;
  alertsQueue: AlertDeliveryQueue;
  logger: Logger;
  reminderMinutes: number;
  deliveryAttempts: number;
  backoffMs: number;
  metrics?: WorkerMetrics;
  now?: () => Date;
}) {
  return async (job: Job<SlaEvaluationJobPayload>): Promise<unknown> => {
    const asOf = job.data.asOf ? new Date(job.data.asOf) : (deps.now ?? (() => new Date()))();
    const result = await evaluateSlas(deps.dataSource, { asOf, reminderMinutes: deps.reminderMinutes });
    // Rows are committed: enqueue them. A lost enqueue is picked up by the delivery sweeper.
    await enqueueDeliveries(deps.alertsQueue, result.deliveryIds, deps.deliveryAttempts, deps.backoffMs);
    for (const kind of result.silencedKinds) deps.metrics?.alertDeliveries.inc({ kind: channelKindLabel(kind), outcome: 'silenced' });
    const breaches = result.policies.flatMap((policy) => policy.scopes).filter((scope) => scope.action !== 'none' && scope.action !== 'update');
    if (breaches.length > 0) deps.logger.info('sla evaluation changed breaches', { asOf: result.asOf, transitions: breaches.length });
    return { asOf: result.asOf, policies: result.policies.length, deliveries: result.deliveryIds.length };
  };
}

export async function enqueueDeliveries(queue: AlertDeliveryQueue, ids: readonly string[], attempts: number, backoffMs: number): Promise<void> {
  if (ids.length === 0) return;
  await queue.addBulk(ids.map((deliveryId) => alertDeliveryJob(deliveryId, attempts, backoffMs)));
}
