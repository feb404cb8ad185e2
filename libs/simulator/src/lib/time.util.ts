import { DAY_MS, HOUR_MS, MINUTE_MS } from '@lanewatch/domain';
import { IANAZone } from 'luxon';
import type { Random } from './random.util';

export { DAY_MS, HOUR_MS, MINUTE_MS };

const offsetCache = new Map<string, number>();

// Offsets only change on whole UTC hours in the zones we simulate, so one lookup per zone and
// hour is exact and keeps luxon's Intl calls (the generator's hot spot) off the per-event path.
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const key = `${zone}|${Math.floor(instantMs / HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const ianaZone = IANAZone.create(zone);
    if (!ianaZone.isValid) throw new Error(`unknown time zone ${zone}`);
    offset = ianaZone.offset(instantMs);
    // A demo can run for weeks; a bounded cache only costs a few recomputations.
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatWithFixedOffset(instantMs: number, offsetMinutes: number): string {
  const local = new Date(instantMs + offsetMinutes * MINUTE_MS);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

// Carriers write local wall-clock time with the zone's offset of that instant (DST included).
export function formatInZone(instantMs: number, zone: string): string {
  return formatWithFixedOffset(truncateToSecond(instantMs), zoneOffsetMinutes(instantMs, zone));
}

export function formatUtc(instantMs: number): string {
  return new Date(truncateToSecond(instantMs)).toISOString().replace('.000Z', 'Z');
}

export function offsetMinutesOf(isoWithOffset: string): number {
  if (isoWithOffset.endsWith('Z')) return 0;
  const match = /([+-])(\d{2}):(\d{2})$/.exec(isoWithOffset);
  if (match === null) throw new Error(`no UTC offset in ${isoWithOffset}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export function truncateToSecond(instantMs: number): number {
  return Math.floor(instantMs / 1000) * 1000;
}

// Counter work, pickups and delivery rounds happen in local business hours, sorting hubs do not.
export function alignToLocalHours(
  instantMs: number,
  zone: string,
  fromHour: number,
  toHour: number,
  random: Random,
): number {
  const offsetMs = zoneOffsetMinutes(instantMs, zone) * MINUTE_MS;
  const localMs = instantMs + offsetMs;
  const localHour = (localMs % DAY_MS) / HOUR_MS;
  if (localHour >= fromHour && localHour < toHour) return instantMs;
  const localMidnight = Math.floor(localMs / DAY_MS) * DAY_MS + (localHour < fromHour ? 0 : DAY_MS);
  const windowMinutes = Math.max(1, Math.round((toHour - fromHour) * 60 * 0.5));
  const localTarget = localMidnight + (fromHour * 60 + random.int(0, windowMinutes)) * MINUTE_MS + random.int(0, 59) * 1000;
  // Re-read the offset at the target: a DST change may lie between the two instants.
  return localTarget - zoneOffsetMinutes(localTarget - offsetMs, zone) * MINUTE_MS;
}

export function endOfLocalDay(instantMs: number, zone: string): string {
  const offsetMs = zoneOffsetMinutes(instantMs, zone) * MINUTE_MS;
  const localEnd = Math.floor((instantMs + offsetMs) / DAY_MS) * DAY_MS + DAY_MS - 1000;
  return formatInZone(localEnd - zoneOffsetMinutes(localEnd - offsetMs, zone) * MINUTE_MS, zone);
}
