/** GET /api/v1/ingest/status (events.md §2): the API's answer, the dashboard's and the tests' reading of it. */
export interface IngestStatus {
  pendingBatches: number;
  processedBatches: number;
  failedBatches: number;
  eventsStored: number;
  duplicates: number;
  unlinkedEvents: number;
  unmappedEvents: number;
}
