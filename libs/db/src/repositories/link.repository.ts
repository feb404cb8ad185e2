import type { LinkConflict, LinkHandover, LinkLeg, LinkResolution, LinkRoot } from '@lanewatch/domain';
import { rows, SqlRunner } from './sql-runner';

export interface LinkComponent {
  legs: LinkLeg[];
  roots: LinkRoot[];
  handovers: LinkHandover[];
}

const MAX_DEPTH = 64;

/** The legs connected to the seeds through hand-overs, with their roots and hand-over edges. */
export async function loadLinkComponent(runner: SqlRunner, seedLegIds: string[]): Promise<LinkComponent> {
  const all = new Set(seedLegIds);
  const edges = new Map<string, LinkHandover>();
  let frontier = [...all];
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth += 1) {
    const found = await rows<{ from_leg: string; to_leg: string; occurred_at: Date }>(
      runner,
      `SELECT leg_id::text AS from_leg, handover_leg_id::text AS to_leg, min(occurred_at) AS occurred_at
         FROM events
        WHERE milestone = 'HANDED_OVER' AND handover_leg_id IS NOT NULL
          AND (leg_id = ANY($1::bigint[]) OR handover_leg_id = ANY($1::bigint[]))
        GROUP BY leg_id, handover_leg_id`,
      [frontier],
    );
    const next: string[] = [];
    for (const edge of found) {
      edges.set(`${edge.from_leg}>${edge.to_leg}`, {
        fromLegId: edge.from_leg,
        toLegId: edge.to_leg,
        occurredAtMs: new Date(edge.occurred_at).getTime(),
      });
      for (const legId of [edge.from_leg, edge.to_leg]) {
        if (!all.has(legId)) {
          all.add(legId);
          next.push(legId);
        }
      }
    }
    frontier = next;
  }
  const ids = [...all];
  const legs = await rows<{ id: string; carrier_code: string; tracking_number: string }>(
    runner,
    `SELECT l.id::text AS id, c.code AS carrier_code, l.tracking_number FROM legs l JOIN carriers c ON c.id = l.carrier_id
      WHERE l.id = ANY($1::bigint[])`,
    [ids],
  );
  const roots = await rows<{ id: string; root_leg_id: string }>(
    runner,
    `SELECT id, root_leg_id::text AS root_leg_id FROM shipments WHERE root_leg_id = ANY($1::bigint[])`,
    [ids],
  );
  return {
    legs: legs.map((leg) => ({ id: leg.id, carrier: leg.carrier_code, trackingNumber: leg.tracking_number })),
    roots: roots.map((root) => ({ shipmentId: root.id, legId: root.root_leg_id })),
    handovers: [...edges.values()],
  };
}

/** Writes a resolution back: leg membership, shipment merges, conflicts, effective attributes. */
export async function applyLinkResolution(runner: SqlRunner, resolution: LinkResolution): Promise<void> {
  const legs = resolution.legs;
  if (legs.length > 0) {
    await runner.query(
      `UPDATE legs l SET shipment_id = t.shipment_id, parent_leg_id = t.parent_leg_id, linked_at = t.linked_at
         FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::timestamptz[]) AS t(id, shipment_id, parent_leg_id, linked_at)
        WHERE l.id = t.id
          AND (l.shipment_id IS DISTINCT FROM t.shipment_id OR l.parent_leg_id IS DISTINCT FROM t.parent_leg_id
               OR l.linked_at IS DISTINCT FROM t.linked_at)`,
      [
        legs.map((leg) => leg.legId),
        legs.map((leg) => leg.shipmentId),
        legs.map((leg) => leg.parentLegId),
        legs.map((leg) => (leg.linkedAtMs === null ? null : new Date(leg.linkedAtMs).toISOString())),
      ],
    );
  }
  const shipments = resolution.shipments;
  if (shipments.length > 0) {
    await runner.query(
      `UPDATE shipments s SET merged_into_id = NULLIF(t.effective, s.id)
         FROM unnest($1::uuid[], $2::uuid[]) AS t(id, effective)
        WHERE s.id = t.id AND s.merged_into_id IS DISTINCT FROM NULLIF(t.effective, s.id)`,
      [shipments.map((s) => s.shipmentId), shipments.map((s) => s.effectiveShipmentId)],
    );
    await recomputeEffectiveAttributes(runner, [...new Set(shipments.map((s) => s.effectiveShipmentId))]);
  }
  await recordConflicts(runner, legs.map((leg) => leg.legId), resolution.conflicts);
}

