import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { LOCK_KINDS } from './lock-wait.sampler';

export type BatchOutcome = 'processed' | 'skipped' | 'retrying' | 'failed';
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'silenced';
export type ChannelKind = 'webhook' | 'email';

/** A channel's kind as a label: the delivery processor sends anything not a webhook as an email. */
export function channelKindLabel(kind: string): ChannelKind {
  return kind === 'webhook' ? 'webhook' : 'email';
}

/**
 * One worker process's instruments. Every replica counts only its own work and serves its own
 * /metrics: Prometheus scrapes each and sums.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly batches = new Counter({
    name: 'lanewatch_worker_batches_total',
    help: 'Batch jobs finished by this worker: processed (stored now), skipped (already done or gone), retrying (an attempt failed), failed (its last attempt failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly batchDuration = new Histogram({
    name: 'lanewatch_worker_batch_duration_seconds',
    help: 'Time to store one batch (events, attributes, feed deltas, legs queued), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  // carrier: a registered carrier's code (a batch naming an unknown one is refused before counting).
  readonly eventsStored = new Counter({
    name: 'lanewatch_worker_events_stored_total',
    help: 'Events this worker stored, by carrier',
    labelNames: ['carrier'] as const,
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'lanewatch_worker_event_duplicates_total',
    help: 'Events of processed batches that were already stored (sent again), by carrier',
    labelNames: ['carrier'] as const,
    registers: [this.registry],
  });
  readonly legsDerived = new Counter({ name: 'lanewatch_worker_legs_derived_total', help: 'Legs whose journeys this worker derived again', registers: [this.registry] });
  readonly shipmentsDerived = new Counter({
    name: 'lanewatch_worker_shipments_derived_total',
    help: 'Shipments whose facts this worker recomputed (one shipment counts once per derivation that touched it)',
    registers: [this.registry],
  });
  readonly deltasFolded = new Counter({
    name: 'lanewatch_worker_rollup_deltas_folded_total',
    help: 'Rollup deltas this worker folded into KPI cells',
    registers: [this.registry],
  });
  readonly lockWait = new Histogram({
    name: 'lanewatch_worker_component_lock_seconds',
    help: "Time to try a link component's leg locks before deriving it (never a wait: a component another worker holds is left queued; the statements' round trips)",
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers: [this.registry],
  });
  readonly lockWaitSeconds = new Counter({
    name: 'lanewatch_worker_lock_wait_seconds_total',
    help: "Seconds this worker's PostgreSQL backends spent waiting on a lock another transaction held, by lock kind (pg_stat_activity wait_event: transactionid, tuple, relation, advisory), sampled every second",
    labelNames: ['lock'] as const,
    registers: [this.registry],
  });

  readonly alertDeliveries = new Counter({
    name: 'lanewatch_worker_alert_deliveries_total',
    help: 'Alert deliveries by channel kind (webhook, email) and outcome: delivered, retrying (an attempt failed), failed (its last attempt failed), silenced (a matching channel not sent to, a silence covering the alert)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Zero series for every bounded combination, so rate() and the dashboard see them before the first alert.
    for (const kind of ['webhook', 'email'] as const) for (const outcome of ['delivered', 'retrying', 'failed', 'silenced'] as const) this.alertDeliveries.inc({ kind, outcome }, 0);
    for (const lock of LOCK_KINDS) this.lockWaitSeconds.inc({ lock }, 0);
    collectDefaultMetrics({ register: this.registry, prefix: 'lanewatch_' });
  }
}
