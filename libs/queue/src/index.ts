export * from './ingest-batch.job';
export * from './queues';
