export * from './alert-delivery.job';
export * from './ingest-batch.job';
export * from './queues';
export * from './sla-evaluation.job';
