// One job per committed inbox row; the row (events, a code-map re-map or a relink) says what to do.
export const INGEST_BATCH_JOB = 'ingest-batch';

export interface IngestBatchJobPayload {
  batchId: string;
}
