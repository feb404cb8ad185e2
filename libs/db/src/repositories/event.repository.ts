import type { DataSource } from 'typeorm';
import type { EventEntity } from '../entities/event.entity';
import type { ColumnsOf } from '../table-row';
import { execute, LOCK_KEYS, rows, SqlRunner } from './sql-runner';

/** An event to insert: the entity's properties but those the insert fills in (id, batch, received_at). */
export type EventInsertRow = Omit<EventEntity, 'id' | 'batchId' | 'receivedAt' | 'occurredAt' | 'identity' | 'milestoneSource'> & {
  milestoneSource: 'explicit' | 'code_map' | null;
  occurredAt: string;
  identity: string;
};

export type InsertedEvent = ColumnsOf<EventEntity, 'carrier_id' | 'leg_id' | 'milestone' | 'raw_code' | 'handover_leg_id' | 'occurred_at'>;

const knownPartitions = new Set<string>();

/** 'YYYY-MM' months that need a partition before these instants can be inserted. */
export function monthsOf(instants: string[]): string[] {
  return [...new Set(instants.map((instant) => instant.slice(0, 7)))].sort();
}

/**
 * Creates missing monthly partitions in short transactions of their own, before the batch's
 * transaction: creating a partition locks the parent, which must not wait behind inserts.
 */
export async function ensureEventPartitions(dataSource: DataSource, months: string[]): Promise<void> {
  for (const month of months) {
    if (knownPartitions.has(month)) continue;
    const [year, monthNumber] = month.split('-').map(Number);
    const from = `${month}-01 00:00:00+00`;
    const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
    const name = `events_${year}_${String(monthNumber).padStart(2, '0')}`;
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEYS.partitions]);
      const existing = await rows<{ exists: boolean }>(manager, `SELECT to_regclass($1) IS NOT NULL AS exists`, [`event_partitions.${name}`]);
      if (!existing[0].exists) {
        await manager.query(
          `CREATE TABLE event_partitions.${name} PARTITION OF public.events FOR VALUES FROM ('${from}') TO ('${next}-01 00:00:00+00')`,
        );
      }
    });
    knownPartitions.add(month);
  }
}

/**
 * Inserts events exactly once: the identity row is claimed first (ON CONFLICT DO NOTHING), and
 * only events whose identity this statement claimed are inserted. Set-based: one statement,
 * a fixed number of array parameters whatever the batch size.
 */
export async function insertEvents(
  runner: SqlRunner,
  input: { batchId: string; receivedAt: Date; events: EventInsertRow[] },
): Promise<InsertedEvent[]> {
  if (input.events.length === 0) return [];
  // Sorted by identity so concurrent batches claim shared identities in the same order (no deadlock).
  const events = [...input.events].sort((a, b) => a.carrierId - b.carrierId || a.identity.localeCompare(b.identity));
  const column = <K extends keyof EventInsertRow>(key: K) => events.map((event) => event[key]);
  return rows<InsertedEvent>(
    runner,
    `WITH input AS (
       -- The identity as bytes once: sorted and matched bytewise, not as text under the database's collation.
       SELECT t.*, decode(t.identity_hex, 'hex') AS identity FROM unnest(
         $1::int[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::smallint[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::int[], $18::text[], $19::bigint[]
       ) WITH ORDINALITY AS t(carrier_id, leg_id, tracking_number, milestone, milestone_source, raw_code, occurred_at,
         offset_minutes, event_id, identity_hex, location_country, location_city, location_facility, message, reason,
         subtype, handover_carrier_id, handover_tracking_number, handover_leg_id, ordinal)
     ),
     unique_input AS (
       SELECT DISTINCT ON (carrier_id, identity) * FROM input ORDER BY carrier_id, identity, ordinal
     ),
     claimed AS (
       INSERT INTO event_identities (carrier_id, identity, occurred_at)
       SELECT carrier_id, identity, occurred_at FROM unique_input ORDER BY carrier_id, identity
       ON CONFLICT DO NOTHING
       RETURNING carrier_id, identity
     )
     INSERT INTO events (occurred_at, carrier_id, leg_id, tracking_number, milestone, milestone_source, raw_code,
       offset_minutes, received_at, batch_id, event_id, identity, location_country, location_city, location_facility,
       message, reason, subtype, handover_carrier_id, handover_tracking_number, handover_leg_id, raw)
     SELECT u.occurred_at, u.carrier_id, u.leg_id, u.tracking_number, u.milestone, u.milestone_source, u.raw_code,
       u.offset_minutes, $21::timestamptz, $22::uuid, u.event_id, c.identity, u.location_country, u.location_city, u.location_facility,
       u.message, u.reason, u.subtype, u.handover_carrier_id, u.handover_tracking_number, u.handover_leg_id, ($20::jsonb) -> (u.ordinal::int - 1)
     FROM unique_input u
     JOIN claimed c ON c.carrier_id = u.carrier_id AND c.identity = u.identity
     RETURNING carrier_id, leg_id, milestone, raw_code, handover_leg_id, occurred_at`,
    [
      column('carrierId'),
      column('legId'),
      column('trackingNumber'),
      column('milestone'),
      column('milestoneSource'),
      column('rawCode'),
      column('occurredAt'),
      column('offsetMinutes'),
      column('eventId'),
      column('identity'),
      column('locationCountry'),
      column('locationCity'),
      column('locationFacility'),
      column('message'),
      column('reason'),
      column('subtype'),
      column('handoverCarrierId'),
      column('handoverTrackingNumber'),
      column('handoverLegId'),
      // One JSON array, the events' raw payloads by position: a text array of JSON documents had every quote escaped.
      JSON.stringify(events.map((event) => event.raw ?? null)),
      input.receivedAt,
      input.batchId,
    ],
  );
}

