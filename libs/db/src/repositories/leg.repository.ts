import type { LegEntity } from '../entities/leg.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type LegKey = Pick<LegEntity, 'carrierId' | 'trackingNumber'>;

export const legKey = (carrierId: number, trackingNumber: string) => `${carrierId}\u001f${trackingNumber}`;

/** Creates missing legs and returns the id of every requested (carrier, tracking number). */
export async function upsertLegs(runner: SqlRunner, keys: LegKey[]): Promise<Map<string, string>> {
  const unique = new Map<string, LegKey>();
  for (const key of keys) unique.set(legKey(key.carrierId, key.trackingNumber), key);
  const sorted = [...unique.values()].sort((a, b) => a.carrierId - b.carrierId || a.trackingNumber.localeCompare(b.trackingNumber));
  const ids = new Map<string, string>();
  if (sorted.length === 0) return ids;
  const parameters = [sorted.map((k) => k.carrierId), sorted.map((k) => k.trackingNumber)];
  const found = await rows<ColumnsOf<LegEntity, 'id' | 'carrier_id' | 'tracking_number'>>(
    runner,
    // Legs that exist are read, not inserted again: an insert's unique check on an existing leg waits
    // for any transaction updating that row (a derivation counting its events or linking it).
    `WITH input AS (SELECT * FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS t(carrier_id, tracking_number, ordinal)),
     existing AS (SELECT l.id, l.carrier_id, l.tracking_number FROM legs l JOIN input i USING (carrier_id, tracking_number)),
     created AS (
       INSERT INTO legs (carrier_id, tracking_number)
       SELECT i.carrier_id, i.tracking_number FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.carrier_id = i.carrier_id AND e.tracking_number = i.tracking_number)
        ORDER BY i.ordinal
       ON CONFLICT (carrier_id, tracking_number) DO NOTHING RETURNING id, carrier_id, tracking_number
     )
     SELECT id, carrier_id, tracking_number FROM created
     UNION ALL
     SELECT id, carrier_id, tracking_number FROM existing`,
    parameters,
  );
  for (const row of found) ids.set(legKey(row.carrier_id, row.tracking_number), String(row.id));
  // A leg committed by a concurrent batch after this statement's snapshot: read it in a new one.
  const missing = sorted.filter((key) => !ids.has(legKey(key.carrierId, key.trackingNumber)));
  if (missing.length > 0) {
    const late = await rows<ColumnsOf<LegEntity, 'id' | 'carrier_id' | 'tracking_number'>>(
      runner,
      `SELECT l.id, l.carrier_id, l.tracking_number FROM legs l
         JOIN unnest($1::int[], $2::text[]) AS t(carrier_id, tracking_number) USING (carrier_id, tracking_number)`,
      [missing.map((k) => k.carrierId), missing.map((k) => k.trackingNumber)],
    );
    for (const row of late) ids.set(legKey(row.carrier_id, row.tracking_number), String(row.id));
  }
  return ids;
}

/** A leg's columns with its carrier's code. */
export type LegRow = ColumnsOf<LegEntity, 'id' | 'carrier_id' | 'tracking_number' | 'shipment_id' | 'parent_leg_id' | 'linked_at' | 'event_count'> & {
  carrier_code: string;
};

const LEG_COLUMNS = `l.id::text AS id, l.carrier_id, c.code AS carrier_code, l.tracking_number, l.shipment_id,
  l.parent_leg_id::text AS parent_leg_id, l.linked_at, l.event_count`;

export async function findLeg(runner: SqlRunner, carrierCode: string, trackingNumber: string): Promise<LegRow | null> {
  const found = await rows<LegRow>(
    runner,
    `SELECT ${LEG_COLUMNS} FROM legs l JOIN carriers c ON c.id = l.carrier_id WHERE c.code = $1 AND l.tracking_number = $2`,
    [carrierCode, trackingNumber],
  );
  return found[0] ?? null;
}

/**
 * Legs whose number matches whatever its case (numbers are stored as sent, so "ab12" and "AB12" can be two
 * legs), the exact spelling first. `carrierId` narrows to one carrier; the expression index serves the search.
 */
export async function findLegsByNumber(
  runner: SqlRunner,
  { trackingNumber, carrierCode = null, carrierId = null, limit = 50 }: { trackingNumber: string; carrierCode?: string | null; carrierId?: number | null; limit?: number },
): Promise<LegRow[]> {
  return rows<LegRow>(
    runner,
    `SELECT ${LEG_COLUMNS} FROM legs l JOIN carriers c ON c.id = l.carrier_id
      WHERE upper(l.tracking_number) = upper($1) AND ($2::text IS NULL OR c.code = $2) AND ($3::int IS NULL OR l.carrier_id = $3)
      ORDER BY (l.tracking_number = $1) DESC, c.code, l.tracking_number LIMIT $4`,
    [trackingNumber, carrierCode, carrierId, limit],
  );
}

export async function legsByIds(runner: SqlRunner, ids: string[]): Promise<LegRow[]> {
  return rows<LegRow>(runner, `SELECT ${LEG_COLUMNS} FROM legs l JOIN carriers c ON c.id = l.carrier_id WHERE l.id = ANY($1::bigint[])`, [ids]);
}

export async function legsOfShipment(runner: SqlRunner, shipmentId: string): Promise<LegRow[]> {
  return rows<LegRow>(
    runner,
    `SELECT ${LEG_COLUMNS} FROM legs l JOIN carriers c ON c.id = l.carrier_id WHERE l.shipment_id = $1
      ORDER BY l.linked_at NULLS FIRST, l.id`,
    [shipmentId],
  );
}


/** The shipment a leg belongs to (null when unlinked). */
export async function shipmentIdOfLeg(runner: SqlRunner, legId: string): Promise<string | null> {
  const [{ shipment_id: shipmentId }] = await rows<ColumnsOf<LegEntity, 'shipment_id'>>(runner, `SELECT shipment_id FROM legs WHERE id = $1`, [legId]);
  return shipmentId;
}
