import { addCodeMapEntries, carrierUsedSource, getCodeMap, insertRemapBatch, lockCarrierRow, lockCodeMap } from '@lanewatch/db';
import type { Milestone } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';

/**
 * Loads a format's built-in code map as a carrier's default the first time the carrier posts in that
 * format: codes the carrier has not mapped are added, its own entries win. Done once (a carrier's
 * later edits, removals included, are never undone): the first committed batch of the format marks it.
 * Returns the id of the re-map batch to enqueue when codes were added, so stored events follow.
 */
export async function loadDefaultCodeMap(
  dataSource: DataSource,
  input: { carrierId: number; source: string; codeMap: Readonly<Record<string, Milestone>>; now: Date },
): Promise<string | null> {
  return dataSource.transaction(async (manager) => {
    await lockCarrierRow(manager, input.carrierId);
    // As a code-map change: batches still mapping with the old map commit first.
    await lockCodeMap(manager, input.carrierId);
    if (await carrierUsedSource(manager, input.carrierId, input.source)) return null;
    const current = await getCodeMap(manager, input.carrierId);
    const missing = Object.entries(input.codeMap).filter(([code]) => !current.has(code));
    if (missing.length === 0) return null;
    await addCodeMapEntries(manager, input.carrierId, missing);
    return insertRemapBatch(manager, { carrierId: input.carrierId, codes: missing.map(([code]) => code).sort(), receivedAt: input.now });
  });
}
