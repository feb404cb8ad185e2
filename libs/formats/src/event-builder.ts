import { DELIVERED_SUBTYPES, Milestone, toAlpha2 } from '@lanewatch/domain';
import { DateTime } from 'luxon';
import type { AdaptedEvent, AdapterResult, CanonicalEventInput } from './adapter.types';
import { sideOf } from './customs-direction';
import { compact } from './payload.util';
import type { LocalTimeResult } from './time-zones';

/** One carrier entry on its way to a canonical event; the format's adapter fills it in. */
export interface Entry {
  path: string;
  raw: unknown;
  trackingNumber: string | undefined;
  code: string | undefined;
  time: LocalTimeResult;
  country?: string;
  city?: string;
  facility?: string;
  message?: string;
  reason?: string;
  subtype?: string;
  /** A milestone the payload itself decides (context-dependent codes); wins over the code map. */
  milestone?: Milestone;
  /** [origin side, destination side]: resolved by the event's country, else left to the code map. */
  sided?: readonly [Milestone, Milestone];
  handover?: { carrier: string; trackingNumber: string };
  eventId?: string;
}

export interface ItemContext {
  origin?: string;
  destination?: string;
  serviceLevel?: string;
  orderRef?: string;
}

/**
 * Turns one item's entries into canonical events: an entry without a usable time or number is
 * rejected with its path; sided codes are resolved when the countries say which side (an earlier
 * arrival in the destination country counts), otherwise only the raw code is sent on.
 */
export function buildItemEvents(
  entries: Entry[],
  item: ItemContext,
  codeMap: Readonly<Record<string, Milestone>>,
  result: AdapterResult,
): void {
  const timed: { entry: Entry; ms: number; value: string }[] = [];
  for (const entry of entries) {
    const errors: string[] = [];
    if (!entry.trackingNumber) errors.push(`${entry.path}: the tracking number is missing`);
    if (!entry.code && !entry.milestone) errors.push(`${entry.path}: the event code is missing`);
    if (!entry.time.ok) errors.push(`${entry.path}: ${entry.time.error}`);
    const ms = entry.time.ok ? DateTime.fromISO(entry.time.value, { setZone: true }).toMillis() : NaN;
    if (entry.time.ok && Number.isNaN(ms)) errors.push(`${entry.path}: '${entry.time.value}' is not a valid date-time`);
    if (errors.length > 0 || !entry.time.ok) result.rejected.push({ path: entry.path, errors });
    else timed.push({ entry, ms, value: entry.time.value });
  }
  const destination = item.destination ? (toAlpha2(item.destination) ?? undefined) : undefined;
  const origin = item.origin ? (toAlpha2(item.origin) ?? undefined) : undefined;
  const arrivals = timed
    .filter(({ entry }) => (entry.milestone ?? (entry.code ? codeMap[entry.code] : undefined)) === 'ARRIVED_DESTINATION')
    .map(({ ms }) => ms);
  const firstArrival = arrivals.length > 0 ? Math.min(...arrivals) : Infinity;
  const shipment = origin || destination || item.serviceLevel || item.orderRef
    ? compact({ origin, destination, serviceLevel: item.serviceLevel, orderRef: item.orderRef })
    : undefined;

  for (const { entry, ms, value } of timed) {
    let milestone = entry.milestone;
    if (!milestone && entry.sided) {
      const side = sideOf({ eventCountry: entry.country, origin, destination, arrived: ms > firstArrival });
      if (side) milestone = entry.sided[side === 'origin' ? 0 : 1];
    }
    const effective = milestone ?? (entry.code ? codeMap[entry.code] : undefined);
    const subtype = entry.subtype && effective === 'DELIVERED' && (DELIVERED_SUBTYPES as readonly string[]).includes(entry.subtype) ? entry.subtype : undefined;
    const location = compact({ country: entry.country ? (toAlpha2(entry.country) ?? entry.country) : undefined, city: entry.city, facility: entry.facility });
    const event: CanonicalEventInput = compact({
      trackingNumber: entry.trackingNumber as string,
      milestone,
      code: entry.code,
      occurredAt: value,
      eventId: entry.eventId,
      location: Object.keys(location).length > 0 ? location : undefined,
      message: entry.message?.slice(0, 1000),
      reason: entry.reason,
      subtype,
      handover: entry.handover,
      shipment,
    });
    const adapted: AdaptedEvent = { path: entry.path, event, raw: entry.raw };
    result.events.push(adapted);
  }
}
