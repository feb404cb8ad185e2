import { appendRollupDeltas, FactInputEvent, FactInputs, LegFactRow, loadFactInputs, replaceFacts, ShipmentFactRow, SqlRunner } from '@lanewatch/db';
import {
  activityContributions,
  DAY_MS,
  clockContributions,
  clockOfDocument,
  cohortContributions,
  ContractClockVersion,
  deliveringLegIndex,
  deriveActivityPeriods,
  deriveExceptionFacts,
  HOUR_MS,
  KPI_LEVEL,
  lateReasonOf,
  legClockFacts,
  deriveLegFacts,
  deriveShipmentFacts,
  FactEvent,
  handoverContributions,
  isMilestone,
  isTerminal,
  kpiContributions,
  Milestone,
  orderLegsByHandover,
  packContribution,
  rollupDeltas,
  unpackContribution,
} from '@lanewatch/domain';

// Stored facts do not depend on a reading time: silences are measured at read time from lastEventAt.
const ALL_EVENTS = Number.POSITIVE_INFINITY;

const toFactEvent = (event: FactInputEvent): FactEvent => ({
  milestone: isMilestone(event.milestone) ? (event.milestone as Milestone) : null,
  occurredAtMs: event.occurred_at_ms,
  reason: event.reason,
});

/**
 * Recomputes shipment facts (kpis.md §1) and leg facts (§2) of the given shipments from their
 * events, through the same pure functions the shipment view uses, and appends what changed in
 * their rollup contributions as deltas (tagged with the batch that asked). Idempotent: facts that
 * did not change append nothing. The caller holds the shipments' legs (deriveLegs).
 */
export async function recomputeFacts(runner: SqlRunner, shipmentIds: string[], batchId: string | null = null): Promise<void> {
  const ids = [...new Set(shipmentIds)].sort();
  if (ids.length === 0) return;
  const { shipmentFacts, legFacts } = factRowsOf(await loadFactInputs(runner, ids));
  const removed = await replaceFacts(runner, { shipmentIds: ids, shipments: shipmentFacts, legs: legFacts });
  const deltas = rollupDeltas({
    removed: removed.map(unpackContribution),
    added: [...shipmentFacts, ...legFacts].flatMap((fact) => fact.rollup.map(unpackContribution)),
  });
  await appendRollupDeltas(runner, deltas, batchId, 'f');
}

