import { createHash } from 'node:crypto';
import {
  contractBreaches,
  contractVersionsOf,
  disputesOf,
  enteredInvoice,
  findCarrierByCode,
  SqlRunner,
  statementLegEvents,
  statementLegs,
  StatementLegRow,
} from '@lanewatch/db';
import {
  allowanceFor,
  clockDaysOfLeg,
  computeStatementFromInputs,
  ContractClock,
  ELAPSED_CLOCK,
  SlaContract,
  Statement,
  StatementInputs,
  StatementLegInput,
  statementFingerprintText,
  statementMonthBounds,
} from '@lanewatch/domain';
import { DateTime } from 'luxon';

// The statement of one carrier and month (contracts.md §2-3), read from the database and computed by the
// pure calculator. The API, the review pack and the CLI all call computeStatement: one code path.

export type ComputedStatement =
  | { kind: 'statement'; carrierId: number; statement: Statement; inputs: StatementInputs; fingerprint: string }
  | { kind: 'unknown_carrier' }
  | { kind: 'no_contract'; carrierId: number };

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/** The contract version in force for the month: the latest one effective on or before its last day. */
async function contractFor(runner: SqlRunner, carrier: string, month: string): Promise<SlaContract | null> {
  const lastDay = DateTime.fromISO(`${month}-01`, { zone: 'utc' }).endOf('month').toISODate() as string;
  const [version] = await contractVersionsOf(runner, carrier, lastDay);
  return version ? (version.document as unknown as SlaContract) : null;
}

function legInput(row: StatementLegRow, clock: ContractClock, events: Map<string, { milestone: string; occurredAt: Date; reason: string | null }[]>): StatementLegInput {
  const clockDays = clockDaysOfLeg(
    { legStartAt: row.leg_start_at, legEndAt: row.leg_end_at, events: events.get(row.leg_id) ?? [], customsStartAt: row.customs_start_at, customsReleasedAt: row.customs_released_at },
    clock,
  );
  return {
    legId: row.leg_id,
    shipmentId: row.shipment_id,
    trackingNumber: row.tracking_number,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    legEndAt: iso(row.leg_end_at),
    legTransitDays: row.leg_transit_days,
    customsReleasedAt: iso(row.customs_released_at),
    customsHoldHours: row.customs_hold_hours,
    firstAttemptAt: iso(row.first_attempt_at),
    firstAttemptDelivered: row.first_attempt_delivered,
    creditedDeliveredAt: iso(row.credited_delivered_at),
    onTime: row.on_time,
    clockDays,
    allowanceDays: allowanceFor(clock, { corridor: row.corridor, serviceLevel: row.service_level }),
  };
}

/** Everything the month's statement depends on, as of `asOf`. */
export async function statementInputs(runner: SqlRunner, carrier: { id: number; code: string }, contract: SlaContract, month: string, asOf: Date): Promise<StatementInputs> {
  const clock = contract.clock ?? ELAPSED_CLOCK;
  const { fromMs, toMs } = statementMonthBounds(month, clock.timeZone);
  const from = new Date(fromMs);
  const end = new Date(Math.max(fromMs, Math.min(toMs, asOf.getTime())));
  const legRows = await statementLegs(runner, carrier.id, from, end);
  const events = new Map<string, { milestone: string; occurredAt: Date; reason: string | null }[]>();
  if (clock.exclude.length > 0) {
    for (const event of await statementLegEvents(runner, legRows.map((row) => row.leg_id))) {
      const list = events.get(event.leg_id) ?? [];
      list.push({ milestone: event.milestone, occurredAt: event.occurred_at, reason: event.reason });
      events.set(event.leg_id, list);
    }
  }
  const breaches = await contractBreaches(runner, contract.contract, from, end);
  const disputes = await disputesOf(runner, carrier.id, month);
  return {
    carrier: carrier.code,
    month,
    asOf: asOf.toISOString(),
    contract: { name: contract.contract, effectiveFrom: contract.effectiveFrom, timeZone: clock.timeZone, money: contract.money ?? null },
    terms: contract.policies
      .filter((policy) => policy.enabled)
      .map((policy) => ({
        name: policy.name,
        corridor: policy.corridor,
        serviceLevel: policy.serviceLevel,
        metric: policy.metric,
        op: policy.op,
        threshold: policy.threshold,
        minSample: policy.minSample,
        consequence: policy.consequence ?? null,
      })),
    legs: legRows.map((row) => legInput(row, clock, events)),
    breaches: breaches.map((row) => ({ term: row.term, corridor: row.corridor, serviceLevel: row.service_level, openedAt: iso(row.opened_at) as string, resolvedAt: iso(row.resolved_at) })),
    enteredInvoice: await enteredInvoice(runner, carrier.id, month),
    acceptedDisputes: disputes.filter((dispute) => dispute.status === 'accepted').map((dispute) => ({ id: dispute.id, shipmentId: dispute.shipment_id })),
  };
}

export function fingerprintOf(inputs: StatementInputs, statement: Statement): string {
  return createHash('sha256').update(statementFingerprintText(inputs, statement)).digest('hex');
}

/**
 * The statement of `carrierCode` for `month` (YYYY-MM) as of `asOf`, with the fingerprint of its inputs.
 * The review pack calls this; `month` must already be valid (isStatementMonth).
 */
export async function computeStatement(runner: SqlRunner, carrierCode: string, month: string, asOf: Date): Promise<ComputedStatement> {
  const carrier = await findCarrierByCode(runner, carrierCode);
  if (!carrier) return { kind: 'unknown_carrier' };
  const contract = await contractFor(runner, carrier.code, month);
  if (!contract) return { kind: 'no_contract', carrierId: carrier.id };
  const inputs = await statementInputs(runner, carrier, contract, month, asOf);
  const statement = computeStatementFromInputs(inputs);
  return { kind: 'statement', carrierId: carrier.id, statement, inputs, fingerprint: fingerprintOf(inputs, statement) };
}
