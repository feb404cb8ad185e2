/** GET /api/v1/ingest/status (events.md §2): the API's answer, the dashboard's and the tests' reading of it. */
export interface IngestStatus {
  pendingBatches: number;
  processedBatches: number;
  failedBatches: number;
  eventsStored: number;
  duplicates: number;
  unlinkedEvents: number;
  unmappedEvents: number;
  /** Accepted events the database still refused, each set aside alone with its reason (events.md §8). */
  deadLetters: number;
  /** Queue rows of legs waiting to be derived (their batches count as pending). */
  derivationBacklog: number;
  /** Rollup deltas not folded into cells yet: reads add them in, so this is a cost, not a lag. */
  compactionBacklog: number;
}