async function recordConflicts(runner: SqlRunner, componentLegIds: string[], conflicts: LinkConflict[]): Promise<void> {
  const conflictLegIds = conflicts.map((conflict) => conflict.legId);
  await runner.query(
    `DELETE FROM data_quality_issues WHERE kind = 'leg_claimed_twice' AND leg_id = ANY($1::bigint[]) AND NOT (leg_id = ANY($2::bigint[]))`,
    [componentLegIds, conflictLegIds],
  );
  if (conflicts.length === 0) return;
  await runner.query(
    `INSERT INTO data_quality_issues (kind, carrier_id, leg_id, shipment_id, details)
     SELECT 'leg_claimed_twice', l.carrier_id, l.id, t.shipment_id, t.details::jsonb
       FROM unnest($1::bigint[], $2::uuid[], $3::text[]) AS t(leg_id, shipment_id, details)
       JOIN legs l ON l.id = t.leg_id
     ON CONFLICT (kind, leg_id) DO UPDATE SET shipment_id = excluded.shipment_id, details = excluded.details`,
    [
      conflicts.map((c) => c.legId),
      conflicts.map((c) => c.winner.shipmentId),
      conflicts.map((c) =>
        JSON.stringify({
          winner: { ...c.winner, occurredAt: new Date(c.winner.occurredAtMs).toISOString() },
          losers: c.losers.map((loser) => ({ ...loser, occurredAt: new Date(loser.occurredAtMs).toISOString() })),
        }),
      ),
    ],
  );
}

/** A shipment's attributes: the latest received value per field over itself and the shipments merged into it. */
export async function recomputeEffectiveAttributes(runner: SqlRunner, shipmentIds: string[]): Promise<void> {
  if (shipmentIds.length === 0) return;
  await runner.query(
    `WITH members AS (
       SELECT s.id AS member, COALESCE(s.merged_into_id, s.id) AS target FROM shipments s
        WHERE s.id = ANY($1::uuid[]) OR s.merged_into_id = ANY($1::uuid[])
     ),
     latest AS (
       SELECT DISTINCT ON (m.target, h.field) m.target, h.field, h.value
         FROM shipment_attribute_history h JOIN members m ON m.member = h.shipment_id
        ORDER BY m.target, h.field, h.received_at DESC, h.id DESC
     ),
     pivot AS (
       SELECT t.id,
              max(value) FILTER (WHERE field = 'origin') AS origin,
              max(value) FILTER (WHERE field = 'destination') AS destination,
              max(value) FILTER (WHERE field = 'serviceLevel') AS service_level,
              max(value) FILTER (WHERE field = 'promisedBy') AS promised_by,
              max(value) FILTER (WHERE field = 'orderRef') AS order_ref,
              max(value) FILTER (WHERE field = 'carrierEstimate') AS carrier_estimate
         FROM unnest($1::uuid[]) AS t(id) LEFT JOIN latest l ON l.target = t.id
        GROUP BY t.id
     )
     UPDATE shipments s
        SET origin = p.origin, destination = p.destination, service_level = p.service_level,
            promised_by = p.promised_by::timestamptz, order_ref = p.order_ref,
            carrier_estimate = p.carrier_estimate::timestamptz, updated_at = now()
       FROM pivot p
      WHERE s.id = p.id
        AND (s.origin, s.destination, s.service_level, s.promised_by, s.order_ref, s.carrier_estimate)
            IS DISTINCT FROM (p.origin, p.destination, p.service_level, p.promised_by::timestamptz, p.order_ref, p.carrier_estimate::timestamptz)`,
    [shipmentIds],
  );
}
