import type { IngestStatus, NormalizedEvent } from '@lanewatch/domain';
import { randomUUID } from 'node:crypto';
import type { BatchKind } from '../entities';
import type { IngestBatchEntity } from '../entities/ingest-batch.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type BatchRow = ColumnsOf<
  IngestBatchEntity,
  | 'id'
  | 'kind'
  | 'carrier_id'
  | 'source'
  | 'received_at'
  | 'payload'
  | 'event_count'
  | 'request_duplicates'
  | 'rejected_count'
  | 'stored_count'
  | 'duplicate_count'
  | 'attempts'
  | 'error'
  | 'processed_at'
> & {
  status: 'pending' | 'processed' | 'failed';
};

/**
 * One event of an events batch: as validated, with each carrier code resolved to its id once by the API.
 * The worker stores by the ids; the codes stay for what is shown (dead letters, per-carrier counts, errors).
 */
export type BatchEvent = NormalizedEvent & {
  carrierId: number;
  handover: (NonNullable<NormalizedEvent['handover']> & { carrierId: number }) | null;
};

/** A forecast from a carrier format (UPU DLV, estimated delivery dates): a shipment attribute, never an event. */
export interface BatchEstimate {
  carrierId: number;
  carrier: string;
  trackingNumber: string;
  carrierEstimate: string;
  observedAt?: string;
}

/** What an events batch carries (the API writes it, the worker's processBatch reads it). */
export interface EventsBatchPayload {
  events: BatchEvent[];
  estimates?: BatchEstimate[];
}

