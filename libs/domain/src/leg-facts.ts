import { deriveShipmentFacts, FactEvent, ShipmentFacts } from './shipment-facts';
import { DAY_MS } from './time-units';

export interface LegFacts {
  legStartAt: number | null;
  legEndAt: number | null;
  legTransitDays: number | null;
  deliveredAt: number | null;
  customsStartAt: number | null;
  customsReleasedAt: number | null;
  customsHoldHours: number | null;
  exportCustomsStartAt: number | null;
  exportCustomsReleasedAt: number | null;
  exportCustomsHoldHours: number | null;
  firstAttemptAt: number | null;
  firstAttemptDelivered: boolean | null;
  /** The shipment's onTime, on the leg holding the shipment's earliest DELIVERED only; null elsewhere. */
  onTime: boolean | null;
  lastEventAt: number | null;
  terminal: boolean;
}

const ALL_EVENTS = Number.POSITIVE_INFINITY;

/** kpis.md §2: a leg's facts from that leg's events only; customs and attempts as in §1. */
export function deriveLegFacts(input: { events: FactEvent[]; creditedWithDelivery: boolean; shipmentOnTime: boolean | null }): LegFacts {
  const within: ShipmentFacts = deriveShipmentFacts({ events: input.events, promisedByMs: null, asOfMs: ALL_EVENTS });
  let legEndAt: number | null = null;
  for (const event of input.events) {
    if ((event.milestone === 'DELIVERED' || event.milestone === 'HANDED_OVER') && (legEndAt === null || event.occurredAtMs < legEndAt)) {
      legEndAt = event.occurredAtMs;
    }
  }
  const legStartAt = within.firstScanAt;
  return {
    legStartAt,
    legEndAt,
    legTransitDays: legStartAt !== null && legEndAt !== null ? (legEndAt - legStartAt) / DAY_MS : null,
    deliveredAt: within.deliveredAt,
    customsStartAt: within.customsStartAt,
    customsReleasedAt: within.customsReleasedAt,
    customsHoldHours: within.customsHoldHours,
    exportCustomsStartAt: within.exportCustomsStartAt,
    exportCustomsReleasedAt: within.exportCustomsReleasedAt,
    exportCustomsHoldHours: within.exportCustomsHoldHours,
    firstAttemptAt: within.firstAttemptAt,
    firstAttemptDelivered: within.firstAttemptDelivered,
    onTime: input.creditedWithDelivery ? input.shipmentOnTime : null,
    lastEventAt: within.lastEventAt,
    terminal: within.terminal,
  };
}

/**
 * The leg credited with the shipment's delivery: the one holding its earliest DELIVERED; on a
 * tie, the earlier leg in journey order. Legs are given in journey order.
 */
export function deliveringLegIndex(legs: { events: FactEvent[] }[]): number | null {
  let bestIndex: number | null = null;
  let bestAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < legs.length; index += 1) {
    for (const event of legs[index].events) {
      if (event.milestone === 'DELIVERED' && event.occurredAtMs < bestAt) {
        bestIndex = index;
        bestAt = event.occurredAtMs;
      }
    }
  }
  return bestIndex;
}
