import { rows, SqlRunner } from './sql-runner';

export const SHIPMENT_FIELDS = ['origin', 'destination', 'serviceLevel', 'promisedBy', 'orderRef', 'carrierEstimate'] as const;
export type ShipmentField = (typeof SHIPMENT_FIELDS)[number];

export interface ShipmentBlockInput {
  legId: string;
  values: Partial<Record<ShipmentField, string | null>>;
}

const COLUMN_OF: Record<ShipmentField, string> = {
  origin: 'origin',
  destination: 'destination',
  serviceLevel: 'service_level',
  promisedBy: 'promised_by',
  orderRef: 'order_ref',
  carrierEstimate: 'carrier_estimate',
};

/**
 * Applies shipment attribute blocks: a leg in no shipment gets a shipment of its own (it becomes
 * that shipment's first leg); each received value that differs from the current one is kept in
 * the history. Returns the shipment id per leg. Effective values are recomputed by the caller
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

  // The last value in arrival order wins within one request.
  const latest = new Map<string, { shipmentId: string; field: ShipmentField; value: string }>();
  for (const block of input.blocks) {
    const shipmentId = targets.get(block.legId);
    if (!shipmentId) continue;
    for (const field of SHIPMENT_FIELDS) {
      const value = block.values[field];
      if (value !== undefined && value !== null) latest.set(`${shipmentId}\u001f${field}`, { shipmentId, field, value });
    }
  }
  const changes = [...latest.values()];
  if (changes.length > 0) {
    const comparisons = SHIPMENT_FIELDS.map((field) => {
      const column = `s.${COLUMN_OF[field]}`;
      const incoming = field === 'promisedBy' || field === 'carrierEstimate' ? 't.value::timestamptz' : 't.value';
      return `WHEN '${field}' THEN ${column} IS DISTINCT FROM ${incoming}`;
    }).join(' ');
    await runner.query(
      `INSERT INTO shipment_attribute_history (shipment_id, field, value, received_at, source)
       SELECT t.shipment_id, t.field, t.value, $4, $5
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(shipment_id, field, value, ordinal)
         JOIN shipments s ON s.id = t.shipment_id
        WHERE CASE t.field ${comparisons} ELSE false END
        ORDER BY t.ordinal`,
      [changes.map((c) => c.shipmentId), changes.map((c) => c.field), changes.map((c) => c.value), input.receivedAt, input.source],
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
  value: string | null;
  received_at: Date;
  source: string;
}

export async function attributeHistory(runner: SqlRunner, shipmentId: string): Promise<AttributeChangeRow[]> {
  return rows<AttributeChangeRow>(
    runner,
    `SELECT h.field, h.value, h.received_at, h.source FROM shipment_attribute_history h
       JOIN shipments s ON s.id = h.shipment_id
      WHERE s.id = $1 OR s.merged_into_id = $1
      ORDER BY h.received_at, h.id`,
    [shipmentId],
  );
}

export interface DataQualityIssueRow {
  kind: string;
  leg_id: string;
  details: unknown;
  detected_at: Date;
}

export async function dataQualityIssuesOfLegs(runner: SqlRunner, legIds: string[]): Promise<DataQualityIssueRow[]> {
  return rows<DataQualityIssueRow>(
    runner,
    `SELECT kind, leg_id::text AS leg_id, details, detected_at FROM data_quality_issues WHERE leg_id = ANY($1::bigint[]) ORDER BY id`,
    [legIds],
  );
}
