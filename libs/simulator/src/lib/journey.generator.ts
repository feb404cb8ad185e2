import { CARRIER_PROFILES, CORREIOS_UNMAPPED_CODE, type CarrierProfile, carrierProfile } from './carriers.constants';
import {
  CORRIDOR_PROFILES,
  ORIGIN_AIRPORTS,
  ORIGIN_CITIES,
  ORIGIN_ZONE,
  SERVICE_LEVEL_WEIGHTS,
  type CorridorProfile,
  type Place,
  type WeightedCity,
  lastMileCarrierFor,
} from './corridors.constants';
import type { ServiceLevel, ShipmentBlock } from './feed.types';
import { CUSTOMS_HOLD_REASONS, DELIVERY_FAILURE_REASONS, UNMAPPED_CODE_MESSAGE } from './messages.constants';
import { type Random, createRandom, deriveSeed } from './random.util';
import { type ScheduledLeg, TimelineBuilder, facilityIn } from './timeline.builder';
import { DAY_MS, endOfLocalDay, truncateToSecond } from './time.util';
import { TrackingNumberRegistry } from './tracking-number.util';

export type { ScheduledEvent, ScheduledLeg } from './timeline.builder';

// A whole journey including the events that lie in the future of `now`; the feed cuts it.
export interface ScheduledJourney {
  id: string;
  corridor: string;
  serviceLevel: ServiceLevel;
  shipment: ShipmentBlock;
  promisedByMs: number;
  legs: ScheduledLeg[];
}

export interface JourneyFactory {
  create(input: { index: number; startAt: number }): ScheduledJourney;
}

export interface JourneyFactoryOptions {
  seed: number;
  /** Shared with a previous factory when a live stream continues a backfill. */
  registry?: TrackingNumberRegistry;
  idPrefix?: string;
  /** Arrival and departure scans at every sorting centre and hub (denser feeds for load tests). */
  departureScans?: boolean;
}

interface JourneyPlan {
  builder: TimelineBuilder;
  random: Random;
  corridor: CorridorProfile;
  serviceLevel: ServiceLevel;
  firstMile: CarrierProfile;
  lastMile: CarrierProfile;
  originCity: WeightedCity;
  deliveryCity: WeightedCity;
  gateway: Place;
  shipment: ShipmentBlock;
  registry: TrackingNumberRegistry;
  originSortingCentre: Place;
}

const FIRST_MILE_PROFILES = CARRIER_PROFILES.filter((profile) => profile.firstMile !== undefined);

function firstMileSection(plan: JourneyPlan): boolean {
  const { builder, random, firstMile, serviceLevel, corridor } = plan;
  const firstMileProfile = firstMile.firstMile;
  if (firstMileProfile === undefined) throw new Error(`${firstMile.carrier.code} is not a first-mile carrier`);
  const economy = serviceLevel === 'economy';
  const premium = serviceLevel === 'premium';
  const origin: Place = { country: 'CN', city: plan.originCity.city, zone: ORIGIN_ZONE };
  const airport = ORIGIN_AIRPORTS[plan.originCity.city];

  // The label exists before the parcel does: no physical scan, so no location.
  builder.emit(0, 'INFO_RECEIVED', null, { shipment: plan.shipment });
  if (random.chance(0.012)) {
    builder.wait([20, 96]);
    builder.emit(0, 'CANCELLED', null);
    return false;
  }
  builder.wait(economy ? [18, 96] : premium ? [4, 30] : [8, 60]);
  builder.inLocalHours(ORIGIN_ZONE, 9, 19);
  builder.emit(0, 'ACCEPTED', facilityIn(origin, 'CN', firstMileProfile.pickupFacility));
  builder.wait([3, 18]);
  builder.emit(0, 'ORIGIN_FACILITY', plan.originSortingCentre);
  if (random.chance(0.6)) {
    builder.wait([2, 10]);
    builder.emit(0, 'ORIGIN_FACILITY', plan.originSortingCentre);
  }
  // Economy waits for consolidation into a full bag before export.
  builder.wait(economy ? [30, 96] : premium ? [6, 20] : [10, 36]);
  builder.emit(0, 'EXPORT_CUSTOMS_STARTED', airport);
  if (random.chance(0.015)) {
    builder.wait([2, 8]);
    builder.emit(0, 'EXPORT_CUSTOMS_HELD', airport, { reason: 'DOCUMENTS_REQUIRED' });
    builder.wait([24, 72]);
  }
  builder.wait([2, 12]);
  builder.emit(0, 'EXPORT_CUSTOMS_CLEARED', airport);
  builder.wait([3, 16]);
  builder.emit(0, 'HANDED_TO_LINEHAUL', airport);
  const [waitMin, waitMax] = firstMileProfile.flightWaitHours;
  builder.wait(premium ? [waitMin / 2, waitMax / 2] : [waitMin, waitMax]);
  builder.emit(0, 'DEPARTED_ORIGIN', airport);
  if (random.chance(firstMileProfile.lostRate)) {
    builder.wait([20 * 24, 40 * 24]);
    builder.emit(0, 'LOST', airport);
    return false;
  }
  const flightHours = random.float(corridor.flightHours[0], corridor.flightHours[1]);
  if (corridor.transitHubs.length > 0 && random.chance(0.4)) {
    const hub = random.pick(corridor.transitHubs);
    builder.waitHours(flightHours / 2);
    builder.emit(0, 'TRANSIT_HUB', hub);
    if (random.chance(0.04)) {
      builder.wait([1, 4]);
      builder.emit(0, 'EXCEPTION', hub, { reason: 'WEATHER' });
      builder.wait([24, 72]);
    }
    builder.wait([6, 30]);
    builder.waitHours(flightHours / 2);
  } else {
    builder.waitHours(flightHours);
  }
  builder.emit(0, 'ARRIVED_DESTINATION', plan.gateway);
  return true;
}