export async function insertBatch(
  runner: SqlRunner,
  batch: {
    id: string;
    kind: BatchKind;
    carrierId: number | null;
    source: string;
    receivedAt: Date;
    payload: EventsBatchPayload | RemapBatchPayload;
    eventCount: number;
    requestDuplicates: number;
    rejectedCount: number;
  },
): Promise<void> {
  await runner.query(
    `INSERT INTO ingest_batches (id, kind, status, carrier_id, source, received_at, payload, event_count, request_duplicates, rejected_count)
     VALUES ($1, $2, 'pending', $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [
      batch.id,
      batch.kind,
      batch.carrierId,
      batch.source,
      batch.receivedAt,
      JSON.stringify(batch.payload),
      batch.eventCount,
      batch.requestDuplicates,
      batch.rejectedCount,
    ],
  );
}

/** What a re-map batch carries: the carrier and the codes whose mapping changed (the worker's remapBatch reads it). */
export interface RemapBatchPayload {
  carrierId: number;
  codes: string[];
}

/**
 * The one way a re-map batch is created (a code-map edit, a format's default map loaded): inside the
 * transaction that changed the map, so stored events follow it. Returns the batch id to enqueue after commit.
 */
export async function insertRemapBatch(runner: SqlRunner, input: RemapBatchPayload & { receivedAt: Date }): Promise<string> {
  const id = randomUUID();
  const payload: RemapBatchPayload = { carrierId: input.carrierId, codes: input.codes };
  await insertBatch(runner, { id, kind: 'remap', carrierId: input.carrierId, source: 'code-map', receivedAt: input.receivedAt, payload, eventCount: 0, requestDuplicates: 0, rejectedCount: 0 });
  return id;
}

const BATCH_COLUMNS = `id, kind, status, carrier_id, source, received_at, payload, event_count, request_duplicates, rejected_count,
  stored_count, duplicate_count, attempts, error, processed_at`;

/** Locks the batch row for the processing transaction; null when it is gone. */
export async function lockBatch(runner: SqlRunner, batchId: string): Promise<BatchRow | null> {
  const found = await rows<BatchRow>(runner, `SELECT ${BATCH_COLUMNS} FROM ingest_batches WHERE id = $1 FOR UPDATE`, [batchId]);
  return found[0] ?? null;
}

export async function findBatch(runner: SqlRunner, batchId: string): Promise<Omit<BatchRow, 'payload'> | null> {
  const found = await rows<BatchRow>(
    runner,
    `SELECT ${BATCH_COLUMNS.replace('payload, ', '')} FROM ingest_batches WHERE id = $1`,
    [batchId],
  );
  return found[0] ?? null;
}

export async function markBatchProcessed(runner: SqlRunner, batchId: string, counts: { stored: number; duplicates: number }): Promise<void> {
  await runner.query(
    `UPDATE ingest_batches SET status = 'processed', stored_count = $2, duplicate_count = $3, processed_at = now(), error = NULL
      WHERE id = $1`,
    [batchId, counts.stored, counts.duplicates],
  );
}

export async function recordBatchAttempt(runner: SqlRunner, batchId: string, error: string, final: boolean): Promise<void> {
  await runner.query(
    `UPDATE ingest_batches SET attempts = attempts + 1, error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
      WHERE id = $1 AND status = 'pending'`,
    [batchId, error.slice(0, 2000), final],
  );
}

/**
 * The retention purge: deletes up to `limit` batches processed before `before`, oldest first, and adds
 * what they counted to ingest_batch_totals in the same statement (so a status read, one statement too,
 * sees a batch in exactly one of the two). Pending and failed batches stay, and so does a processed one
 * whose legs are still queued or whose deltas are not folded yet. Returns how many went.
 */
export async function purgeProcessedBatches(runner: SqlRunner, before: Date, limit: number): Promise<number> {
  const [purged] = await rows<{ n: number }>(
    runner,
    `WITH gone AS (
       DELETE FROM ingest_batches WHERE id IN (
         SELECT b.id FROM ingest_batches b
          WHERE b.status = 'processed' AND b.processed_at < $1
            -- Kept while its legs wait to be derived or its deltas to be folded: the status counts it
            -- pending through the first, the compaction lag is timed from its receipt through the second.
            AND NOT EXISTS (SELECT 1 FROM link_queue q WHERE q.batch_id = b.id)
            AND NOT EXISTS (SELECT 1 FROM kpi_rollup_deltas d WHERE d.batch_id = b.id)
          ORDER BY b.processed_at LIMIT $2 FOR UPDATE OF b SKIP LOCKED)
       RETURNING COALESCE(carrier_id, 0) AS carrier_id, source, kind, stored_count, duplicate_count, request_duplicates
     ),
     sums AS (
       SELECT carrier_id, source, count(*) AS processed,
              COALESCE(sum(stored_count) FILTER (WHERE kind = 'events'), 0) AS events_stored,
              COALESCE(sum(duplicate_count) FILTER (WHERE kind = 'events'), 0) + COALESCE(sum(request_duplicates), 0) AS duplicates
         FROM gone GROUP BY carrier_id, source
     ),
     -- Runs though nothing reads it (a data-modifying WITH always does).
     added AS (
       INSERT INTO ingest_batch_totals AS t (carrier_id, source, processed, events_stored, duplicates)
       SELECT carrier_id, source, processed, events_stored, duplicates FROM sums ORDER BY carrier_id, source
       ON CONFLICT (carrier_id, source) DO UPDATE
         SET processed = t.processed + EXCLUDED.processed, events_stored = t.events_stored + EXCLUDED.events_stored, duplicates = t.duplicates + EXCLUDED.duplicates
     )
     SELECT count(*)::int AS n FROM gone`,
    [before, limit],
  );
  return purged.n;
}

/** Puts a failed batch back in the pending state (an operator's retry after a fix). */
export async function requeueFailedBatch(runner: SqlRunner, batchId: string): Promise<boolean> {
  const updated = await rows<ColumnsOf<IngestBatchEntity, 'id'>>(
    runner,
    `UPDATE ingest_batches SET status = 'pending', attempts = 0 WHERE id = $1 AND status = 'failed' RETURNING id`,
    [batchId],
  );
  return updated.length > 0;
}

export async function pendingBatchIds(runner: SqlRunner, receivedBefore: Date, limit: number): Promise<string[]> {
  const found = await rows<ColumnsOf<IngestBatchEntity, 'id'>>(
    runner,
    `SELECT id FROM ingest_batches WHERE status = 'pending' AND received_at <= $1 ORDER BY received_at LIMIT $2`,
    [receivedBefore, limit],
  );
  return found.map((row) => row.id);
}

/** How many batches are pending, counted up to `cap` off the partial index (a backlog probe, not a total). */
export async function pendingBatchBacklog(runner: SqlRunner, cap: number): Promise<number> {
  const [found] = await rows<{ n: number }>(runner, `SELECT count(*)::int AS n FROM (SELECT 1 FROM ingest_batches WHERE status = 'pending' LIMIT $1) AS backlog`, [cap]);
  return found?.n ?? 0;
}

/** When the oldest batch still pending was received (null: none): the pipeline's freshness, off the partial index. */
export async function oldestPendingBatchReceivedAt(runner: SqlRunner): Promise<Date | null> {
  const [found] = await rows<{ received_at: TableRow<IngestBatchEntity>['received_at'] | null }>(runner, `SELECT min(received_at) AS received_at FROM ingest_batches WHERE status = 'pending'`);
  return found?.received_at ?? null;
}

/** events.md §2 status, from counters kept by the worker (never a scan of events). */
export async function ingestStatus(runner: SqlRunner, carrierId: number | null = null): Promise<IngestStatus> {
  // A batch is pending until its events are stored and its legs derived (docs/architecture.md): reads
  // add unfolded rollup deltas in, so compaction is not. Derivation queued by no batch (a rebuild)
  // counts as one more.
  // The inbox first, then the derivation queue: a batch is marked processed in the transaction that
  // queues its legs, so one that is not pending any more when the inbox is read has its legs queued
  // (or derived already) when the queue is read. The other order missed a batch committed in between.
  const [batches] = await rows<Record<string, string>>(
    runner,
    // Every inbox kind counts as a batch: a pending re-map also means KPIs do not reflect everything yet.
    // Batches past their retention are counted in ingest_batch_totals (purgeProcessedBatches); one
    // statement, one snapshot, so a batch purged meanwhile is counted once.
    `WITH kept AS (
       SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'processed') AS processed,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              COALESCE(sum(stored_count) FILTER (WHERE kind = 'events'), 0) AS stored,
              COALESCE(sum(duplicate_count) FILTER (WHERE kind = 'events'), 0) + COALESCE(sum(request_duplicates), 0) AS duplicates
         FROM ingest_batches WHERE ($1::int IS NULL OR carrier_id = $1)
     ),
     purged AS (
       SELECT COALESCE(sum(processed), 0) AS processed, COALESCE(sum(events_stored), 0) AS stored, COALESCE(sum(duplicates), 0) AS duplicates
         FROM ingest_batch_totals WHERE ($1::int IS NULL OR carrier_id = $1)
     )
     SELECT kept.pending, kept.failed, kept.processed + purged.processed AS processed,
            kept.stored + purged.stored AS stored, kept.duplicates + purged.duplicates AS duplicates
       FROM kept, purged`,
    [carrierId],
  );
  const [derived] = await rows<{ batches: string; anonymous: boolean; legs: string }>(
    runner,
    `WITH waiting AS (SELECT batch_id, count(*) AS legs FROM link_queue GROUP BY batch_id)
     SELECT count(*) FILTER (WHERE w.batch_id IS NOT NULL AND b.status IS DISTINCT FROM 'pending') AS batches,
            COALESCE(bool_or(w.batch_id IS NULL), false) AS anonymous, COALESCE(sum(w.legs), 0) AS legs
       FROM waiting w LEFT JOIN ingest_batches b ON b.id = w.batch_id
      WHERE $1::int IS NULL OR b.carrier_id = $1`,
    [carrierId],
  );
  const [folding] = await rows<{ n: string }>(runner, `SELECT count(*) AS n FROM kpi_rollup_deltas WHERE $1::int IS NULL OR carrier_id = $1`, [carrierId]);
  const [unlinked] = await rows<{ n: string }>(
    runner,
    `SELECT COALESCE(sum(event_count), 0) AS n FROM legs WHERE shipment_id IS NULL AND ($1::int IS NULL OR carrier_id = $1)`,
    [carrierId],
  );
  const [unmapped] = await rows<{ n: string }>(
    runner,
    `SELECT COALESCE(sum(event_count), 0) AS n FROM unmapped_codes WHERE ($1::int IS NULL OR carrier_id = $1)`,
    [carrierId],
  );
  const [dead] = await rows<{ n: string }>(runner, `SELECT count(*) AS n FROM dead_letters WHERE ($1::int IS NULL OR carrier_id = $1)`, [carrierId]);
  return {
    pendingBatches: Number(batches.pending) + Number(derived.batches) + (derived.anonymous ? 1 : 0),
    processedBatches: Number(batches.processed),
    failedBatches: Number(batches.failed),
    eventsStored: Number(batches.stored),
    duplicates: Number(batches.duplicates),
    unlinkedEvents: Number(unlinked.n),
    unmappedEvents: Number(unmapped.n),
    deadLetters: Number(dead.n),
    derivationBacklog: Number(derived.legs),
    compactionBacklog: Number(folding.n),
  };
}
