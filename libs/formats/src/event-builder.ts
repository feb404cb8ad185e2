import { DELIVERED_SUBTYPES, Milestone, milestonesBetween, resolveCountry, UNCLASSIFIED_CODE } from '@lanewatch/domain';
import { DateTime } from 'luxon';
import type { AdaptedEvent, AdapterResult, CanonicalEventInput } from './adapter.types';
import { journeySide } from './customs-direction';
import { compact } from './payload.util';
import { offsetFitsCountry, type LocalTimeResult } from './time-zones';

// The code of a real scan that carries no usable code or status: stored unmapped with its text (formats.md).
export { UNCLASSIFIED_CODE };

/** One carrier entry on its way to a canonical event; the format's adapter fills it in. */
export interface Entry {
  path: string;
  raw: unknown;
  trackingNumber: string | undefined;
  code: string | undefined;
  time: LocalTimeResult;
  /** As the payload writes it: a code or a country name; resolved here. */
  country?: string;
  city?: string;
  facility?: string;
  message?: string;
  reason?: string;
  subtype?: string;
  /** A milestone the payload itself decides (context-dependent codes); wins over the code map. */
  milestone?: Milestone;
  /** [origin side, destination side]: resolved by the event's country, its own evidence or the journey order. */
  sided?: readonly [Milestone, Milestone];
  handover?: { carrier: string; trackingNumber: string };
  eventId?: string;
}

export interface ItemContext {
  origin?: string;
  destination?: string;
  serviceLevel?: string;
  orderRef?: string;
  /** Payload paths of origin and destination, for warnings about names that resolve to no country. */
  originPath?: string;
  destinationPath?: string;
  /** The payload says the shipment does not cross a border. */
  domestic?: boolean;
  /** Cities or facilities the payload places at either end (EasyPost's carrier_detail locations). */
  originPlaces?: (string | undefined)[];
  destinationPlaces?: (string | undefined)[];
  /** Formats whose times are UTC only (EasyPost) carry no local offset to tell the sides apart. */
  utcOnly?: boolean;
}

