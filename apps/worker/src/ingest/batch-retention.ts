import { purgeProcessedBatches } from '@lanewatch/db';
import type { DataSource } from 'typeorm';

/** Batches deleted per statement: each chunk is its own short transaction. */
export const PURGE_CHUNK = 1_000;

const DAY_MS = 86_400_000;

/**
 * Deletes the batches processed more than `retentionDays` before `now`, oldest first, a chunk at a
 * time until none is left, their counts kept in ingest_batch_totals (purgeProcessedBatches). Their
 * events stay stored, raw payloads included; pending and failed batches stay. 0 days keeps every batch.
 * Returns how many went (fewer when `stopped` turns true: the next run goes on).
 */
export async function purgeExpiredBatches(dataSource: DataSource, retentionDays: number, now: Date, stopped: () => boolean = () => false): Promise<number> {
  if (retentionDays === 0) return 0;
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let purged = 0;
  // A first purge after an upgrade may have a large inbox to go through: a stopping worker stops between chunks.
  while (!stopped()) {
    const chunk = await purgeProcessedBatches(dataSource, before, PURGE_CHUNK);
    purged += chunk;
    if (chunk < PURGE_CHUNK) break;
  }
  return purged;
}
