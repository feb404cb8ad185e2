import { rows, SqlRunner } from './sql-runner';

export const SHIPMENT_FIELDS = ['origin', 'destination', 'serviceLevel', 'promisedBy', 'orderRef', 'carrierEstimate'] as const;
export type ShipmentField = (typeof SHIPMENT_FIELDS)[number];

export interface ShipmentBlockInput {
  legId: string;
  values: Partial<Record<ShipmentField, string | null>>;
  /** The event time that carried the values (a registration's: its time of receipt), ISO 8601. */
  observedAt: string;
  /** The carrier that sent them; 0 for the admin token's registrations. */
  carrierId: number;
}

/**
 * Applies shipment attribute blocks: a leg in no shipment gets a shipment of its own (it becomes
 * that shipment's first leg); each sender's value is kept once in the history with the latest event
 * time it was claimed at, so a repeat or a replay of an older claim changes nothing. Returns
 * the shipment id per leg. Effective values (latest event time wins) are recomputed by the caller
 * (relinking does it for every shipment it touches).
 */
export async function applyShipmentBlocks(
  runner: SqlRunner,
  input: { blocks: ShipmentBlockInput[]; receivedAt: Date; source: string },
): Promise<Map<string, string>> {
  const legIds = [...new Set(input.blocks.map((block) => block.legId))].sort();
  const targets = new Map<string, string>();
  if (legIds.length === 0) return targets;
  await runner.query(
    `INSERT INTO shipments (id, root_leg_id)
     SELECT gen_random_uuid(), l.id FROM legs l
      WHERE l.id = ANY($1::bigint[]) AND l.shipment_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.root_leg_id = l.id)
      ORDER BY l.id
     ON CONFLICT (root_leg_id) DO NOTHING`,
    [legIds],
  );
  const resolved = await rows<{ leg_id: string; shipment_id: string }>(
    runner,
    `SELECT l.id::text AS leg_id,
            COALESCE(l.shipment_id, (SELECT COALESCE(s.merged_into_id, s.id) FROM shipments s WHERE s.root_leg_id = l.id)) AS shipment_id
       FROM legs l WHERE l.id = ANY($1::bigint[])`,
    [legIds],
  );
  for (const row of resolved) if (row.shipment_id) targets.set(row.leg_id, row.shipment_id);

  // One claim per shipment, field, sender and value: only its latest event time can matter.
  const claims = new Map<string, { shipmentId: string; field: ShipmentField; value: string; observedMs: number; carrierId: number }>();
  for (const block of input.blocks) {
    const shipmentId = targets.get(block.legId);
    if (!shipmentId) continue;
    const observedMs = new Date(block.observedAt).getTime();
    for (const field of SHIPMENT_FIELDS) {
      const value = block.values[field];
      if (value === undefined || value === null) continue;
      const key = `${shipmentId}\u001f${field}\u001f${block.carrierId}\u001f${value}`;
      const known = claims.get(key);
      if (!known || observedMs > known.observedMs) claims.set(key, { shipmentId, field, value, carrierId: block.carrierId, observedMs });
    }
  }
  // Sorted by key so concurrent batches lock shared claim rows in one order.
  const changes = [...claims.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, claim]) => claim);
  if (changes.length > 0) {
    // A claim moves forward only to a later event time; an equal or older one changes nothing.
    await runner.query(
      `INSERT INTO shipment_attribute_history AS h (shipment_id, field, value, observed_at, received_at, carrier_id, source)
       SELECT t.shipment_id, t.field, t.value, t.observed_at, $6, t.carrier_id, $7
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[]) AS t(shipment_id, field, value, observed_at, carrier_id)
       ON CONFLICT (shipment_id, field, carrier_id, value) DO UPDATE
         SET observed_at = excluded.observed_at, received_at = excluded.received_at, source = excluded.source
         WHERE excluded.observed_at > h.observed_at`,
      [
        changes.map((c) => c.shipmentId),
        changes.map((c) => c.field),
        changes.map((c) => c.value),
        changes.map((c) => new Date(c.observedMs).toISOString()),
        changes.map((c) => c.carrierId),
        input.receivedAt,
        input.source,
      ],
    );
  }
  return targets;
}

export interface ShipmentRow {
  id: string;
  root_leg_id: string;
  merged_into_id: string | null;
  origin: string | null;
  destination: string | null;
  service_level: string | null;
  promised_by: Date | null;
  order_ref: string | null;
  carrier_estimate: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function findShipment(runner: SqlRunner, shipmentId: string): Promise<ShipmentRow | null> {
  const found = await rows<ShipmentRow>(
    runner,
    `SELECT id, root_leg_id::text AS root_leg_id, merged_into_id, origin, destination, service_level, promised_by,
            order_ref, carrier_estimate, created_at, updated_at
       FROM shipments WHERE id = $1`,
    [shipmentId],
  );
  return found[0] ?? null;
}

export interface AttributeChangeRow {
  field: string;
  value: string;
  observed_at: Date;
  received_at: Date;
  carrier_id: number;
  source: string;
}

export async function attributeHistory(runner: SqlRunner, shipmentId: string): Promise<AttributeChangeRow[]> {
  return rows<AttributeChangeRow>(
    runner,
    `SELECT h.field, h.value, h.observed_at, h.received_at, h.carrier_id, h.source FROM shipment_attribute_history h
       JOIN shipments s ON s.id = h.shipment_id
      WHERE s.id = $1 OR s.merged_into_id = $1
      ORDER BY h.observed_at, h.received_at, h.id`,
    [shipmentId],
  );
}

export interface DataQualityIssueRow {
  kind: string;
  leg_id: string;
  details: unknown;
  related_leg_ids: string[];
  detected_at: Date;
}

/** Issues on the given legs, or naming one of them (a conflict shows on every shipment it involves). */
export async function dataQualityIssuesOfLegs(runner: SqlRunner, legIds: string[]): Promise<DataQualityIssueRow[]> {
  return rows<DataQualityIssueRow>(
    runner,
    `SELECT kind, leg_id::text AS leg_id, details, related_leg_ids::text[] AS related_leg_ids, detected_at FROM data_quality_issues
      WHERE leg_id = ANY($1::bigint[]) OR related_leg_ids && $1::bigint[] ORDER BY id`,
    [legIds],
  );
}

/** A carrier's issues: on its legs, or naming one of them (its hand-over lost or was ignored); newest first. */
export async function dataQualityIssuesOfCarrier(runner: SqlRunner, carrierId: number, limit: number): Promise<DataQualityIssueRow[]> {
  return rows<DataQualityIssueRow>(
    runner,
    `SELECT d.kind, d.leg_id::text AS leg_id, d.details, d.related_leg_ids::text[] AS related_leg_ids, d.detected_at
       FROM data_quality_issues d
      WHERE d.carrier_id = $1
         OR EXISTS (SELECT 1 FROM legs l WHERE l.id = ANY(d.related_leg_ids) AND l.carrier_id = $1)
      ORDER BY d.id DESC LIMIT $2`,
    [carrierId, limit],
  );
}
