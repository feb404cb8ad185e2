import type { DataQualityIssueEntity } from '../entities/data-quality-issue.entity';
import type { LegEntity } from '../entities/leg.entity';
import type { ShipmentAttributeChangeEntity } from '../entities/shipment-attribute-change.entity';
import type { ShipmentEntity } from '../entities/shipment.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export const SHIPMENT_FIELDS = ['origin', 'destination', 'serviceLevel', 'promisedBy', 'orderRef', 'carrierEstimate'] as const;
export type ShipmentField = (typeof SHIPMENT_FIELDS)[number];

export interface AttributeClaimInput {
  legId: string;
  values: Partial<Record<ShipmentField, string | null>>;
  /** The event time that carried the values (a registration's: its time of receipt), ISO 8601. */
  observedAt: string;
  /** The carrier that sent them; 0 for the admin token's registrations. */
  carrierId: number;
}

/**
 * Keeps each sender's attribute values on the leg that carried them, once per value with the latest
 * event time it was claimed at: a repeat or a replay of an older claim changes nothing. Shipments and
 * their effective values are the derivation's (docs/architecture.md), not this statement's.
 */
export async function applyAttributeClaims(runner: SqlRunner, input: { claims: AttributeClaimInput[]; receivedAt: Date; source: string }): Promise<string[]> {
  // One claim per leg, field, sender and value: only its latest event time can matter.
  const claims = new Map<string, { legId: string; field: ShipmentField; value: string; observedMs: number; carrierId: number }>();
  for (const claim of input.claims) {
    const observedMs = new Date(claim.observedAt).getTime();
    for (const field of SHIPMENT_FIELDS) {
      const value = claim.values[field];
      if (value === undefined || value === null) continue;
      const key = `${claim.legId.padStart(20, '0')}\u001f${field}\u001f${claim.carrierId}\u001f${value}`;
      const known = claims.get(key);
      if (!known || observedMs > known.observedMs) claims.set(key, { legId: claim.legId, field, value, carrierId: claim.carrierId, observedMs });
    }
  }
  if (claims.size === 0) return [];
  // Sorted by key (legs in numeric order) so concurrent batches lock shared claim rows in one order.
  const changes = [...claims.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, claim]) => claim);
  // A claim moves forward only to a later event time; an equal or older one changes nothing. Returns
  // the legs whose claims changed: only their journeys need deriving again.
  const changed = await rows<ColumnsOf<ShipmentAttributeChangeEntity, 'leg_id'>>(
    runner,
    `INSERT INTO attribute_claims AS h (leg_id, field, value, observed_at, received_at, carrier_id, source)
     SELECT t.leg_id, t.field, t.value, t.observed_at, $6, t.carrier_id, $7
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::int[]) WITH ORDINALITY AS t(leg_id, field, value, observed_at, carrier_id, ordinal)
      ORDER BY t.ordinal
     ON CONFLICT (leg_id, field, carrier_id, value) DO UPDATE
       SET observed_at = excluded.observed_at, received_at = excluded.received_at, source = excluded.source
       WHERE excluded.observed_at > h.observed_at
     RETURNING h.leg_id::text AS leg_id`,
    [
      changes.map((c) => c.legId),
      changes.map((c) => c.field),
      changes.map((c) => c.value),
      changes.map((c) => new Date(c.observedMs).toISOString()),
      changes.map((c) => c.carrierId),
      input.receivedAt,
      input.source,
    ],
  );
  return [...new Set(changed.map((row) => row.leg_id))];
}

/** Of these legs, those with attribute claims that are not the first leg of a shipment yet. */
export async function unrootedClaimLegs(runner: SqlRunner, legIds: string[]): Promise<string[]> {
  if (legIds.length === 0) return [];
  const found = await rows<ColumnsOf<LegEntity, 'id'>>(
    runner,
    `SELECT l.id::text AS id FROM unnest($1::bigint[]) AS l(id)
      WHERE EXISTS (SELECT 1 FROM attribute_claims c WHERE c.leg_id = l.id)
        AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.root_leg_id = l.id)
      ORDER BY l.id`,
    [legIds],
  );
  return found.map((row) => row.id);
}

/** Each leg becomes the first leg of a shipment of its own (events.md §3); returns the shipments created. */
export async function createRootShipments(runner: SqlRunner, legIds: string[]): Promise<{ shipmentId: string; legId: string }[]> {
  if (legIds.length === 0) return [];
  const created = await rows<ColumnsOf<ShipmentEntity, 'id' | 'root_leg_id'>>(
    runner,
    `INSERT INTO shipments (id, root_leg_id)
     SELECT gen_random_uuid(), t.id FROM unnest($1::bigint[]) AS t(id) ORDER BY t.id
     ON CONFLICT (root_leg_id) DO NOTHING RETURNING id, root_leg_id::text AS root_leg_id`,
    [legIds],
  );
  return created.map((row) => ({ shipmentId: row.id, legId: row.root_leg_id }));
}

export type ShipmentRow = ColumnsOf<
  ShipmentEntity,
  'id' | 'root_leg_id' | 'merged_into_id' | 'origin' | 'destination' | 'service_level' | 'promised_by' | 'order_ref' | 'carrier_estimate' | 'created_at' | 'updated_at'
>;

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

export type AttributeChangeRow = ColumnsOf<
  ShipmentAttributeChangeEntity,
  'field' | 'value' | 'observed_at' | 'received_at' | 'carrier_id' | 'source'
>;

/** The claims on these legs (a shipment's: its legs'), in event-time order. */
export async function attributeHistory(runner: SqlRunner, legIds: string[]): Promise<AttributeChangeRow[]> {
  return rows<AttributeChangeRow>(
    runner,
    `SELECT h.field, h.value, h.observed_at, h.received_at, h.carrier_id, h.source FROM attribute_claims h
      WHERE h.leg_id = ANY($1::bigint[])
      ORDER BY h.observed_at, h.received_at, h.id`,
    [legIds],
  );
}

export type DataQualityIssueRow = ColumnsOf<DataQualityIssueEntity, 'kind' | 'leg_id' | 'details' | 'related_leg_ids' | 'detected_at'>;

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
