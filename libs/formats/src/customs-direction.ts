import { resolveCountry } from '@lanewatch/domain';
import { offsetFitsCountry } from './time-zones';

export type Side = 'origin' | 'destination';

export interface SideInput {
  eventCountry: string | null | undefined;
  origin: string | null | undefined;
  destination: string | null | undefined;
  /** An earlier event of the same item already arrived in the destination country. */
  arrived: boolean;
}

/**
 * Which end of the journey an event happened at, by its country (formats.md): the destination side
 * when its country is the destination or the item has arrived there, the origin side otherwise.
 * Null when the country does not say (no country, or neither end known).
 */
export function sideOf(input: SideInput): Side | null {
  if (input.arrived) return 'destination';
  const country = input.eventCountry ? resolveCountry(input.eventCountry) : null;
  const destination = input.destination ? resolveCountry(input.destination) : null;
  const origin = input.origin ? resolveCountry(input.origin) : null;
  if (!country) return null;
  if (destination) return country === destination ? 'destination' : 'origin';
  if (origin && country === origin) return 'origin';
  return null;
}

export interface JourneySideInput extends SideInput {
  /** Origin and destination are the same country: the country cannot tell the sides apart. */
  domestic: boolean;
  /** The entry's UTC offset in minutes, when the format writes local times (null for UTC-only formats). */
  offsetMinutes: number | null;
  message: string | undefined;
  /** The entry's city and facility, normalised; matched against the places known to be at each end. */
  places: string[];
  originPlaces: ReadonlySet<string>;
  destinationPlaces: ReadonlySet<string>;
}

// "Post office" and "delivery office" scans are the delivery unit (USPS "Arrived at Post Office").
const DESTINATION_WORDS = /\b(?:destination|post office|delivery (?:office|unit|station|depot|hub))\b/i;
const ORIGIN_WORDS = /\borigin\b/i;

/**
 * The side of a direction-dependent entry (formats.md, "Direction without a country"): its country
 * when that tells the ends apart; otherwise its own evidence (an offset that fits the zones of only
 * one end, words that name a side, a place known to be at one end); otherwise the journey order
 * (destination once the item arrived there, origin before). Always answers.
 */
export function journeySide(input: JourneySideInput): Side {
  if (!input.domestic && input.eventCountry && resolveCountry(input.eventCountry)) {
    const byCountry = sideOf(input);
    if (byCountry) return byCountry;
  }
  const message = input.message ?? '';
  const saysDestination = DESTINATION_WORDS.test(message);
  const saysOrigin = ORIGIN_WORDS.test(message);
  if (saysDestination !== saysOrigin) return saysDestination ? 'destination' : 'origin';
  const origin = input.origin ? resolveCountry(input.origin) : null;
  const destination = input.destination ? resolveCountry(input.destination) : null;
  if (!input.domestic && input.offsetMinutes !== null && origin && destination && origin !== destination) {
    const fitsOrigin = offsetFitsCountry(input.offsetMinutes, origin);
    const fitsDestination = offsetFitsCountry(input.offsetMinutes, destination);
    if (fitsOrigin !== fitsDestination) return fitsDestination ? 'destination' : 'origin';
  }
  const atDestination = input.places.some((place) => input.destinationPlaces.has(place));
  const atOrigin = input.places.some((place) => input.originPlaces.has(place));
  if (atDestination !== atOrigin) return atDestination ? 'destination' : 'origin';
  return input.arrived ? 'destination' : 'origin';
}