/** The facts of the shipments in `inputs` (merged ones have none), with their rollup contributions. */
export function factRowsOf(inputs: FactInputs): { shipmentFacts: ShipmentFactRow[]; legFacts: LegFactRow[] } {
  const eventsByLeg = new Map<string, FactEvent[]>();
  for (const event of inputs.events) {
    const list = eventsByLeg.get(event.leg_id) ?? [];
    list.push(toFactEvent(event));
    eventsByLeg.set(event.leg_id, list);
  }
  const legsByShipment = new Map<string, FactInputs['legs']>();
  for (const leg of inputs.legs) {
    const list = legsByShipment.get(leg.shipment_id);
    if (list) list.push(leg);
    else legsByShipment.set(leg.shipment_id, [leg]);
  }

  const contractsByCarrier = new Map<number, ContractClockVersion[]>();
  for (const row of inputs.contracts) {
    const version: ContractClockVersion = {
      contract: row.contract,
      contractId: Number(row.contract_id),
      carrierId: Number(row.carrier_id),
      effectiveFrom: row.effective_from,
      clock: clockOfDocument(row.document),
    };
    contractsByCarrier.set(version.carrierId, [...(contractsByCarrier.get(version.carrierId) ?? []), version]);
  }

  const shipmentFacts: ShipmentFactRow[] = [];
  const legFacts: LegFactRow[] = [];
  for (const shipment of inputs.shipments) {
    if (shipment.merged_into_id) continue;
    const legs = orderLegsByHandover(
      (legsByShipment.get(shipment.id) ?? []).map((leg) => ({
        ...leg,
        parentLegId: leg.parent_leg_id,
        linkedAtMs: leg.linked_at ? new Date(leg.linked_at).getTime() : null,
      })),
    );
    const corridor = shipment.origin && shipment.destination ? `${shipment.origin}-${shipment.destination}` : null;
    const serviceLevel = shipment.service_level;
    const promisedByMs = shipment.promised_by ? new Date(shipment.promised_by).getTime() : null;
    const legEvents = legs.map((leg) => ({ events: eventsByLeg.get(leg.id) ?? [] }));
    const allEvents = legEvents.flatMap((leg) => leg.events);
    const facts = deriveShipmentFacts({ events: allEvents, promisedByMs, asOfMs: ALL_EVENTS });
    // maxSilenceHours depends on the reading time: measured at read time from lastEventAt instead.
    const { maxSilenceHours: _readTimeOnly, ...stored } = facts;
    const shipmentKey = { level: KPI_LEVEL.shipment, carrierId: 0, corridor, serviceLevel };
    shipmentFacts.push({
      shipmentId: shipment.id,
      corridor,
      serviceLevel,
      promisedBy: shipment.promised_by,
      ...stored,
      rollup: [
        ...kpiContributions(KPI_LEVEL.shipment, 0, {
          corridor,
          serviceLevel,
          transitClosingMs: facts.deliveredAt,
          transitDays: facts.transitDays,
          customsReleasedMs: facts.customsReleasedAt,
          customsHoldHours: facts.customsHoldHours,
          firstAttemptMs: facts.firstAttemptAt,
          firstAttemptDelivered: facts.firstAttemptDelivered,
          onTimeClosingMs: facts.deliveredAt,
          onTime: facts.onTime,
        }),
        ...cohortContributions(shipmentKey, facts.firstScanAt, facts.transitDays),
        ...activityContributions(shipmentKey, deriveActivityPeriods({ events: allEvents })),
      ].map(packContribution),
    });
    const shipmentClosedAt = firstTerminalAt(allEvents);
    const delivering = deliveringLegIndex(legEvents);
    const carrierOf = new Map(legs.map((leg) => [leg.id, leg.carrier_id]));
    const own = legs.map((leg, index) =>
      deriveLegFacts({ events: legEvents[index].events, creditedWithDelivery: index === delivering, shipmentOnTime: facts.onTime }),
    );
    const startOf = new Map(legs.map((leg, index) => [leg.id, own[index].legStartAt]));
    legs.forEach((leg, index) => {
      const legOwn = own[index];
      const handedOverAt = leg.linkedAtMs;
      const previousCarrierId = leg.parentLegId ? (carrierOf.get(leg.parentLegId) ?? null) : null;
      const handoverGapHours =
        leg.parentLegId && handedOverAt !== null && legOwn.legStartAt !== null ? (legOwn.legStartAt - handedOverAt) / HOUR_MS : null;
      const creditedDeliveredAt = index === delivering ? facts.deliveredAt : null;
      // A leg stops being the carrier's to answer for at its own hand-over or delivery, at the
      // shipment's end, or when the next carrier's leg starts.
      const nextStartAt = earliestOf(legs.filter((other) => other.parentLegId === leg.id).map((other) => startOf.get(other.id) ?? null));
      const closedAt = earliestOf([legOwn.legEndAt, shipmentClosedAt, nextStartAt]);
      // For censored transit a leg whose own hand-over went unreported has ended when the next leg started.
      const cohortTransitDays =
        legOwn.legTransitDays ?? (nextStartAt !== null && legOwn.legStartAt !== null ? (nextStartAt - legOwn.legStartAt) / DAY_MS : null);
      const legKey = { level: KPI_LEVEL.leg, carrierId: leg.carrier_id, corridor, serviceLevel };
      const exceptions = deriveExceptionFacts({ events: legEvents[index].events, closedAtMs: closedAt });
      const lateReason = legOwn.onTime === false && facts.deliveredAt !== null ? lateReasonOf({ events: allEvents, deliveredAtMs: facts.deliveredAt }) : null;
      // contracts.md §1: the leg on each of its carrier's contract clocks, counted like transit at legEndAt.
      const clockFacts = legClockFacts({
        carrierId: leg.carrier_id,
        corridor,
        serviceLevel,
        leg: {
          legStartAt: legOwn.legStartAt,
          legEndAt: legOwn.legEndAt,
          events: legEvents[index].events.flatMap((event) => (event.milestone === null ? [] : [{ milestone: event.milestone, occurredAt: event.occurredAtMs, reason: event.reason }])),
          customsStartAt: legOwn.customsStartAt,
          customsReleasedAt: legOwn.customsReleasedAt,
        },
        versions: contractsByCarrier.get(leg.carrier_id) ?? [],
      });
      legFacts.push({
        legId: leg.id,
        shipmentId: shipment.id,
        carrierId: leg.carrier_id,
        corridor,
        serviceLevel,
        legStartAt: legOwn.legStartAt,
        legEndAt: legOwn.legEndAt,
        legTransitDays: legOwn.legTransitDays,
        customsStartAt: legOwn.customsStartAt,
        customsReleasedAt: legOwn.customsReleasedAt,
        customsHoldHours: legOwn.customsHoldHours,
        exportCustomsHoldHours: legOwn.exportCustomsHoldHours,
        firstAttemptAt: legOwn.firstAttemptAt,
        firstAttemptDelivered: legOwn.firstAttemptDelivered,
        creditedDeliveredAt,
        onTime: legOwn.onTime,
        previousCarrierId,
        handoverGapHours,
        lastEventAt: legOwn.lastEventAt,
        terminal: legOwn.terminal,
        closedAt,
        ...exceptions,
        lateReason,
        clockDays: Object.fromEntries(clockFacts.map((fact) => [fact.contract, fact.clockDays])),
        rollup: [
          ...kpiContributions(KPI_LEVEL.leg, leg.carrier_id, {
            corridor,
            serviceLevel,
            transitClosingMs: legOwn.legEndAt,
            transitDays: legOwn.legTransitDays,
            customsReleasedMs: legOwn.customsReleasedAt,
            customsHoldHours: legOwn.customsHoldHours,
            firstAttemptMs: legOwn.firstAttemptAt,
            firstAttemptDelivered: legOwn.firstAttemptDelivered,
            onTimeClosingMs: creditedDeliveredAt,
            onTime: legOwn.onTime,
          }),
          ...cohortContributions(legKey, legOwn.legStartAt, cohortTransitDays),
          ...handoverContributions({ ...legKey, previousCarrierId }, legOwn.legStartAt, handoverGapHours),
          ...activityContributions(legKey, deriveActivityPeriods({ events: legEvents[index].events, closedAtMs: closedAt })),
          ...clockContributions(legKey, clockFacts),
        ].map(packContribution),
      });
    });
  }
  return { shipmentFacts, legFacts };
}

function firstTerminalAt(events: FactEvent[]): number | null {
  return earliestOf(events.filter((event) => event.milestone !== null && isTerminal(event.milestone)).map((event) => event.occurredAtMs));
}

function earliestOf(instants: (number | null)[]): number | null {
  const present = instants.filter((value): value is number => value !== null);
  return present.length > 0 ? Math.min(...present) : null;
}
