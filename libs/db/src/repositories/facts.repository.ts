import type { StoredContribution } from '@lanewatch/domain';
import type { CarrierEntity } from '../entities/carrier.entity';
import type { EventEntity } from '../entities/event.entity';
import type { LegFactEntity } from '../entities/leg-fact.entity';
import type { LegEntity } from '../entities/leg.entity';
import type { ShipmentFactEntity } from '../entities/shipment-fact.entity';
import type { ShipmentEntity } from '../entities/shipment.entity';
import type { SlaContractEntity, SlaContractKeyEntity } from '../entities/sla-contract.entity';
import type { ColumnsOf, InstantsAsMs, TableRow } from '../table-row';
import { execute, rows, SqlRunner } from './sql-runner';

export type FactInputShipment = ColumnsOf<ShipmentEntity, 'id' | 'origin' | 'destination' | 'service_level' | 'promised_by' | 'merged_into_id'>;

export type FactInputLeg = ColumnsOf<LegEntity, 'id' | 'carrier_id' | 'parent_leg_id' | 'linked_at'> & {
  shipment_id: string;
};

/** A mapped event as facts read it: its instant as epoch ms (a number parsed, not a Date built per event). */
export type FactInputEvent = ColumnsOf<EventEntity, 'leg_id' | 'reason'> & {
  milestone: string;
  occurred_at_ms: number;
};

/** An applied contract version of one of the legs' carriers (sla_contracts), for clock facts. */
export type FactInputContract = ColumnsOf<SlaContractEntity, 'contract' | 'effective_from' | 'document'> & {
  contract_id: TableRow<SlaContractKeyEntity>['id'];
  carrier_id: TableRow<CarrierEntity>['id'];
};

export interface FactInputs {
  shipments: FactInputShipment[];
  legs: FactInputLeg[];
  events: FactInputEvent[];
  contracts: FactInputContract[];
}

/** Everything facts are derived from, for a set of shipments: attributes, legs, mapped events. */
export async function loadFactInputs(runner: SqlRunner, shipmentIds: string[]): Promise<FactInputs> {
  const shipments = await rows<FactInputShipment>(
    runner,
    `SELECT id, origin, destination, service_level, promised_by, merged_into_id FROM shipments WHERE id = ANY($1::uuid[])`,
    [shipmentIds],
  );
  const legs = await rows<FactInputLeg>(
    runner,
    `SELECT id::text AS id, shipment_id, carrier_id, parent_leg_id::text AS parent_leg_id, linked_at FROM legs WHERE shipment_id = ANY($1::uuid[])`,
    [shipmentIds],
  );
  const events = await rows<FactInputEvent>(
    runner,
    `SELECT leg_id::text AS leg_id, milestone, (extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_at_ms, reason
       FROM events WHERE leg_id = ANY($1::bigint[]) AND milestone IS NOT NULL`,
    [legs.map((leg) => leg.id)],
  );
  const contracts = await contractsOfCarriers(runner, [...new Set(legs.map((leg) => leg.carrier_id))]);
  return { shipments, legs, events, contracts };
}

/** Every applied version of the contracts of these carriers (a small reference table). */
export async function contractsOfCarriers(runner: SqlRunner, carrierIds: number[]): Promise<FactInputContract[]> {
  if (carrierIds.length === 0) return [];
  return rows<FactInputContract>(
    runner,
    `SELECT s.contract, k.id AS contract_id, c.id AS carrier_id, to_char(s.effective_from, 'YYYY-MM-DD') AS effective_from, s.document
       FROM sla_contracts s JOIN sla_contract_keys k ON k.contract = s.contract JOIN carriers c ON c.code = s.carrier
      WHERE c.id = ANY($1::int[])`,
    [carrierIds],
  );
}

/**
 * A shipment's facts as written to shipment_facts: the entity's columns (by property name), instants as
 * epoch ms but promised_by (the shipment's own, as read), export_customs_cleared_at under the domain's
 * name exportCustomsReleasedAt; the domain's facts (kpis.md §1) but maxSilenceHours (measured at read time).
 */
export type ShipmentFactRow = Omit<InstantsAsMs<ShipmentFactEntity>, 'promisedBy' | 'exportCustomsClearedAt' | 'rollup'> &
  Pick<ShipmentFactEntity, 'promisedBy'> & {
    exportCustomsReleasedAt: InstantsAsMs<ShipmentFactEntity>['exportCustomsClearedAt'];
    rollup: StoredContribution[];
  };

/**
 * A leg's facts as written to leg_facts: the entity's columns (by property name), instants as epoch ms,
 * clock_days as clockDays by contract name (contracts.md §1).
 */
export type LegFactRow = Omit<InstantsAsMs<LegFactEntity>, 'failedAttempts' | 'rollup'> & {
  failedAttempts: number;
  rollup: StoredContribution[];
};

const instant = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Where facts are written: the live tables, or a rebuild's shadow tables. */
export interface FactTables {
  shipments: string;
  legs: string;
}

export const LIVE_FACT_TABLES: FactTables = { shipments: 'shipment_facts', legs: 'leg_facts' };

/**
 * Replaces the facts of these shipments and of their legs (set-based) and returns the facts it
 * replaced, so the rollups can move from the old values to the new: merged shipments and legs
 * that left them simply get no new row.
 */