const CUSTOMS: ReadonlySet<Milestone> = new Set<Milestone>([
  'EXPORT_CUSTOMS_STARTED',
  'EXPORT_CUSTOMS_HELD',
  'EXPORT_CUSTOMS_CLEARED',
  'IMPORT_CUSTOMS_STARTED',
  'IMPORT_CUSTOMS_HELD',
  'IMPORT_CUSTOMS_RELEASED',
]);
/** Milestones after which the parcel has moved: a later acceptance scan is a facility scan. */
const MOVED: ReadonlySet<Milestone> = new Set(milestonesBetween('ORIGIN_FACILITY', 'RETURNED'));
/** Milestones that put the parcel on the destination side of the journey. */
const ARRIVED: ReadonlySet<Milestone> = new Set<Milestone>([
  'ARRIVED_DESTINATION',
  'IMPORT_CUSTOMS_STARTED',
  'IMPORT_CUSTOMS_HELD',
  'IMPORT_CUSTOMS_RELEASED',
  'DESTINATION_FACILITY',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
  'AVAILABLE_FOR_PICKUP',
  'DELIVERED',
]);
const LAST_MILE: ReadonlySet<Milestone> = new Set<Milestone>(['OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'AVAILABLE_FOR_PICKUP', 'DELIVERED']);

const normalisePlace = (value: string | undefined) => (value ? value.trim().replace(/\s+/g, ' ').toUpperCase() : undefined);
const placesOf = (entry: Entry) => [normalisePlace(entry.city), normalisePlace(entry.facility)].filter((place): place is string => !!place);

interface Timed {
  entry: Entry;
  index: number;
  ms: number;
  value: string;
  country: string | undefined;
}

/** A country as written (code or name), resolved; a name that resolves to nothing is a warning, never a rejection. */
function countryOf(raw: string | undefined, path: string, field: string, result: AdapterResult): string | undefined {
  if (!raw) return undefined;
  const code = resolveCountry(raw);
  if (!code) result.warnings.push({ kind: 'unresolved_country', path, errors: [`${field} '${raw}' is not a country code or a country name we know; the event is kept without it`] });
  return code ?? undefined;
}

/**
 * Turns one item's entries into canonical events: an entry without a usable time or number is
 * rejected with its path; one with a time but no code is kept as UNCLASSIFIED. Direction-dependent
 * codes and repeated acceptance scans are decided in time order (formats.md).
 */
export function buildItemEvents(entries: Entry[], item: ItemContext, codeMap: Readonly<Record<string, Milestone>>, result: AdapterResult): void {
  const timed: Timed[] = [];
  entries.forEach((entry, index) => {
    const errors: string[] = [];
    if (!entry.trackingNumber) errors.push(`${entry.path}: the tracking number is missing`);
    if (!entry.time.ok) errors.push(`${entry.path}: ${entry.time.error}`);
    const ms = entry.time.ok ? DateTime.fromISO(entry.time.value, { setZone: true }).toMillis() : NaN;
    if (entry.time.ok && Number.isNaN(ms)) errors.push(`${entry.path}: '${entry.time.value}' is not a valid date-time`);
    if (errors.length > 0 || !entry.time.ok) {
      result.rejected.push({ path: entry.path, errors });
      return;
    }
    const code = entry.code ?? (entry.milestone ? undefined : UNCLASSIFIED_CODE);
    timed.push({ entry: { ...entry, code }, index, ms, value: entry.time.value, country: countryOf(entry.country, entry.path, 'country', result) });
  });
  const origin = countryOf(item.origin, item.originPath ?? 'origin', 'origin country', result);
  const destination = countryOf(item.destination, item.destinationPath ?? 'destination', 'destination country', result);
  const domestic = item.domestic === true || (!!origin && origin === destination);
  const shipment = origin || destination || item.serviceLevel || item.orderRef
    ? compact({ origin, destination, serviceLevel: item.serviceLevel, orderRef: item.orderRef })
    : undefined;

  const mapped = (entry: Entry) => entry.milestone ?? (entry.code ? codeMap[entry.code] : undefined);
  const originPlaces = new Set((item.originPlaces ?? []).map(normalisePlace).filter((place): place is string => !!place));
  const destinationPlaces = new Set((item.destinationPlaces ?? []).map(normalisePlace).filter((place): place is string => !!place));
  // Where the last mile happened is the destination side, whatever the scan's code says.
  for (const { entry } of timed) {
    const milestone = mapped(entry);
    if (milestone && LAST_MILE.has(milestone)) placesOf(entry).forEach((place) => destinationPlaces.add(place));
  }

  const offsetOf = (value: string) => DateTime.fromISO(value, { setZone: true }).offset;
  // Offsets are where a scan happened only if the scans that must be at the destination say so: a
  // payload whose delivery carries the origin's offset writes a display zone (Cainiao's GMT+08:00).
  const displayZone =
    !!origin &&
    !!destination &&
    origin !== destination &&
    timed.some(({ entry, value, country }) => {
      const milestone = mapped(entry);
      const atDestination = (milestone !== undefined && LAST_MILE.has(milestone)) || country === destination;
      return atDestination && !offsetFitsCountry(offsetOf(value), destination) && offsetFitsCountry(offsetOf(value), origin);
    });

  const decided = new Map<number, Milestone | undefined>();
  let arrivedAt = Infinity;
  let movedAt = Infinity;
  for (const current of [...timed].sort((a, b) => a.ms - b.ms || a.index - b.index)) {
    const { entry, ms } = current;
    let milestone = entry.milestone;
    if (!milestone && entry.sided) {
      const side = journeySide({
        eventCountry: current.country,
        origin,
        destination,
        arrived: ms > arrivedAt,
        domestic,
        offsetMinutes: item.utcOnly || displayZone ? null : offsetOf(current.value),
        message: entry.message,
        places: placesOf(entry),
        originPlaces,
        destinationPlaces,
      });
      const [originSide, destinationSide] = entry.sided;
      const thirdCountry = !domestic && !!current.country && !!origin && !!destination && current.country !== origin && current.country !== destination;
      // A domestic parcel crosses no border: a customs pair gives its non-customs side or stays raw.
      if (domestic && (CUSTOMS.has(originSide) || CUSTOMS.has(destinationSide))) milestone = CUSTOMS.has(originSide) ? undefined : originSide;
      // A facility scan in neither end's country is a transit hub (events.md §1, TRANSIT_HUB).
      else if (thirdCountry && originSide === 'ORIGIN_FACILITY' && destinationSide === 'DESTINATION_FACILITY') milestone = 'TRANSIT_HUB';
      else milestone = side === 'origin' ? originSide : destinationSide;
    }
    let effective = milestone ?? (entry.code ? codeMap[entry.code] : undefined);
    if (effective === 'ACCEPTED' && ms > movedAt) {
      milestone = ms > arrivedAt ? 'DESTINATION_FACILITY' : 'ORIGIN_FACILITY';
      effective = milestone;
    }
    if (effective && MOVED.has(effective)) movedAt = Math.min(movedAt, ms);
    if (effective && ARRIVED.has(effective)) arrivedAt = Math.min(arrivedAt, ms);
    decided.set(current.index, milestone);
  }

  for (const { entry, index, value, country } of timed) {
    const milestone = decided.get(index);
    const effective = milestone ?? (entry.code ? codeMap[entry.code] : undefined);
    const subtype = entry.subtype && effective === 'DELIVERED' && (DELIVERED_SUBTYPES as readonly string[]).includes(entry.subtype) ? entry.subtype : undefined;
    const location = compact({ country, city: entry.city, facility: entry.facility });
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
