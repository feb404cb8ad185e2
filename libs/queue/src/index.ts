export * from './alert-delivery.job';
export * from './ingest-batch.job';
export * from './queues';
export * from './redis-connection';
export * from './sla-evaluation.job';
export * from './jobs';