export async function replaceFacts(
  runner: SqlRunner,
  input: { shipmentIds: string[]; shipments: ShipmentFactRow[]; legs: LegFactRow[] },
): Promise<StoredContribution[]> {
  if (input.shipmentIds.length === 0) return [];
  const oldShipments = await rows<{ rollup: StoredContribution[] }>(
    runner,
    `DELETE FROM shipment_facts WHERE shipment_id = ANY($1::uuid[]) RETURNING rollup`,
    [input.shipmentIds],
  );
  const oldLegs = await rows<{ rollup: StoredContribution[] }>(
    runner,
    `DELETE FROM leg_facts WHERE shipment_id = ANY($1::uuid[]) OR leg_id = ANY($2::bigint[]) RETURNING rollup`,
    [input.shipmentIds, input.legs.map((leg) => leg.legId)],
  );
  await insertFacts(runner, { shipments: input.shipments, legs: input.legs, tables: LIVE_FACT_TABLES });
  return [...oldShipments, ...oldLegs].flatMap((row) => row.rollup ?? []);
}

/** Inserts fact rows (set-based) into the live tables or a rebuild's shadow tables. */
export async function insertFacts(runner: SqlRunner, input: { shipments: ShipmentFactRow[]; legs: LegFactRow[]; tables: FactTables }): Promise<void> {
  const s = input.shipments;
  if (s.length > 0) {
    await execute(runner,
      `INSERT INTO ${input.tables.shipments} (shipment_id, corridor, service_level, promised_by, first_scan_at, delivered_at, transit_days,
         customs_start_at, customs_released_at, customs_hold_hours, export_customs_start_at, export_customs_cleared_at,
         export_customs_hold_hours, first_attempt_at, first_attempt_delivered, on_time, last_event_at, terminal, rollup)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::float8[],
         $8::timestamptz[], $9::timestamptz[], $10::float8[], $11::timestamptz[], $12::timestamptz[], $13::float8[],
         $14::timestamptz[], $15::boolean[], $16::boolean[], $17::timestamptz[], $18::boolean[], $19::jsonb[])`,
      [
        s.map((f) => f.shipmentId),
        s.map((f) => f.corridor),
        s.map((f) => f.serviceLevel),
        s.map((f) => (f.promisedBy ? new Date(f.promisedBy).toISOString() : null)),
        s.map((f) => instant(f.firstScanAt)),
        s.map((f) => instant(f.deliveredAt)),
        s.map((f) => f.transitDays),
        s.map((f) => instant(f.customsStartAt)),
        s.map((f) => instant(f.customsReleasedAt)),
        s.map((f) => f.customsHoldHours),
        s.map((f) => instant(f.exportCustomsStartAt)),
        s.map((f) => instant(f.exportCustomsReleasedAt)),
        s.map((f) => f.exportCustomsHoldHours),
        s.map((f) => instant(f.firstAttemptAt)),
        s.map((f) => f.firstAttemptDelivered),
        s.map((f) => f.onTime),
        s.map((f) => instant(f.lastEventAt)),
        s.map((f) => f.terminal),
        s.map((f) => JSON.stringify(f.rollup)),
      ],
    );
  }
  const l = input.legs;
  if (l.length > 0) {
    await execute(runner,
      `INSERT INTO ${input.tables.legs} (leg_id, shipment_id, carrier_id, corridor, service_level, leg_start_at, leg_end_at, leg_transit_days,
         customs_start_at, customs_released_at, customs_hold_hours, export_customs_hold_hours, first_attempt_at,
         first_attempt_delivered, credited_delivered_at, on_time, previous_carrier_id, handover_gap_hours, last_event_at, terminal, rollup,
         closed_at, last_mapped_at, exception_at, exception_category, exception_open, failed_attempts, failure_reason, late_reason, clock_days)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::float8[],
         $9::timestamptz[], $10::timestamptz[], $11::float8[], $12::float8[], $13::timestamptz[], $14::boolean[], $15::timestamptz[],
         $16::boolean[], $17::int[], $18::float8[], $19::timestamptz[], $20::boolean[], $21::jsonb[],
         $22::timestamptz[], $23::timestamptz[], $24::timestamptz[], $25::text[], $26::boolean[], $27::int[], $28::text[], $29::text[], $30::jsonb[])`,
      [
        l.map((f) => f.legId),
        l.map((f) => f.shipmentId),
        l.map((f) => f.carrierId),
        l.map((f) => f.corridor),
        l.map((f) => f.serviceLevel),
        l.map((f) => instant(f.legStartAt)),
        l.map((f) => instant(f.legEndAt)),
        l.map((f) => f.legTransitDays),
        l.map((f) => instant(f.customsStartAt)),
        l.map((f) => instant(f.customsReleasedAt)),
        l.map((f) => f.customsHoldHours),
        l.map((f) => f.exportCustomsHoldHours),
        l.map((f) => instant(f.firstAttemptAt)),
        l.map((f) => f.firstAttemptDelivered),
        l.map((f) => instant(f.creditedDeliveredAt)),
        l.map((f) => f.onTime),
        l.map((f) => f.previousCarrierId),
        l.map((f) => f.handoverGapHours),
        l.map((f) => instant(f.lastEventAt)),
        l.map((f) => f.terminal),
        l.map((f) => JSON.stringify(f.rollup)),
        l.map((f) => instant(f.closedAt)),
        l.map((f) => instant(f.lastMappedAt)),
        l.map((f) => instant(f.exceptionAt)),
        l.map((f) => f.exceptionCategory),
        l.map((f) => f.exceptionOpen),
        l.map((f) => f.failedAttempts),
        l.map((f) => f.failureReason),
        l.map((f) => f.lateReason),
        l.map((f) => JSON.stringify(f.clockDays)),
      ],
    );
  }
}
