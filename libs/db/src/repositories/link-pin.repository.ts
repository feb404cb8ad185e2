import type { LegLinkPinEntity } from '../entities/leg-link-pin.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type LinkPinRow = ColumnsOf<LegLinkPinEntity, 'leg_id' | 'parent_leg_id' | 'pinned_at' | 'pinned_by' | 'note'>;

export async function findLinkPin(runner: SqlRunner, legId: string): Promise<LinkPinRow | null> {
  const found = await rows<LinkPinRow>(
    runner,
    `SELECT leg_id::text AS leg_id, parent_leg_id::text AS parent_leg_id, pinned_at, pinned_by, note FROM leg_link_pins WHERE leg_id = $1`,
    [legId],
  );
  return found[0] ?? null;
}

/** Sets a leg's pin; returns the parent it replaced (undefined when there was none), whose component must be relinked too. */
export async function upsertLinkPin(
  runner: SqlRunner,
  pin: { legId: string; parentLegId: string | null; pinnedAt: Date; pinnedBy: string; note: string | null },
): Promise<string | null | undefined> {
  const before = await findLinkPin(runner, pin.legId);
  await runner.query(
    `INSERT INTO leg_link_pins (leg_id, parent_leg_id, pinned_at, pinned_by, note) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (leg_id) DO UPDATE SET parent_leg_id = excluded.parent_leg_id, pinned_at = excluded.pinned_at,
       pinned_by = excluded.pinned_by, note = excluded.note`,
    [pin.legId, pin.parentLegId, pin.pinnedAt, pin.pinnedBy, pin.note],
  );
  return before ? before.parent_leg_id : undefined;
}

/** Removes a leg's pin; returns the removed pin, if there was one. */
export async function deleteLinkPin(runner: SqlRunner, legId: string): Promise<LinkPinRow | null> {
  const before = await findLinkPin(runner, legId);
  if (before) await runner.query(`DELETE FROM leg_link_pins WHERE leg_id = $1`, [legId]);
  return before;
}
