import type { Feed } from '@lanewatch/simulator';
import type { OracleInput } from '../oracle/kpi-oracle';

/** The feed as the independent oracle sees it: code-only events resolved through the carrier's map. */
export function oracleInputOf(feed: Feed): OracleInput {
  const codeMaps = new Map(feed.carriers.map((carrier) => [carrier.code, carrier.codeMap ?? {}]));
  return {
    shipments: feed.journeys.map((journey) => ({
      legs: journey.legs.map((leg) => ({ carrier: leg.carrier, trackingNumber: leg.trackingNumber })),
      origin: journey.shipment.origin ?? null,
      destination: journey.shipment.destination ?? null,
      serviceLevel: journey.shipment.serviceLevel ?? null,
      promisedBy: journey.shipment.promisedBy ?? null,
    })),
    events: feed.journeys.flatMap((journey) =>
      journey.legs.flatMap((leg) =>
        leg.events.map((event) => ({
          carrier: leg.carrier,
          trackingNumber: leg.trackingNumber,
          milestone: event.milestone ?? (event.code ? ((codeMaps.get(leg.carrier) as Record<string, string>)[event.code] ?? null) : null),
          occurredAt: event.occurredAt,
          ...(event.handover ? { handover: event.handover } : {}),
        })),
      ),
    ),
  };
}

