import type { AttributeChangeRow, DataQualityIssueRow, LegRow, ShipmentRow, StoredEventRow } from '@lanewatch/db';
import { LegName, presentLinkIssue } from '@lanewatch/domain';
import {
  compareFactEvents,
  deriveShipmentFacts,
  findTrackingGaps,
  isMilestone,
  Milestone,
  orderLegsByHandover,
  ShipmentFacts,
} from '@lanewatch/domain';

// A silence of two days between scans is worth showing on a parcel's timeline.
export const GAP_THRESHOLD_HOURS = 48;

const iso = (value: Date | number | null) => (value === null ? null : new Date(value).toISOString());

function localTime(at: Date, offsetMinutes: number): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Root first, then each leg after the leg that handed it over. */
export function orderLegs(legs: LegRow[]): LegRow[] {
  const byId = new Map(legs.map((leg) => [leg.id, leg]));
  return orderLegsByHandover(
    legs.map((leg) => ({ id: leg.id, parentLegId: leg.parent_leg_id, linkedAtMs: leg.linked_at ? new Date(leg.linked_at).getTime() : null })),
  ).map((leg) => byId.get(leg.id) as LegRow);
}

function factsView(facts: ShipmentFacts) {
  return {
    firstScanAt: iso(facts.firstScanAt),
    deliveredAt: iso(facts.deliveredAt),
    transitDays: facts.transitDays,
    customsStartAt: iso(facts.customsStartAt),
    customsReleasedAt: iso(facts.customsReleasedAt),
    customsHoldHours: facts.customsHoldHours,
    exportCustomsStartAt: iso(facts.exportCustomsStartAt),
    exportCustomsClearedAt: iso(facts.exportCustomsReleasedAt),
    exportCustomsHoldHours: facts.exportCustomsHoldHours,
    firstAttemptAt: iso(facts.firstAttemptAt),
    firstAttemptDelivered: facts.firstAttemptDelivered,
    onTime: facts.onTime,
    lastEventAt: iso(facts.lastEventAt),
    maxSilenceHours: facts.maxSilenceHours,
    terminal: facts.terminal,
  };
}

export function buildShipmentView(input: {
  shipment: ShipmentRow | null;
  legs: LegRow[];
  events: StoredEventRow[];
  history: AttributeChangeRow[];
  issues: DataQualityIssueRow[];
  /** Carrier and tracking number of every leg the issues name. */
  issueLegs: Map<string, LegName>;
  /** For a carrier key: the legs it may see (its own); null for admins and viewers. */
  visibleLegIds: Set<string> | null;
  asOf: Date;
}) {
  const legs = input.shipment ? orderLegs(input.legs) : input.legs;
  const legById = new Map(legs.map((leg) => [leg.id, leg]));
  const factEvents = input.events.map((event) => ({
    milestone: isMilestone(event.milestone) ? (event.milestone as Milestone) : null,
    occurredAtMs: new Date(event.occurred_at).getTime(),
  }));
  const ordered = input.events
    .map((event, index) => ({ event, fact: factEvents[index] }))
    .sort((a, b) => compareFactEvents(a.fact, b.fact) || Number(a.event.id) - Number(b.event.id));
  const facts = deriveShipmentFacts({
    events: factEvents,
    promisedByMs: input.shipment?.promised_by ? new Date(input.shipment.promised_by).getTime() : null,
    asOfMs: input.asOf.getTime(),
  });
  const unmapped = input.events.filter((event) => event.milestone === null).length;
  const dataQuality = [
    ...(input.shipment ? [] : [{ kind: 'unlinked_leg', detail: 'no shipment claims this leg yet: no registration, shipment block or hand-over' }]),
    ...(unmapped > 0 ? [{ kind: 'unmapped_events', detail: `${unmapped} event(s) have a raw code with no milestone; they do not count in KPIs` }] : []),
    ...(input.shipment && (!input.shipment.origin || !input.shipment.destination)
      ? [{ kind: 'no_corridor', detail: 'origin or destination unknown: left out of corridor KPIs' }]
      : []),
    ...(facts.firstScanAt === null && input.events.length > 0 ? [{ kind: 'no_physical_scan', detail: 'no physical scan yet' }] : []),
    ...input.issues.map((issue) =>
      presentLinkIssue({ issue, names: input.issueLegs, visible: input.visibleLegIds ? (legId) => input.visibleLegIds?.has(legId) ?? false : null }),
    ),
  ];
  const shipment = input.shipment;
  return {
    shipment: shipment && {
      id: shipment.id,
      origin: shipment.origin,
      destination: shipment.destination,
      corridor: shipment.origin && shipment.destination ? `${shipment.origin}-${shipment.destination}` : null,
      serviceLevel: shipment.service_level,
      promisedBy: iso(shipment.promised_by),
      orderRef: shipment.order_ref,
      carrierEstimate: iso(shipment.carrier_estimate),
      createdAt: iso(shipment.created_at),
      updatedAt: iso(shipment.updated_at),
    },
    legs: legs.map((leg, position) => {
      // A carrier key sees where its own legs came from only when that leg is its own too.
      const parent = leg.parent_leg_id && (input.visibleLegIds?.has(leg.parent_leg_id) ?? true) ? legById.get(leg.parent_leg_id) : undefined;
      return {
        position: position + 1,
        carrier: leg.carrier_code,
        trackingNumber: leg.tracking_number,
        handedOverFrom: parent ? { carrier: parent.carrier_code, trackingNumber: parent.tracking_number } : null,
        linkedAt: iso(leg.linked_at),
        events: leg.event_count,
      };
    }),
    events: ordered.map(({ event }) => ({
      carrier: event.carrier_code,
      trackingNumber: event.tracking_number,
      milestone: event.milestone,
      milestoneSource: event.milestone_source,
      code: event.raw_code,
      occurredAt: iso(event.occurred_at),
      occurredAtLocal: localTime(new Date(event.occurred_at), event.offset_minutes),
      receivedAt: iso(event.received_at),
      eventId: event.event_id,
      location: { country: event.location_country, city: event.location_city, facility: event.location_facility },
      message: event.message,
      reason: event.reason,
      subtype: event.subtype,
      handover: event.handover_carrier_code ? { carrier: event.handover_carrier_code, trackingNumber: event.handover_tracking_number } : null,
      raw: event.raw,
    })),
    facts: factsView(facts),
    gaps: findTrackingGaps({ events: factEvents, asOfMs: input.asOf.getTime(), minHours: GAP_THRESHOLD_HOURS }).map((gap) => ({
      from: iso(gap.fromMs),
      to: iso(gap.toMs),
      hours: Math.round(gap.hours * 10) / 10,
      open: gap.open,
    })),
    dataQuality,
    attributeHistory: input.history.map((change) => ({
      field: change.field,
      value: change.value,
      observedAt: iso(change.observed_at),
      receivedAt: iso(change.received_at),
      source: change.source,
    })),
    asOf: input.asOf.toISOString(),
  };
}