function importCustomsSection(plan: JourneyPlan): boolean {
  const { builder, random, corridor, gateway } = plan;
  const customs: Place = { ...gateway, facility: `${gateway.facility ?? gateway.city} Customs` };
  builder.wait([2, 18]);
  builder.emit(0, 'IMPORT_CUSTOMS_STARTED', customs);
  const holdRate = corridor.customs.holdRate * (plan.serviceLevel === 'premium' ? 0.5 : 1);
  if (random.chance(holdRate)) {
    builder.wait([2, 12]);
    builder.emit(0, 'IMPORT_CUSTOMS_HELD', customs, { reason: random.weighted(CUSTOMS_HOLD_REASONS) });
    if (random.chance(corridor.customs.destroyedRate)) {
      builder.wait([20 * 24, 45 * 24]);
      builder.emit(0, 'DESTROYED', customs, { reason: 'CUSTOMS' });
      return false;
    }
    const holdHours = random.float(corridor.customs.holdDays[0], corridor.customs.holdDays[1]) * 24;
    // A second hold scan is common when an inspection follows a document request.
    if (random.chance(0.2)) {
      builder.waitHours(holdHours / 2);
      builder.emit(0, 'IMPORT_CUSTOMS_HELD', customs, { reason: 'INSPECTION' });
      builder.waitHours(holdHours / 2);
    } else {
      builder.waitHours(holdHours);
    }
    builder.inLocalHours(gateway.zone, 8, 18);
  } else {
    builder.wait([4, 30]);
  }
  builder.emit(0, 'IMPORT_CUSTOMS_RELEASED', customs);
  return true;
}

function handOverSection(plan: JourneyPlan): void {
  const { builder, random, lastMile, registry, gateway } = plan;
  builder.wait([3, 24]);
  const trackingNumber = registry.issue(lastMile.trackingFormat, random);
  builder.addLeg(lastMile.carrier.code, trackingNumber);
  builder.emit(0, 'HANDED_OVER', gateway, { handover: { carrier: lastMile.carrier.code, trackingNumber } });
}

function returnToSender(plan: JourneyPlan, office: Place): void {
  const { builder } = plan;
  builder.wait([6, 48]);
  builder.emit(1, 'RETURN_IN_TRANSIT', office);
  // The first-mile carrier closes the loop when the parcel is back with the seller.
  builder.wait([15 * 24, 35 * 24]);
  builder.emit(0, 'RETURNED', plan.originSortingCentre);
}

function pickupSection(plan: JourneyPlan, office: Place): void {
  const { builder, random } = plan;
  const profile = lastMileProfileOf(plan);
  const pickupPoint = facilityIn(plan.deliveryCity, plan.corridor.definition.destination, profile.facilities.pickup);
  builder.wait([2, 20]);
  builder.emit(1, 'AVAILABLE_FOR_PICKUP', pickupPoint);
  if (random.chance(profile.pickupCollectionRate)) {
    builder.waitHours(Math.min(random.logNormal(30, 0.9), 10 * 24));
    builder.inLocalHours(pickupPoint.zone, 9, 19);
    builder.emit(1, 'DELIVERED', pickupPoint, { subtype: 'pickup_point' });
    return;
  }
  builder.wait([14 * 24, 21 * 24]);
  returnToSender(plan, office);
}

function deliveryAttempts(plan: JourneyPlan, office: Place): void {
  const { builder, random } = plan;
  const profile = lastMileProfileOf(plan);
  const doorstep: Place = { country: office.country, city: office.city, zone: office.zone };
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    builder.wait(attempt === 1 ? [4, 30] : [14, 30]);
    builder.inLocalHours(office.zone, 7, 10);
    builder.emit(1, 'OUT_FOR_DELIVERY', office);
    builder.wait([1, 9]);
    builder.inLocalHours(office.zone, 9, 20);
    const refused = random.chance(0.008);
    const succeeds = !refused && random.chance(attempt === 1 ? profile.firstAttemptRate : 0.8);
    if (succeeds) {
      builder.emit(1, 'DELIVERED', doorstep, { subtype: random.weighted(profile.successSubtypes) });
      return;
    }
    builder.emit(1, 'DELIVERY_FAILED', doorstep, { reason: refused ? 'REFUSED' : random.weighted(DELIVERY_FAILURE_REASONS) });
    if (refused) {
      returnToSender(plan, office);
      return;
    }
    if (attempt === 3 || random.chance(profile.pickupAfterFailureRate)) {
      pickupSection(plan, office);
      return;
    }
  }
}

