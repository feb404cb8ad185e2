import type { CarrierEntity } from '../entities/carrier.entity';
import type { EventEntity } from '../entities/event.entity';
import type { LegEntity } from '../entities/leg.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

// The worst parcels of an SLA scope and window (sla.md §3 evidence), from the leg and shipment facts.

// The reason of a leg's earliest failed attempt, as the carrier sent it.
const FAILURE_REASON = `(SELECT e.reason FROM events e WHERE e.leg_id = l.id AND e.milestone = 'DELIVERY_FAILED' AND e.reason IS NOT NULL ORDER BY e.occurred_at, e.id LIMIT 1)`;

export type EvidenceFamily = 'transit' | 'customs_hold' | 'first_attempt' | 'on_time';
type Family = EvidenceFamily;

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

/** A ranked parcel: its tracking number and carrier code, the ranking value, the fact instant that put it in the window. */
export type EvidenceParcelRow = ColumnsOf<LegEntity, 'tracking_number'> & {
  carrier: TableRow<CarrierEntity>['code'];
  value: number | null;
  at: Date | null;
  /** the reason of the leg's earliest failed attempt (events.reason) */
  failure_reason: TableRow<EventEntity>['reason'];
  total: string;
};

/**
 * The parcels of a scope and window ranked worst first, up to `limit`, each with the total matched and
 * the reason label of the ranking; null for a metric family without parcel evidence. A clock family
 * ranks the legs by their days on the contract's clock (clock_days keyed by contract name).
 */
export async function evidenceParcelRows(
  runner: SqlRunner,
  input: {
    family: string;
    instance: { carrier: string | null; corridor: string | null; serviceLevel: string | null };
    window: { from: Date; to: Date };
    limit: number;
    contract?: string | null;
  },
): Promise<{ reason: string; rows: EvidenceParcelRow[] } | null> {
  const { family } = input;
  const { instance } = input;
  const parameters: unknown[] = [input.window.from, input.window.to];
  let spec: { value: string; at: string; where: string; order: string; reason: string };
  if (family === 'clock') {
    // contracts.md §1: the legs longest on the policy's contract clock (clockDays kept by contract name).
    if (!input.contract || instance.carrier === null) return null;
    parameters.push(input.contract);
    const days = `(f.clock_days ->> $${parameters.length}::text)::float8`;
    spec = { value: days, at: 'f.leg_end_at', where: `f.clock_days ? $${parameters.length}::text`, order: `${days} DESC`, reason: 'longest on the contract clock (days)' };
  } else if (family === 'transit' || family === 'customs_hold' || family === 'first_attempt' || family === 'on_time') {
    spec = (instance.carrier !== null ? LEG : SHIPMENT)[family];
  } else return null;
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
  const found = await rows<EvidenceParcelRow>(
    runner,
    `SELECT c.code AS carrier, l.tracking_number, ${spec.value} AS value, ${spec.at} AS at,
       ${family === 'first_attempt' ? FAILURE_REASON : 'NULL::text'} AS failure_reason, count(*) OVER () AS total FROM ${from}
     WHERE ${spec.where} AND ${spec.at} >= $1 AND ${spec.at} < $2 ${filters.map((filter) => `AND ${filter}`).join(' ')}
     ORDER BY ${spec.order}, l.tracking_number LIMIT $${parameters.length}`,
    parameters,
  );
  return { reason: spec.reason, rows: found };
}
