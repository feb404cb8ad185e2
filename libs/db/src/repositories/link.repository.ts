import type { LinkConflict, LinkHandover, LinkLeg, LinkPin, LinkResolution, LinkRoot } from '@lanewatch/domain';
import type { CarrierEntity } from '../entities/carrier.entity';
import type { EventEntity } from '../entities/event.entity';
import type { LegLinkPinEntity } from '../entities/leg-link-pin.entity';
import type { LegEntity } from '../entities/leg.entity';
import type { ShipmentEntity } from '../entities/shipment.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { execute, rows, SqlRunner } from './sql-runner';

export interface LinkComponent {
  legs: LinkLeg[];
  roots: LinkRoot[];
  handovers: LinkHandover[];
  pins: LinkPin[];
  /** Each leg's shipment as stored before this derivation. */
  memberships: { legId: string; shipmentId: string | null }[];
}

const MAX_DEPTH = 64;

/** A hand-over edge: the handing leg (events.leg_id), the leg handed to (handover_leg_id), its first instant. */
type HandoverEdgeRow = ColumnsOf<EventEntity, 'occurred_at'> & {
  from_leg: TableRow<EventEntity>['leg_id'];
  to_leg: NonNullable<TableRow<EventEntity>['handover_leg_id']>;
};

type ComponentLegRow = ColumnsOf<LegEntity, 'id' | 'tracking_number' | 'shipment_id'> & { carrier_code: TableRow<CarrierEntity>['code'] };

/** The legs connected to the seeds through hand-overs and pins, with their roots, hand-over edges and pins. */
export async function loadLinkComponent(runner: SqlRunner, seedLegIds: string[]): Promise<LinkComponent> {
  const all = new Set(seedLegIds);
  const edges = new Map<string, LinkHandover>();
  const pins = new Map<string, LinkPin>();
  let frontier = [...all];
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth += 1) {
    const pinned = await rows<ColumnsOf<LegLinkPinEntity, 'leg_id' | 'parent_leg_id'>>(
      runner,
      `SELECT leg_id::text AS leg_id, parent_leg_id::text AS parent_leg_id FROM leg_link_pins
        WHERE leg_id = ANY($1::bigint[]) OR parent_leg_id = ANY($1::bigint[])`,
      [frontier],
    );
    const found = await rows<HandoverEdgeRow>(
      runner,
      // Two index ranges (hand-overs from the frontier, and to it) rather than one OR across both.
      `SELECT leg_id::text AS from_leg, handover_leg_id::text AS to_leg, min(occurred_at) AS occurred_at
         FROM (SELECT leg_id, handover_leg_id, occurred_at FROM events
                WHERE leg_id = ANY($1::bigint[]) AND milestone = 'HANDED_OVER' AND handover_leg_id IS NOT NULL
               UNION ALL
               SELECT leg_id, handover_leg_id, occurred_at FROM events
                WHERE handover_leg_id = ANY($1::bigint[]) AND milestone = 'HANDED_OVER') AS edges
        GROUP BY leg_id, handover_leg_id`,
      [frontier],
    );
    const next: string[] = [];
    for (const pin of pinned) {
      pins.set(pin.leg_id, { legId: pin.leg_id, parentLegId: pin.parent_leg_id });
      for (const legId of [pin.leg_id, pin.parent_leg_id]) {
        if (legId !== null && !all.has(legId)) {
          all.add(legId);
          next.push(legId);
        }
      }
    }
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
  const legs = await rows<ComponentLegRow>(
    runner,
    `SELECT l.id::text AS id, c.code AS carrier_code, l.tracking_number, l.shipment_id FROM legs l JOIN carriers c ON c.id = l.carrier_id
      WHERE l.id = ANY($1::bigint[])`,
    [ids],
  );
  const roots = await rows<ColumnsOf<ShipmentEntity, 'id' | 'root_leg_id'>>(
    runner,
    `SELECT id, root_leg_id::text AS root_leg_id FROM shipments WHERE root_leg_id = ANY($1::bigint[])`,
    [ids],
  );
  return {
    legs: legs.map((leg) => ({ id: leg.id, carrier: leg.carrier_code, trackingNumber: leg.tracking_number })),
    roots: roots.map((root) => ({ shipmentId: root.id, legId: root.root_leg_id })),
    handovers: [...edges.values()],
    pins: [...pins.values()],
    memberships: legs.map((leg) => ({ legId: leg.id, shipmentId: leg.shipment_id })),
  };
}

