import { type CarrierProfile, type HourRange, carrierProfile } from './carriers.constants';
import { ORIGIN_ZONE, type Place, type WeightedCity } from './corridors.constants';
import type { CanonicalEvent, HandoverReference, ShipmentBlock } from './feed.types';
import { messageFor } from './messages.constants';
import type { DeliverySubtype, Milestone } from './milestones.constants';
import type { Random } from './random.util';
import { HOUR_MS, alignToLocalHours, formatInZone, truncateToSecond } from './time.util';

// `milestone` is the truth the simulator intended: null for a raw code the carrier's map lacks.
export interface ScheduledEvent {
  at: number;
  milestone: Milestone | null;
  /** Intended delivery subtype, kept even where the carrier's format has no field for it. */
  subtype?: DeliverySubtype;
  event: CanonicalEvent;
}

export interface ScheduledLeg {
  carrier: string;
  trackingNumber: string;
  events: ScheduledEvent[];
}

export interface EmitExtras {
  reason?: string;
  subtype?: DeliverySubtype;
  handover?: HandoverReference;
  shipment?: ShipmentBlock;
}

const DEPARTURE_SCANNED: ReadonlySet<Milestone> = new Set(['ORIGIN_FACILITY', 'TRANSIT_HUB', 'DESTINATION_FACILITY']);

export class TimelineBuilder {
  readonly legs: ScheduledLeg[] = [];
  private cursor: number;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly random: Random,
    startAt: number,
    private readonly options: { departureScans?: boolean } = {},
  ) {
    this.cursor = startAt;
  }

  addLeg(carrier: string, trackingNumber: string): number {
    this.legs.push({ carrier, trackingNumber, events: [] });
    return this.legs.length - 1;
  }

  wait([minHours, maxHours]: HourRange): void {
    this.cursor += this.random.float(minHours, maxHours) * HOUR_MS;
  }

  waitHours(hours: number): void {
    this.cursor += hours * HOUR_MS;
  }

  inLocalHours(zone: string, fromHour: number, toHour: number): void {
    this.cursor = alignToLocalHours(this.cursor, zone, fromHour, toHour, this.random);
  }

  emit(legIndex: number, milestone: Milestone, place: Place | null, extras: EmitExtras = {}): void {
    const leg = this.legs[legIndex];
    const profile = carrierProfile(leg.carrier);
    const at = this.nextInstant();
    let truth: Milestone | null = milestone;
    let identity: Pick<CanonicalEvent, 'milestone' | 'code'>;
    if (profile.carrier.eventStyle === 'code') {
      const code = profile.codes?.[milestone];
      if (code === undefined) throw new Error(`${leg.carrier} has no raw code for ${milestone}`);
      identity = { code };
      truth = profile.carrier.codeMap?.[code] ?? null;
    } else {
      const actionCode = profile.firstMile?.actionCodes?.[milestone];
      identity = actionCode === undefined ? { milestone } : { milestone, code: actionCode };
    }
    const event = this.baseEvent(leg, profile, at, place, identity);
    event.message = messageFor(profile.language, milestone, placeLabel(profile, place));
    if (extras.reason !== undefined) event.reason = extras.reason;
    // UPU-style code feeds have no subtype field; the pickup is told by the EDH before EMI.
    if (extras.subtype !== undefined && profile.carrier.eventStyle === 'milestone') event.subtype = extras.subtype;
    if (extras.handover !== undefined) event.handover = extras.handover;
    if (extras.shipment !== undefined) event.shipment = extras.shipment;
    leg.events.push({ at, milestone: truth, event, ...(extras.subtype === undefined ? {} : { subtype: extras.subtype }) });
    if (this.options.departureScans && DEPARTURE_SCANNED.has(milestone)) {
      // Sorting centres and hubs often report both the arrival and the departure scan.
      this.wait([1, 6]);
      const departedAt = this.nextInstant();
      const departure = this.baseEvent(leg, profile, departedAt, place, identity);
      departure.message = `${event.message ?? ''} (departed)`.trim();
      leg.events.push({ at: departedAt, milestone: truth, event: departure });
    }
  }

  // A scan in a code the carrier's map does not know: stored unmapped, outside every KPI.
  emitUnmapped(legIndex: number, code: string, place: Place, message: string): void {
    const leg = this.legs[legIndex];
    const profile = carrierProfile(leg.carrier);
    const at = this.nextInstant();
    const event = this.baseEvent(leg, profile, at, place, { code });
    event.message = message;
    leg.events.push({ at, milestone: null, event });
  }

  private baseEvent(
    leg: ScheduledLeg,
    profile: CarrierProfile,
    at: number,
    place: Place | null,
    identity: Pick<CanonicalEvent, 'milestone' | 'code'>,
  ): CanonicalEvent {
    const event: CanonicalEvent = {
      trackingNumber: leg.trackingNumber,
      ...identity,
      occurredAt: formatInZone(at, place?.zone ?? ORIGIN_ZONE),
    };
    if (profile.sendsEventIds) event.eventId = `${leg.trackingNumber}-${String(leg.events.length + 1).padStart(3, '0')}`;
    if (place !== null) {
      event.location = { country: place.country, city: place.city };
      if (place.facility !== undefined) event.location.facility = place.facility;
    }
    return event;
  }

  // Events of one journey never share an instant, so each is unique under events.md §6.
  private nextInstant(): number {
    let at = truncateToSecond(this.cursor);
    if (at <= this.lastAt) at = this.lastAt + this.random.int(60, 900) * 1000;
    this.cursor = at;
    this.lastAt = at;
    return at;
  }
}

function placeLabel(profile: CarrierProfile, place: Place | null): string {
  if (place === null) return '';
  return profile.carrier.role === 'first-mile' ? place.city : (place.facility ?? place.city);
}

export function fillTemplate(template: string, city: string): string {
  return template.replace('{city}', city).replace('{CITY}', city.toUpperCase());
}

export function facilityIn(city: WeightedCity | Place, country: string, template: string): Place {
  return { country, city: city.city, zone: city.zone, facility: fillTemplate(template, city.city) };
}
