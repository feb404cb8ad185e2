import { toAlpha2 } from '@lanewatch/domain';

export type Side = 'origin' | 'destination';

export interface SideInput {
  eventCountry: string | null | undefined;
  origin: string | null | undefined;
  destination: string | null | undefined;
  /** An earlier event of the same item already arrived in the destination country. */
  arrived: boolean;
}

/**
 * Which end of the journey an event happened at (formats.md): the destination side when its country
 * is the destination or the item has arrived there, the origin side otherwise. Null when the payload
 * does not say enough; the adapter then leaves the raw code to the carrier's code map.
 */
export function sideOf(input: SideInput): Side | null {
  if (input.arrived) return 'destination';
  const country = input.eventCountry ? toAlpha2(input.eventCountry) : null;
  const destination = input.destination ? toAlpha2(input.destination) : null;
  const origin = input.origin ? toAlpha2(input.origin) : null;
  if (!country) return null;
  if (destination) return country === destination ? 'destination' : 'origin';
  if (origin && country === origin) return 'origin';
  return null;
}
