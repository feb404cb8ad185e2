import { CanonicalEvent, createRandom, Feed, Journey, Random, ShipmentBlock } from '@lanewatch/simulator';

export interface FeedShape {
  /** Carrier codes become `${tag}-${code}` and service levels `${level}-${tag}`: no other run shares a group. */
  tag: string;
  /** Every corridor starts here instead of CN, so the run's corridors are its own too. */
  origin: string;
  /** Simulator corridors (CN-BR, CN-US, ...) and service levels to keep. */
  corridors: readonly string[];
  serviceLevels: readonly string[];
  /** At most this many journeys. */
  shipments: number;
  /** Shares of shipments registered without origin and destination, without a service level, without a promise. */
  withoutCorridor: number;
  withoutServiceLevel: number;
  withoutPromise: number;
  /** Share of events moved onto the instant of the leg's previous event (written in their own offset): ties. */
  ties: number;
  seed: number;
}

type PartialBlock = Partial<ShipmentBlock>;

/**
 * A simulator feed reshaped for one property run: a subset of its journeys, renamed so that the run's
 * groups (carrier, corridor, service level) exist in no other run sharing the database, and some
 * shipment attributes removed to exercise the null rules. The oracle adapter reads the result as is.
 */
export function isolatedFeed(feed: Feed, shape: FeedShape): Feed {
  const random = createRandom(shape.seed);
  const carrierCode = (code: string) => `${shape.tag}-${code}`;
  const kept = feed.journeys.filter((journey) => shape.corridors.includes(journey.corridor) && shape.serviceLevels.includes(journey.serviceLevel));
  const journeys = kept.slice(0, shape.shipments).map((journey): Journey => {
    const block: PartialBlock = {
      ...journey.shipment,
      origin: shape.origin,
      serviceLevel: `${journey.shipment.serviceLevel}-${shape.tag}` as ShipmentBlock['serviceLevel'],
    };
    if (random.chance(shape.withoutCorridor)) {
      delete block.origin;
      delete block.destination;
    }
    if (random.chance(shape.withoutServiceLevel)) delete block.serviceLevel;
    if (random.chance(shape.withoutPromise)) delete block.promisedBy;
    const shipment = block as ShipmentBlock;
    return {
      ...journey,
      corridor: block.origin ? `${block.origin}-${block.destination}` : '',
      shipment,
      legs: journey.legs.map((leg) => ({
        carrier: carrierCode(leg.carrier),
        trackingNumber: leg.trackingNumber,
        events: withTies(leg.events, shape.ties, random).map((event) => ({
          ...structuredClone(event),
          ...(event.handover ? { handover: { carrier: carrierCode(event.handover.carrier), trackingNumber: event.handover.trackingNumber } } : {}),
          ...(event.shipment ? { shipment: structuredClone(shipment) } : {}),
        })),
      })),
    };
  });
  return {
    ...feed,
    carriers: feed.carriers.map((carrier) => ({ ...structuredClone(carrier), code: carrierCode(carrier.code) })),
    journeys,
    eventCount: journeys.reduce((sum, journey) => sum + journey.legs.reduce((legSum, leg) => legSum + leg.events.length, 0), 0),
  };
}

/**
 * Real feeds report several scans at one instant (a batch scan, a failed attempt and the delivery); the
 * simulator never does. A tie keeps the journey order and only the instant moves, in the event's own offset.
 */
function withTies(events: readonly CanonicalEvent[], share: number, random: Random): CanonicalEvent[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  return sorted.map((event, index) => {
    if (index === 0 || !random.chance(share)) return event;
    const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(event.occurredAt)?.[1] ?? 'Z';
    return { ...event, occurredAt: formatInOffset(Date.parse(sorted[index - 1].occurredAt), offset) };
  });
}

/** The carriers, corridors and service levels a reshaped feed's shipments actually use. */
export function groupValuesOf(feed: Feed): { carriers: string[]; corridors: string[]; serviceLevels: string[] } {
  const carriers = new Set<string>();
  const corridors = new Set<string>();
  const serviceLevels = new Set<string>();
  for (const journey of feed.journeys) {
    for (const leg of journey.legs) carriers.add(leg.carrier);
    const block = journey.shipment as PartialBlock;
    if (block.origin && block.destination) corridors.add(`${block.origin}-${block.destination}`);
    if (block.serviceLevel) serviceLevels.add(block.serviceLevel);
  }
  return { carriers: [...carriers].sort(), corridors: [...corridors].sort(), serviceLevels: [...serviceLevels].sort() };
}

/** An instant written in a fixed UTC offset such as '-03:00', '+05:45' or 'Z'. */
export function formatInOffset(instantMs: number, offset: string): string {
  if (offset === 'Z') return new Date(instantMs).toISOString().replace('.000Z', 'Z');
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) throw new Error(`not a UTC offset: ${offset}`);
  const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  return `${new Date(instantMs + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
}

/** The offset's minutes east of UTC. */
export function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}