/** Adds newly stored unmapped events to the per-code counts. */
export async function countUnmapped(runner: SqlRunner, inserted: InsertedEvent[], seenAt: Date): Promise<void> {
  const counts = new Map<string, { carrierId: number; code: string; count: number }>();
  for (const event of inserted) {
    if (event.milestone !== null || event.raw_code === null) continue;
    const key = `${event.carrier_id}\u001f${event.raw_code}`;
    const entry = counts.get(key) ?? { carrierId: event.carrier_id, code: event.raw_code, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  if (counts.size === 0) return;
  const entries = [...counts.values()].sort((a, b) => a.carrierId - b.carrierId || a.code.localeCompare(b.code));
  await execute(runner,
    `INSERT INTO unmapped_codes (carrier_id, raw_code, event_count, last_seen_at)
     SELECT carrier_id, raw_code, n, $4 FROM unnest($1::int[], $2::text[], $3::int[]) AS t(carrier_id, raw_code, n)
     ON CONFLICT (carrier_id, raw_code) DO UPDATE
       SET event_count = unmapped_codes.event_count + excluded.event_count, last_seen_at = excluded.last_seen_at`,
    [entries.map((e) => e.carrierId), entries.map((e) => e.code), entries.map((e) => e.count), seenAt],
  );
}

/** An event a re-map changed, and whether it was and is unmapped (milestone null before and after). */
export type RemappedEvent = ColumnsOf<EventEntity, 'leg_id' | 'handover_leg_id' | 'occurred_at' | 'received_at'> & {
  was_unmapped: boolean;
  is_unmapped: boolean;
};

/** How many of a carrier's stored events carry these raw codes (a re-map's total work). */
export async function countEventsWithCodes(runner: SqlRunner, carrierId: number, codes: string[]): Promise<number> {
  const [found] = await rows<{ n: string }>(runner, `SELECT count(*) AS n FROM events WHERE carrier_id = $1 AND raw_code = ANY($2::text[])`, [carrierId, codes]);
  return Number(found.n);
}

/**
 * Re-resolves the milestone of the next `limit` stored events of one raw code (by id, after
 * `afterId`) from the carrier's current code map; explicit milestones win and are left alone.
 * Returns the last id looked at (null when there is none), and the events that changed.
 */
export async function remapEventChunk(
  runner: SqlRunner,
  input: { carrierId: number; code: string; afterId: string; limit: number },
): Promise<{ lastId: string | null; scanned: number; changed: RemappedEvent[] }> {
  const chunk = await rows<ColumnsOf<EventEntity, 'id' | 'occurred_at'>>(
    runner,
    `SELECT id::text AS id, occurred_at FROM events WHERE carrier_id = $1 AND raw_code = $2 AND id > $3::bigint ORDER BY id LIMIT $4`,
    [input.carrierId, input.code, input.afterId, input.limit],
  );
  if (chunk.length === 0) return { lastId: null, scanned: 0, changed: [] };
  const changed = await rows<RemappedEvent>(
    runner,
    `WITH target AS (
       SELECT m.milestone FROM (SELECT 1) one LEFT JOIN code_map_entries m ON m.carrier_id = $1 AND m.raw_code = $2
     ),
     chunk AS (SELECT * FROM unnest($3::bigint[], $4::timestamptz[]) AS c(id, occurred_at))
     UPDATE events e
        SET milestone = target.milestone,
            milestone_source = CASE WHEN target.milestone IS NULL THEN NULL ELSE 'code_map' END
       FROM target, chunk, events before
      WHERE e.id = chunk.id AND e.occurred_at = chunk.occurred_at AND e.carrier_id = $1
        AND e.milestone_source IS DISTINCT FROM 'explicit'
        AND e.milestone IS DISTINCT FROM target.milestone
        -- the row as it was before this statement: whether the event was unmapped
        AND before.id = e.id AND before.occurred_at = e.occurred_at
      RETURNING e.leg_id::text AS leg_id, e.handover_leg_id::text AS handover_leg_id, e.occurred_at, e.received_at,
                before.milestone IS NULL AS was_unmapped, e.milestone IS NULL AS is_unmapped`,
    [input.carrierId, input.code, chunk.map((row) => row.id), chunk.map((row) => row.occurred_at)],
  );
  return { lastId: chunk[chunk.length - 1].id, scanned: chunk.length, changed };
}

/** The unmapped counts of these codes, counted again from the stored events (after a re-map). */
export async function recountUnmapped(runner: SqlRunner, carrierId: number, codes: string[]): Promise<void> {
  await execute(runner,
    `WITH fresh AS (
       SELECT raw_code, count(*)::int AS n, max(received_at) AS last_seen FROM events
        WHERE carrier_id = $1 AND milestone IS NULL AND raw_code = ANY($2::text[]) GROUP BY raw_code
     ),
     cleared AS (
       DELETE FROM unmapped_codes WHERE carrier_id = $1 AND raw_code = ANY($2::text[]) AND raw_code NOT IN (SELECT raw_code FROM fresh)
     )
     INSERT INTO unmapped_codes (carrier_id, raw_code, event_count, last_seen_at)
     SELECT $1, raw_code, n, last_seen FROM fresh
     ON CONFLICT (carrier_id, raw_code) DO UPDATE SET event_count = excluded.event_count, last_seen_at = excluded.last_seen_at`,
    [carrierId, codes],
  );
}

/** An event's columns, with carrier codes in place of the carrier ids. */
export type StoredEventRow = ColumnsOf<
  EventEntity,
  | 'id'
  | 'leg_id'
  | 'tracking_number'
  | 'milestone'
  | 'milestone_source'
  | 'raw_code'
  | 'occurred_at'
  | 'offset_minutes'
  | 'received_at'
  | 'event_id'
  | 'location_country'
  | 'location_city'
  | 'location_facility'
  | 'message'
  | 'reason'
  | 'subtype'
  | 'handover_tracking_number'
  | 'raw'
> & {
  carrier_code: string;
  handover_carrier_code: string | null;
};

export async function eventsOfLegs(runner: SqlRunner, legIds: string[]): Promise<StoredEventRow[]> {
  return rows<StoredEventRow>(
    runner,
    `SELECT e.id, e.leg_id, c.code AS carrier_code, e.tracking_number, e.milestone, e.milestone_source, e.raw_code,
            e.occurred_at, e.offset_minutes, e.received_at, e.event_id, e.location_country, e.location_city,
            e.location_facility, e.message, e.reason, e.subtype, hc.code AS handover_carrier_code,
            e.handover_tracking_number, e.raw
       FROM events e
       JOIN carriers c ON c.id = e.carrier_id
       LEFT JOIN carriers hc ON hc.id = e.handover_carrier_id
      WHERE e.leg_id = ANY($1::bigint[])
      ORDER BY e.occurred_at, e.id`,
    [legIds],
  );
}
