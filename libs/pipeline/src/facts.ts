import { applyRollupChanges, FactInputEvent, LegFactRow, loadFactInputs, replaceFacts, ShipmentFactRow, SqlRunner } from '@lanewatch/db';
import {
  deliveringLegIndex,
  deriveLegFacts,
  deriveShipmentFacts,
  FactEvent,
  isMilestone,
  kpiContributions,
  Milestone,
  orderLegsByHandover,
} from '@lanewatch/domain';

const HOUR_MS = 3_600_000;
// Stored facts do not depend on a reading time: silences are measured at read time from lastEventAt.
const ALL_EVENTS = Number.POSITIVE_INFINITY;

const toFactEvent = (event: FactInputEvent): FactEvent => ({
  milestone: isMilestone(event.milestone) ? (event.milestone as Milestone) : null,
  occurredAtMs: new Date(event.occurred_at).getTime(),
});

/**
 * Recomputes shipment facts (kpis.md §1) and leg facts (§2) of the given shipments from their
 * events, through the same pure functions the shipment view uses. Idempotent.
 */
export async function recomputeFacts(runner: SqlRunner, shipmentIds: string[]): Promise<void> {
  const ids = [...new Set(shipmentIds)].sort();
  if (ids.length === 0) return;
  const inputs = await loadFactInputs(runner, ids);
  const eventsByLeg = new Map<string, FactEvent[]>();
  for (const event of inputs.events) {
    const list = eventsByLeg.get(event.leg_id) ?? [];
    list.push(toFactEvent(event));
    eventsByLeg.set(event.leg_id, list);
  }
  const legsByShipment = new Map<string, typeof inputs.legs>();
  for (const leg of inputs.legs) legsByShipment.set(leg.shipment_id, [...(legsByShipment.get(leg.shipment_id) ?? []), leg]);

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
    const promisedByMs = shipment.promised_by ? new Date(shipment.promised_by).getTime() : null;
    const legEvents = legs.map((leg) => ({ events: eventsByLeg.get(leg.id) ?? [] }));
    const facts = deriveShipmentFacts({ events: legEvents.flatMap((leg) => leg.events), promisedByMs, asOfMs: ALL_EVENTS });
    // maxSilenceHours depends on the reading time: measured at read time from lastEventAt instead.
    const { maxSilenceHours: _readTimeOnly, ...stored } = facts;
    shipmentFacts.push({ shipmentId: shipment.id, corridor, serviceLevel: shipment.service_level, promisedBy: shipment.promised_by, ...stored });
    const delivering = deliveringLegIndex(legEvents);
    const carrierOf = new Map(legs.map((leg) => [leg.id, leg.carrier_id]));
    legs.forEach((leg, index) => {
      const credited = index === delivering;
      const own = deriveLegFacts({ events: legEvents[index].events, creditedWithDelivery: credited, shipmentOnTime: facts.onTime });
      const handedOverAt = leg.linkedAtMs;
      legFacts.push({
        legId: leg.id,
        shipmentId: shipment.id,
        carrierId: leg.carrier_id,
        corridor,
        serviceLevel: shipment.service_level,
        legStartAt: own.legStartAt,
        legEndAt: own.legEndAt,
        legTransitDays: own.legTransitDays,
        customsStartAt: own.customsStartAt,
        customsReleasedAt: own.customsReleasedAt,
        customsHoldHours: own.customsHoldHours,
        exportCustomsHoldHours: own.exportCustomsHoldHours,
        firstAttemptAt: own.firstAttemptAt,
        firstAttemptDelivered: own.firstAttemptDelivered,
        creditedDeliveredAt: credited ? facts.deliveredAt : null,
        onTime: own.onTime,
        previousCarrierId: leg.parentLegId ? (carrierOf.get(leg.parentLegId) ?? null) : null,
        handoverGapHours: leg.parentLegId && handedOverAt !== null && own.legStartAt !== null ? (own.legStartAt - handedOverAt) / HOUR_MS : null,
        lastEventAt: own.lastEventAt,
        terminal: own.terminal,
      });
    });
  }
  const replaced = await replaceFacts(runner, { shipmentIds: ids, shipments: shipmentFacts, legs: legFacts });
  await applyRollupChanges(runner, {
    removed: [
      ...replaced.shipments.flatMap((fact) =>
        kpiContributions('s', 0, {
          corridor: fact.corridor,
          serviceLevel: fact.service_level,
          transitClosingMs: ms(fact.delivered_at),
          transitDays: fact.transit_days,
          customsReleasedMs: ms(fact.customs_released_at),
          customsHoldHours: fact.customs_hold_hours,
          firstAttemptMs: ms(fact.first_attempt_at),
          firstAttemptDelivered: fact.first_attempt_delivered,
          onTimeClosingMs: ms(fact.delivered_at),
          onTime: fact.on_time,
        }),
      ),
      ...replaced.legs.flatMap((fact) =>
        kpiContributions('l', fact.carrier_id, {
          corridor: fact.corridor,
          serviceLevel: fact.service_level,
          transitClosingMs: ms(fact.leg_end_at),
          transitDays: fact.leg_transit_days,
          customsReleasedMs: ms(fact.customs_released_at),
          customsHoldHours: fact.customs_hold_hours,
          firstAttemptMs: ms(fact.first_attempt_at),
          firstAttemptDelivered: fact.first_attempt_delivered,
          onTimeClosingMs: ms(fact.credited_delivered_at),
          onTime: fact.on_time,
        }),
      ),
    ],
    added: [
      ...shipmentFacts.flatMap((fact) =>
        kpiContributions('s', 0, {
          corridor: fact.corridor,
          serviceLevel: fact.serviceLevel,
          transitClosingMs: fact.deliveredAt,
          transitDays: fact.transitDays,
          customsReleasedMs: fact.customsReleasedAt,
          customsHoldHours: fact.customsHoldHours,
          firstAttemptMs: fact.firstAttemptAt,
          firstAttemptDelivered: fact.firstAttemptDelivered,
          onTimeClosingMs: fact.deliveredAt,
          onTime: fact.onTime,
        }),
      ),
      ...legFacts.flatMap((fact) =>
        kpiContributions('l', fact.carrierId, {
          corridor: fact.corridor,
          serviceLevel: fact.serviceLevel,
          transitClosingMs: fact.legEndAt,
          transitDays: fact.legTransitDays,
          customsReleasedMs: fact.customsReleasedAt,
          customsHoldHours: fact.customsHoldHours,
          firstAttemptMs: fact.firstAttemptAt,
          firstAttemptDelivered: fact.firstAttemptDelivered,
          onTimeClosingMs: fact.creditedDeliveredAt,
          onTime: fact.onTime,
        }),
      ),
    ],
  });
}

const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());