function lastMileSection(plan: JourneyPlan): void {
  const { builder, random, gateway, lastMile } = plan;
  const profile = lastMileProfileOf(plan);
  const destination = plan.corridor.definition.destination;
  const sorting = facilityIn(gateway, destination, profile.facilities.sorting);
  builder.wait(profile.inductionHours);
  builder.emit(1, 'DESTINATION_FACILITY', sorting);
  if (lastMile.carrier.eventStyle === 'code' && random.chance(0.5)) {
    builder.wait([6, 30]);
    builder.emitUnmapped(1, CORREIOS_UNMAPPED_CODE, sorting, UNMAPPED_CODE_MESSAGE);
  }
  const office = facilityIn(plan.deliveryCity, destination, profile.facilities.office);
  builder.wait(profile.toDeliveryOfficeHours);
  builder.emit(1, 'DESTINATION_FACILITY', office);
  if (lastMile.carrier.eventStyle === 'milestone' && random.chance(0.02)) {
    builder.wait([2, 10]);
    builder.emit(1, 'EXCEPTION', office, { reason: 'ADDRESS_PROBLEM' });
    builder.wait([24, 72]);
  }
  deliveryAttempts(plan, office);
}

function lastMileProfileOf(plan: JourneyPlan): NonNullable<CarrierProfile['lastMile']> {
  const profile = plan.lastMile.lastMile;
  if (profile === undefined) throw new Error(`${plan.lastMile.carrier.code} is not a last-mile carrier`);
  return profile;
}

function orderReference(random: Random): string {
  let digits = '81';
  for (let i = 0; i < 14; i += 1) digits += String(random.int(0, 9));
  return digits;
}

export function createJourneyFactory(options: JourneyFactoryOptions): JourneyFactory {
  const registry = options.registry ?? new TrackingNumberRegistry();
  const idPrefix = options.idPrefix ?? 'J';
  const cainiao = carrierProfile('cainiao');

  return {
    create: ({ index, startAt }) => {
      // One stream per journey: changing how one journey is built never reshuffles the others.
      const random = createRandom(deriveSeed(options.seed, 'journey', idPrefix, index));
      const corridor = random.weighted(CORRIDOR_PROFILES.map((profile) => [profile, profile.weight] as const));
      const serviceLevel = random.weighted(SERVICE_LEVEL_WEIGHTS);
      const firstMile =
        serviceLevel === 'premium'
          ? cainiao
          : random.weighted(FIRST_MILE_PROFILES.map((profile) => [profile, profile.firstMile?.marketShare ?? 0] as const));
      const lastMile = carrierProfile(lastMileCarrierFor(corridor, serviceLevel));
      const originCity = random.weighted(ORIGIN_CITIES.map((city) => [city, city.weight] as const));
      const deliveryCity = random.weighted(corridor.deliveryCities.map((city) => [city, city.weight] as const));
      const gateway = random.pick(corridor.gateways);
      const promisedByMs = startAt + corridor.definition.promisedDays[serviceLevel] * DAY_MS;
      const shipment: ShipmentBlock = {
        origin: corridor.definition.origin,
        destination: corridor.definition.destination,
        serviceLevel,
        promisedBy: endOfLocalDay(promisedByMs, deliveryCity.zone),
        orderRef: orderReference(random),
      };
      const builder = new TimelineBuilder(random, truncateToSecond(startAt), { departureScans: options.departureScans });
      builder.addLeg(firstMile.carrier.code, registry.issue(firstMile.trackingFormat, random));
      const originSortingCentre = facilityIn(
        { country: 'CN', city: originCity.city, zone: ORIGIN_ZONE },
        'CN',
        firstMile.firstMile?.sortingCentre ?? '{city} Sorting Center',
      );
      const plan: JourneyPlan = {
        builder,
        random,
        corridor,
        serviceLevel,
        firstMile,
        lastMile,
        originCity,
        deliveryCity,
        gateway,
        shipment,
        registry,
        originSortingCentre,
      };
      if (firstMileSection(plan) && importCustomsSection(plan)) {
        handOverSection(plan);
        lastMileSection(plan);
      }
      return {
        id: `${idPrefix}${String(index + 1).padStart(6, '0')}`,
        corridor: corridor.definition.code,
        serviceLevel,
        shipment,
        promisedByMs: Date.parse(shipment.promisedBy),
        legs: builder.legs,
      };
    },
  };
}
