import { CARRIER_PROFILES } from './carriers.constants';
import { CORRIDOR_PROFILES, SERVICE_LEVELS } from './corridors.constants';
import type { CanonicalEvent, Feed, Journey, JourneyLeg, JourneyOutcome, SimulatedCarrier } from './feed.types';
import { type JourneyFactory, type ScheduledEvent, type ScheduledJourney, createJourneyFactory } from './journey.generator';
import { createRandom, deriveSeed } from './random.util';
import { DAY_MS } from './time.util';
import { TrackingNumberRegistry } from './tracking-number.util';

export interface GenerateFeedOptions {
  seed: number;
  shipments: number;
  now: Date;
  /** Shipments start uniformly over the `spanDays` before `now`. Default 30. */
  spanDays?: number;
  /** Arrival and departure scans at every sorting centre and hub. Default false. */
  departureScans?: boolean;
}

// An event that has not happened yet at `now`; the demo stream releases it when its time comes.
export interface PendingEvent {
  at: number;
  carrier: string;
  journeyId: string;
  event: CanonicalEvent;
}

export interface FeedSchedule {
  feed: Feed;
  pending: PendingEvent[];
  /** Continues the feed's journeys and tracking numbers for shipments started later. */
  factory: JourneyFactory;
}

const DEFAULT_SPAN_DAYS = 30;

export function simulatedCarriers(): SimulatedCarrier[] {
  return CARRIER_PROFILES.map((profile) => structuredClone(profile.carrier));
}

export function scheduleFeed(options: GenerateFeedOptions): FeedSchedule {
  const spanDays = options.spanDays ?? DEFAULT_SPAN_DAYS;
  if (!Number.isInteger(options.shipments) || options.shipments < 0) {
    throw new Error(`shipments must be a non-negative integer, got ${options.shipments}`);
  }
  if (!(spanDays > 0)) throw new Error(`spanDays must be positive, got ${spanDays}`);
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('now must be a valid date');

  const random = createRandom(deriveSeed(options.seed, 'feed-starts'));
  const spanMs = spanDays * DAY_MS;
  const starts = Array.from({ length: options.shipments }, () => nowMs - random.next() * spanMs).sort((a, b) => a - b);
  const factory = createJourneyFactory({ seed: options.seed, registry: new TrackingNumberRegistry(), departureScans: options.departureScans });

  const journeys: Journey[] = [];
  const pending: PendingEvent[] = [];
  starts.forEach((startAt, index) => {
    const scheduled = factory.create({ index, startAt });
    journeys.push(cutJourney(scheduled, nowMs));
    pending.push(...futureEvents(scheduled, nowMs));
  });
  pending.sort((a, b) => a.at - b.at);

  const feed: Feed = {
    seed: options.seed,
    now: options.now.toISOString(),
    spanDays,
    carriers: simulatedCarriers(),
    corridors: CORRIDOR_PROFILES.map((profile) => structuredClone(profile.definition)),
    serviceLevels: [...SERVICE_LEVELS],
    journeys,
    eventCount: countFeedEvents(journeys),
  };
  return { feed, pending, factory };
}

export function generateFeed(options: GenerateFeedOptions): Feed {
  return scheduleFeed(options).feed;
}

export function countFeedEvents(journeys: readonly Journey[]): number {
  return journeys.reduce((total, journey) => total + journey.legs.reduce((sum, leg) => sum + leg.events.length, 0), 0);
}

// A later leg exists at `now` only once the hand-over naming it has happened.
function visibleLegs(journey: ScheduledJourney, nowMs: number): ScheduledJourney['legs'] {
  const visible = new Set<string>([legKey(journey.legs[0])]);
  for (const leg of journey.legs) {
    if (!visible.has(legKey(leg))) continue;
    for (const { at, event } of leg.events) {
      if (at <= nowMs && event.handover !== undefined) visible.add(`${event.handover.carrier}/${event.handover.trackingNumber}`);
    }
  }
  return journey.legs.filter((leg) => visible.has(legKey(leg)));
}

function legKey(leg: { carrier: string; trackingNumber: string }): string {
  return `${leg.carrier}/${leg.trackingNumber}`;
}

export function cutJourney(journey: ScheduledJourney, nowMs: number): Journey {
  const legs = visibleLegs(journey, nowMs).map((leg) => ({
    carrier: leg.carrier,
    trackingNumber: leg.trackingNumber,
    events: leg.events.filter((scheduled) => scheduled.at <= nowMs),
  }));
  const past = legs.flatMap((leg) => leg.events).sort((a, b) => a.at - b.at);
  const plainLegs: JourneyLeg[] = legs.map((leg) => ({
    carrier: leg.carrier,
    trackingNumber: leg.trackingNumber,
    events: leg.events.map((scheduled) => structuredClone(scheduled.event)),
  }));
  return {
    id: journey.id,
    corridor: journey.corridor,
    serviceLevel: journey.serviceLevel,
    shipment: structuredClone(journey.shipment),
    legs: plainLegs,
    outcome: outcomeOf(past, journey.promisedByMs),
  };
}

function futureEvents(journey: ScheduledJourney, nowMs: number): PendingEvent[] {
  return journey.legs.flatMap((leg) =>
    leg.events
      .filter((scheduled) => scheduled.at > nowMs)
      .map((scheduled) => ({ at: scheduled.at, carrier: leg.carrier, journeyId: journey.id, event: scheduled.event })),
  );
}

// Mirrors kpis.md §1 on the simulator's intended milestones (unmapped codes count for nothing).
function outcomeOf(events: readonly ScheduledEvent[], promisedByMs: number): JourneyOutcome {
  const outcome: JourneyOutcome = { status: 'info_received', deliveryAttempts: 0, importCustomsHeld: false };
  let deliveredAtMs: number | undefined;
  for (const { at, milestone, subtype, event } of events) {
    switch (milestone) {
      case null:
      case 'INFO_RECEIVED':
        break;
      case 'DELIVERED':
        if (deliveredAtMs === undefined) {
          deliveredAtMs = at;
          outcome.deliveredAt = event.occurredAt;
          if (subtype !== undefined) outcome.deliverySubtype = subtype;
        }
        outcome.status = 'delivered';
        recordAttempt(outcome, event.occurredAt, true);
        break;
      case 'DELIVERY_FAILED':
        recordAttempt(outcome, event.occurredAt, false);
        break;
      case 'IMPORT_CUSTOMS_HELD':
        outcome.importCustomsHeld = true;
        break;
      case 'RETURN_IN_TRANSIT':
        outcome.status = 'return_in_transit';
        break;
      case 'RETURNED':
        outcome.status = 'returned';
        break;
      case 'LOST':
        outcome.status = 'lost';
        break;
      case 'DESTROYED':
        outcome.status = 'destroyed';
        break;
      case 'CANCELLED':
        outcome.status = 'cancelled';
        break;
      default:
        if (outcome.status === 'info_received') outcome.status = 'in_transit';
    }
  }
  if (deliveredAtMs !== undefined) outcome.onTime = deliveredAtMs <= promisedByMs;
  return outcome;
}

function recordAttempt(outcome: JourneyOutcome, occurredAt: string, delivered: boolean): void {
  outcome.deliveryAttempts += 1;
  if (outcome.firstAttemptAt === undefined) {
    outcome.firstAttemptAt = occurredAt;
    outcome.firstAttemptDelivered = delivered;
  }
}