/** Writes a resolution back: leg membership, shipment merges, conflicts. */
export async function applyLinkResolution(runner: SqlRunner, resolution: LinkResolution): Promise<void> {
  const legs = resolution.legs;
  if (legs.length > 0) {
    await execute(runner,
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
    await execute(runner,
      `UPDATE shipments s SET merged_into_id = NULLIF(t.effective, s.id)
         FROM unnest($1::uuid[], $2::uuid[]) AS t(id, effective)
        WHERE s.id = t.id AND s.merged_into_id IS DISTINCT FROM NULLIF(t.effective, s.id)`,
      [shipments.map((s) => s.shipmentId), shipments.map((s) => s.effectiveShipmentId)],
    );
  }
  await recordConflicts(runner, legs.map((leg) => leg.legId), resolution.conflicts);
}

const CONFLICT_KINDS: LinkConflict['kind'][] = ['leg_claimed_twice', 'pinned_link_contradicted'];

/** Keeps the component's link conflicts as data-quality issues, each related to every leg it involves. */
async function recordConflicts(runner: SqlRunner, componentLegIds: string[], conflicts: LinkConflict[]): Promise<void> {
  await execute(runner,
    `DELETE FROM data_quality_issues d
      WHERE d.kind = ANY($3::text[]) AND d.leg_id = ANY($1::bigint[])
        AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS c(key) WHERE c.key = d.kind || ':' || d.leg_id)`,
    [componentLegIds, conflicts.map((conflict) => `${conflict.kind}:${conflict.legId}`), CONFLICT_KINDS],
  );
  if (conflicts.length === 0) return;
  const related = (conflict: LinkConflict) =>
    `{${[...new Set([conflict.legId, conflict.winner.fromLegId, ...conflict.losers.map((loser) => loser.fromLegId)].filter((id) => id !== null))].join(',')}}`;
  await execute(runner,
    `INSERT INTO data_quality_issues (kind, carrier_id, leg_id, shipment_id, details, related_leg_ids)
     SELECT t.kind, l.carrier_id, l.id, t.shipment_id, t.details::jsonb, t.related::bigint[]
       FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[]) AS t(kind, leg_id, shipment_id, details, related)
       JOIN legs l ON l.id = t.leg_id
     ON CONFLICT (kind, leg_id) DO UPDATE
       SET shipment_id = excluded.shipment_id, details = excluded.details, related_leg_ids = excluded.related_leg_ids`,
    [
      conflicts.map((c) => c.kind),
      conflicts.map((c) => c.legId),
      conflicts.map((c) => c.winner.shipmentId),
      conflicts.map((c) =>
        JSON.stringify({
          winner: { ...c.winner, occurredAt: c.winner.occurredAtMs === null ? null : new Date(c.winner.occurredAtMs).toISOString() },
          losers: c.losers.map((loser) => ({ ...loser, occurredAt: new Date(loser.occurredAtMs).toISOString() })),
        }),
      ),
      conflicts.map(related),
    ],
  );
}

/** A shipment's attributes: per field, the value of the latest event time (then receipt) claimed on any of its legs. */
export async function recomputeEffectiveAttributes(runner: SqlRunner, shipmentIds: string[]): Promise<void> {
  if (shipmentIds.length === 0) return;
  await execute(runner,
    `WITH latest AS (
       SELECT DISTINCT ON (l.shipment_id, h.field) l.shipment_id, h.field, h.value
         FROM attribute_claims h JOIN legs l ON l.id = h.leg_id
        WHERE l.shipment_id = ANY($1::uuid[])
        ORDER BY l.shipment_id, h.field, h.observed_at DESC, h.received_at DESC, h.id DESC
     ),
     pivot AS (
       SELECT t.id,
              max(value) FILTER (WHERE field = 'origin') AS origin,
              max(value) FILTER (WHERE field = 'destination') AS destination,
              max(value) FILTER (WHERE field = 'serviceLevel') AS service_level,
              max(value) FILTER (WHERE field = 'promisedBy') AS promised_by,
              max(value) FILTER (WHERE field = 'orderRef') AS order_ref,
              max(value) FILTER (WHERE field = 'carrierEstimate') AS carrier_estimate
         FROM unnest($1::uuid[]) AS t(id) LEFT JOIN latest l ON l.shipment_id = t.id
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
