import {
  appendRollupDeltas,
  countEventsWithCodes,
  enqueueLegs,
  findBackgroundTask,
  finishBackgroundTask,
  lockBatch,
  markBatchProcessed,
  recordTaskProgress,
  recountUnmapped,
  remapEventChunk,
  type RemapBatchPayload,
  startBackgroundTask,
} from '@lanewatch/db';
import { feedContributions, rollupDeltas, UNCLASSIFIED_CODE } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import type { BatchOutcome } from './process-batch';

export type { RemapBatchPayload };

/** Events re-mapped per transaction: short transactions, progress every chunk, ingestion goes on. */
export const REMAP_CHUNK = 5_000;

interface RemapState extends Record<string, unknown> {
  /** Index into the payload's codes, and the last event id done of that code. */
  code: number;
  after: string;
}

/**
 * A code-map change re-maps the carrier's stored events of the changed codes in the background
 * (events.md §5), a chunk per transaction with its progress (a background task under the batch's id,
 * resumed where it stopped after a crash); each chunk queues the legs it touched for derivation and
 * moves the feed's unmapped counts. The batch stays pending until the last chunk, so the ingest
 * status says KPIs do not reflect the new map yet.
 */
export async function remapBatch(dataSource: DataSource, batchId: string): Promise<BatchOutcome> {
  const started = await dataSource.transaction(async (manager) => {
    const batch = await lockBatch(manager, batchId);
    if (!batch) return null;
    if (batch.status !== 'pending') return 'not_pending' as const;
    const payload = batch.payload as RemapBatchPayload;
    const existing = await findBackgroundTask(manager, batchId);
    const total = existing ? existing.total : await countEventsWithCodes(manager, payload.carrierId, payload.codes);
    await startBackgroundTask(manager, {
      id: batchId,
      kind: 'remap',
      label: `re-map ${payload.codes.length} code(s) of carrier ${payload.carrierId}`,
      total,
      state: { code: 0, after: '0' },
      now: new Date(),
    });
    return payload;
  });
  if (started === null) return { status: 'skipped', reason: 'missing' };
  if (started === 'not_pending') return { status: 'skipped', reason: 'not_pending' };
  const payload = started;
  try {
    for (;;) {
      const more = await dataSource.transaction(async (manager) => {
        // The batch row serialises two runs of the same re-map (a retried job and the sweeper's).
        const batch = await lockBatch(manager, batchId);
        if (!batch || batch.status !== 'pending') return false;
        const task = await findBackgroundTask(manager, batchId);
        const state = (task?.state ?? { code: 0, after: '0' }) as RemapState;
        if (state.code >= payload.codes.length) {
          await recountUnmapped(manager, payload.carrierId, payload.codes);
          await markBatchProcessed(manager, batchId, { stored: 0, duplicates: 0 });
          // With the batch: once the ingest status has no pending batch, no re-map task still says running.
          await finishBackgroundTask(manager, { id: batchId, status: 'completed', error: null, now: new Date() });
          return false;
        }
        const chunk = await remapEventChunk(manager, { carrierId: payload.carrierId, code: payload.codes[state.code], afterId: state.after, limit: REMAP_CHUNK });
        // An event that became mapped (or unmapped) moves between the feed's unmapped and latency cells.
        const feed = (unmapped: (event: (typeof chunk.changed)[number]) => boolean) =>
          chunk.changed
            .filter((event) => event.was_unmapped !== event.is_unmapped)
            .flatMap((event) =>
              feedContributions({
                carrierId: payload.carrierId,
                receivedAtMs: new Date(event.received_at).getTime(),
                occurredAtMs: new Date(event.occurred_at).getTime(),
                unmapped: unmapped(event),
                unclassified: payload.codes[state.code] === UNCLASSIFIED_CODE,
              }),
            );
        await appendRollupDeltas(manager, rollupDeltas({ removed: feed((event) => event.was_unmapped), added: feed((event) => event.is_unmapped) }), batchId, 'e');
        const legs = new Set<string>();
        for (const event of chunk.changed) {
          legs.add(event.leg_id);
          if (event.handover_leg_id !== null) legs.add(event.handover_leg_id);
        }
        await enqueueLegs(manager, [...legs].map((legId) => ({ legId, batchId, events: 0 })));
        const next: RemapState = chunk.lastId === null ? { code: state.code + 1, after: '0' } : { code: state.code, after: chunk.lastId };
        await recordTaskProgress(manager, { id: batchId, done: chunk.scanned, state: next, now: new Date() });
        return true;
      });
      if (!more) break;
    }
  } catch (error) {
    await finishBackgroundTask(dataSource, { id: batchId, status: 'failed', error: error instanceof Error ? error.message : String(error), now: new Date() }).catch(() => undefined);
    throw error;
  }
  return { status: 'processed', stored: 0, duplicates: 0, byCarrier: [] };
}
