import { asArray, asRecord, type Fields, isRecord, optionalBoolean, optionalNumber, optionalText, text } from './parse.util';

// GET /api/v1/shipments/{carrier}/{trackingNumber} (apps/api/src/shipments/shipment-view.ts).
export type JourneyLeg = {
  position: number;
  carrier: string;
  trackingNumber: string;
  handedOverFrom: { carrier: string; trackingNumber: string } | null;
  linkedAt: string | null;
  events: number | null;
};

export type JourneyEvent = {
  carrier: string;
  trackingNumber: string;
  milestone: string | null;
  code: string | null;
  occurredAt: string;
  occurredAtLocal: string | null;
  receivedAt: string | null;
  location: { country: string | null; city: string | null; facility: string | null };
  message: string | null;
  reason: string | null;
  handover: { carrier: string; trackingNumber: string } | null;
};

export type JourneyGap = { from: string; to: string | null; hours: number; open: boolean };

export type JourneyFacts = {
  firstScanAt: string | null;
  deliveredAt: string | null;
  transitDays: number | null;
  customsStartAt: string | null;
  customsReleasedAt: string | null;
  customsHoldHours: number | null;
  firstAttemptAt: string | null;
  firstAttemptDelivered: boolean | null;
  onTime: boolean | null;
  terminal: boolean | null;
};

export type ShipmentJourney = {
  shipment: { corridor: string | null; serviceLevel: string | null; promisedBy: string | null; orderRef: string | null } | null;
  legs: JourneyLeg[];
  events: JourneyEvent[];
  facts: JourneyFacts;
  gaps: JourneyGap[];
  dataQuality: { kind: string; detail: string }[];
  asOf: string | null;
};

function parseLegRef(value: unknown, path: string): { carrier: string; trackingNumber: string } | null {
  if (!isRecord(value)) {
    return null;
  }
  return { carrier: text(value, 'carrier', path), trackingNumber: text(value, 'trackingNumber', path) };
}

function parseFacts(value: unknown): JourneyFacts {
  const record: Fields = isRecord(value) ? value : {};
  const at = (key: string) => optionalText(record, key, 'journey.facts');
  return {
    firstScanAt: at('firstScanAt'),
    deliveredAt: at('deliveredAt'),
    transitDays: optionalNumber(record, 'transitDays', 'journey.facts'),
    customsStartAt: at('customsStartAt'),
    customsReleasedAt: at('customsReleasedAt'),
    customsHoldHours: optionalNumber(record, 'customsHoldHours', 'journey.facts'),
    firstAttemptAt: at('firstAttemptAt'),
    firstAttemptDelivered: optionalBoolean(record, 'firstAttemptDelivered', 'journey.facts'),
    onTime: optionalBoolean(record, 'onTime', 'journey.facts'),
    terminal: optionalBoolean(record, 'terminal', 'journey.facts'),
  };
}

export function parseShipmentJourney(body: unknown): ShipmentJourney {
  const record = asRecord(body, 'journey');
  const shipment = isRecord(record.shipment) ? record.shipment : null;
  return {
    shipment:
      shipment === null
        ? null
        : {
            corridor: optionalText(shipment, 'corridor', 'journey.shipment'),
            serviceLevel: optionalText(shipment, 'serviceLevel', 'journey.shipment'),
            promisedBy: optionalText(shipment, 'promisedBy', 'journey.shipment'),
            orderRef: optionalText(shipment, 'orderRef', 'journey.shipment'),
          },
    legs: asArray(record.legs, 'journey.legs').map((item, index) => {
      const path = `journey.legs[${index}]`;
      const leg = asRecord(item, path);
      return {
        position: optionalNumber(leg, 'position', path) ?? index + 1,
        carrier: text(leg, 'carrier', path),
        trackingNumber: text(leg, 'trackingNumber', path),
        handedOverFrom: parseLegRef(leg.handedOverFrom, `${path}.handedOverFrom`),
        linkedAt: optionalText(leg, 'linkedAt', path),
        events: optionalNumber(leg, 'events', path),
      };
    }),
    events: asArray(record.events, 'journey.events').map((item, index) => {
      const path = `journey.events[${index}]`;
      const event = asRecord(item, path);
      const location: Fields = isRecord(event.location) ? event.location : {};
      return {
        carrier: text(event, 'carrier', path),
        trackingNumber: text(event, 'trackingNumber', path),
        milestone: optionalText(event, 'milestone', path),
        code: optionalText(event, 'code', path),
        occurredAt: text(event, 'occurredAt', path),
        occurredAtLocal: optionalText(event, 'occurredAtLocal', path),
        receivedAt: optionalText(event, 'receivedAt', path),
        location: {
          country: optionalText(location, 'country', `${path}.location`),
          city: optionalText(location, 'city', `${path}.location`),
          facility: optionalText(location, 'facility', `${path}.location`),
        },
        message: optionalText(event, 'message', path),
        reason: optionalText(event, 'reason', path),
        handover: parseLegRef(event.handover, `${path}.handover`),
      };
    }),
    facts: parseFacts(record.facts),
    gaps: (record.gaps === undefined ? [] : asArray(record.gaps, 'journey.gaps')).map((item, index) => {
      const path = `journey.gaps[${index}]`;
      const gap = asRecord(item, path);
      return {
        from: text(gap, 'from', path),
        to: optionalText(gap, 'to', path),
        hours: optionalNumber(gap, 'hours', path) ?? 0,
        open: optionalBoolean(gap, 'open', path) ?? false,
      };
    }),
    dataQuality: (record.dataQuality === undefined ? [] : asArray(record.dataQuality, 'journey.dataQuality')).map((item, index) => {
      const path = `journey.dataQuality[${index}]`;
      const issue = asRecord(item, path);
      const detail = issue.detail;
      return { kind: text(issue, 'kind', path), detail: typeof detail === 'string' ? detail : JSON.stringify(detail ?? null) };
    }),
    asOf: optionalText(record, 'asOf', 'journey'),
  };
}

export type LegMatch = { carrier: string; trackingNumber: string; linked: boolean; events: number };

// GET /shipments?trackingNumber=: the legs of every carrier with this number, whatever its case.
export function parseLegMatches(body: unknown): LegMatch[] {
  const record = asRecord(body, 'lookup');
  return asArray(record.legs, 'lookup.legs').map((item, index) => {
    const path = `lookup.legs[${index}]`;
    const leg = asRecord(item, path);
    return {
      carrier: text(leg, 'carrier', path),
      trackingNumber: text(leg, 'trackingNumber', path),
      linked: optionalBoolean(leg, 'linked', path) ?? false,
      events: optionalNumber(leg, 'events', path) ?? 0,
    };
  });
}
