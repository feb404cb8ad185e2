import { deleteLinkPin, upsertLinkPin } from '@lanewatch/db';
import type { DataSource } from 'typeorm';
import { deriveLegs } from './derive';

/**
 * An administrator pins a leg's link (events.md §9): from then on it follows the hand-over from
 * `parentLegId` only (null: none), and contradicting claims are listed and ignored. The journeys
 * of the leg, its new and its old parent are derived again at once.
 */
export async function pinLink(
  dataSource: DataSource,
  input: { legId: string; parentLegId: string | null; pinnedAt: Date; pinnedBy: string; note: string | null },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const previousParent = await upsertLinkPin(manager, input);
    const seeds = [input.legId, input.parentLegId, previousParent].filter((id): id is string => typeof id === 'string');
    await deriveLegs(manager, { legIds: seeds });
  });
}

/** Removes a pin: the leg follows the earliest hand-over again. Returns whether there was one. */
export async function unpinLink(dataSource: DataSource, legId: string): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const removed = await deleteLinkPin(manager, legId);
    if (!removed) return false;
    const seeds = [legId, removed.parent_leg_id].filter((id): id is string => typeof id === 'string');
    await deriveLegs(manager, { legIds: seeds });
    return true;
  });
}
