import { rows, SqlRunner } from '@lanewatch/db';
import { SLA_METRIC_INFO, SlaMetric, SlaScopeInstance } from '@lanewatch/domain';

export interface EvidenceParcel {
  carrier: string;
  trackingNumber: string;
  /** GET path of the journey (apps/api/src/shipments). */
  shipmentPath: string;
  value: number | null;
  at: string | null;
  reason: string;
  /** The carrier's reason on the failed attempt (events' `reason`, e.g. RECIPIENT_ABSENT), when any. */
  failureReason?: string | null;
}

/** Every evidence parcel of a window up to a bound, and how many matched in all. */
export interface EvidenceParcels {
  total: number;
  parcels: EvidenceParcel[];
}

// The reason of a leg's earliest failed attempt, as the carrier sent it.
const FAILURE_REASON = `(SELECT e.reason FROM events e WHERE e.leg_id = l.id AND e.milestone = 'DELIVERY_FAILED' AND e.reason IS NOT NULL ORDER BY e.occurred_at, e.id LIMIT 1)`;

type Family = 'transit' | 'customs_hold' | 'first_attempt' | 'on_time';

// Per family: the fact column that ranks parcels, the instant that puts them in the window, the filter.
const LEG: Record<Family, { value: string; at: string; where: string; order: string; reason: string }> = {
  transit: { value: 'f.leg_transit_days', at: 'f.leg_end_at', where: 'f.leg_transit_days IS NOT NULL', order: 'f.leg_transit_days DESC', reason: 'longest transit (days)' },
  customs_hold: { value: 'f.customs_hold_hours', at: 'f.customs_released_at', where: 'f.customs_hold_hours IS NOT NULL', order: 'f.customs_hold_hours DESC', reason: 'longest customs hold (hours)' },
  first_attempt: {
    value: 'extract(epoch FROM f.first_attempt_at - f.leg_start_at) / 86400', at: 'f.first_attempt_at', where: 'f.first_attempt_delivered = false',
    order: 'f.first_attempt_at DESC', reason: 'failed first attempt (days after first scan)',
  },
  on_time: {
    value: 'extract(epoch FROM f.credited_delivered_at - sf.promised_by) / 86400', at: 'f.credited_delivered_at', where: 'f.on_time = false',
    order: 'f.credited_delivered_at DESC', reason: 'delivered late (days late)',
  },
};
const SHIPMENT: Record<Family, { value: string; at: string; where: string; order: string; reason: string }> = {
  transit: { value: 'f.transit_days', at: 'f.delivered_at', where: 'f.transit_days IS NOT NULL', order: 'f.transit_days DESC', reason: 'longest transit (days)' },
  customs_hold: LEG.customs_hold,
  first_attempt: { ...LEG.first_attempt, value: 'extract(epoch FROM f.first_attempt_at - f.first_scan_at) / 86400' },
  on_time: {
    value: 'extract(epoch FROM f.delivered_at - f.promised_by) / 86400', at: 'f.delivered_at', where: 'f.on_time = false', order: 'f.delivered_at DESC',
    reason: 'delivered late (days late)',
  },
};

const EVIDENCE_LIMIT = 10;

/**
 * The worst parcels of a scope and window (sla.md §3 evidence): longest transit or hold, failed
 * first attempts, late deliveries. At most 10, with tracking numbers to open each journey, and how
 * many parcels matched in all. Feed-health metrics have no parcel evidence.
 */
export async function worstParcels(
  runner: SqlRunner,
  input: { metric: SlaMetric; instance: SlaScopeInstance; window: { from: Date; to: Date }; contract?: string | null },
): Promise<EvidenceParcels> {
  return evidenceParcels(runner, { ...input, limit: EVIDENCE_LIMIT });
}

/** The same parcels as worstParcels, in the same order, up to `limit` (the evidence export). */
export async function evidenceParcels(
  runner: SqlRunner,
  input: { metric: SlaMetric; instance: SlaScopeInstance; window: { from: Date; to: Date }; limit: number; contract?: string | null },
): Promise<EvidenceParcels> {
  const family = SLA_METRIC_INFO[input.metric].family;
  const { instance } = input;
  const parameters: unknown[] = [input.window.from, input.window.to];
  let spec: { value: string; at: string; where: string; order: string; reason: string };
  if (family === 'clock') {
    // contracts.md §1: the legs longest on the policy's contract clock (clockDays kept by contract name).
    if (!input.contract || instance.carrier === null) return { total: 0, parcels: [] };
    parameters.push(input.contract);
    const days = `(f.clock_days ->> $${parameters.length}::text)::float8`;
    spec = { value: days, at: 'f.leg_end_at', where: `f.clock_days ? $${parameters.length}::text`, order: `${days} DESC`, reason: 'longest on the contract clock (days)' };
  } else if (family === 'transit' || family === 'customs_hold' || family === 'first_attempt' || family === 'on_time') {
    spec = (instance.carrier !== null ? LEG : SHIPMENT)[family];
  } else return { total: 0, parcels: [] };
  const onLegs = instance.carrier !== null;
  const filters: string[] = [];
  if (instance.carrier !== null) {
    parameters.push(instance.carrier);
    filters.push(`c.code = $${parameters.length}`);
  }
  if (instance.corridor !== null) {
    parameters.push(instance.corridor);
    filters.push(`f.corridor = $${parameters.length}`);
  }
  if (instance.serviceLevel !== null) {
    parameters.push(instance.serviceLevel);
    filters.push(`f.service_level = $${parameters.length}`);
  }
  const from = onLegs
    ? 'leg_facts f JOIN legs l ON l.id = f.leg_id JOIN carriers c ON c.id = l.carrier_id LEFT JOIN shipment_facts sf ON sf.shipment_id = f.shipment_id'
    : 'shipment_facts f JOIN shipments s ON s.id = f.shipment_id JOIN legs l ON l.id = s.root_leg_id JOIN carriers c ON c.id = l.carrier_id';
  parameters.push(input.limit);
  const found = await rows<{ carrier: string; tracking_number: string; value: number | null; at: Date | null; failure_reason: string | null; total: string }>(
    runner,
    `SELECT c.code AS carrier, l.tracking_number, ${spec.value} AS value, ${spec.at} AS at,
       ${family === 'first_attempt' ? FAILURE_REASON : 'NULL::text'} AS failure_reason, count(*) OVER () AS total FROM ${from}
     WHERE ${spec.where} AND ${spec.at} >= $1 AND ${spec.at} < $2 ${filters.map((filter) => `AND ${filter}`).join(' ')}
     ORDER BY ${spec.order}, l.tracking_number LIMIT $${parameters.length}`,
    parameters,
  );
  const parcels = found.map((row) => ({
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    shipmentPath: `/api/v1/shipments/${encodeURIComponent(row.carrier)}/${encodeURIComponent(row.tracking_number)}`,
    value: row.value === null ? null : Number(row.value),
    at: row.at === null ? null : new Date(row.at).toISOString(),
    reason: spec.reason,
    ...(family === 'first_attempt' ? { failureReason: row.failure_reason } : {}),
  }));
  return { total: found.length > 0 ? Number(found[0].total) : 0, parcels };
}
