import { resolveCountry } from '@lanewatch/domain';
import { getCountry, getTimezonesForCountry } from 'countries-and-timezones';
import { DateTime, IANAZone } from 'luxon';

/*
 * The main zone of the countries whose zones differ in offset (the capital's or the most populous
 * region's); countries-and-timezones lists zones alphabetically, which would put Brazil in
 * Araguaina and the United States in Adak. A spec checks this table covers every such country.
 */
export const MAIN_ZONE_OVERRIDES: Readonly<Record<string, string>> = {
  AQ: 'Antarctica/Casey',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CD: 'Africa/Kinshasa',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  FM: 'Pacific/Pohnpei',
  GL: 'America/Nuuk',
  ID: 'Asia/Jakarta',
  KI: 'Pacific/Tarawa',
  KZ: 'Asia/Almaty',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  TF: 'Indian/Kerguelen',
  UA: 'Europe/Kyiv',
  UM: 'Pacific/Wake',
  US: 'America/New_York',
};

/** The IANA zone local times of a country are read in, or null for an unknown country. */
export function mainTimeZone(country: string): string | null {
  const alpha2 = resolveCountry(country);
  if (!alpha2) return null;
  const override = MAIN_ZONE_OVERRIDES[alpha2];
  if (override) return override;
  return getCountry(alpha2)?.timezones[0] ?? null;
}

export type LocalTimeResult = { ok: true; value: string } | { ok: false; error: string };

const HAS_OFFSET = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A value that already names its instant (or cannot), or the local date-time text still to be placed in a zone. */
function readLocal(field: string, value: string): { done: LocalTimeResult } | { local: string } {
  const text = value.trim().replace(' ', 'T');
  if (DATE_ONLY.test(text)) {
    return { done: { ok: false, error: `${field} '${value}' is a date without a time of day; an event needs the time it happened` } };
  }
  if (text.includes('T') && HAS_OFFSET.test(text.slice(text.indexOf('T')))) return { done: { ok: true, value: text } };
  return { local: text };
}

function inZone(field: string, value: string, text: string, zone: string): LocalTimeResult {
  const parsed = DateTime.fromISO(text, { zone });
  if (!parsed.isValid) return { ok: false, error: `${field} '${value}' is not a valid date-time` };
  return { ok: true, value: parsed.toISO({ suppressMilliseconds: true }) as string };
}

/**
 * An ISO 8601 local date-time: kept as is when it carries an offset, otherwise read in the main zone
 * of the event's country. Without a country it is rejected, never guessed (formats.md). A date
 * without a time of day is rejected too: its "-dd" must not pass for a UTC offset.
 */
export function resolveLocalTime(field: string, value: string, country: string | null | undefined): LocalTimeResult {
  const read = readLocal(field, value);
  if ('done' in read) return read.done;
  if (!country) {
    return { ok: false, error: `${field} '${value}' has no UTC offset and the event has no country to read it in; send the offset or the country` };
  }
  const zone = mainTimeZone(country);
  if (!zone) return { ok: false, error: `${field} '${value}' has no UTC offset and country '${country}' has no known time zone` };
  return inZone(field, value, read.local, zone);
}

/** The same reading with the zone given (a CSV import's time-zone column or default zone) instead of a country's. */
export function resolveLocalTimeInZone(field: string, value: string, zone: string): LocalTimeResult {
  const read = readLocal(field, value);
  if ('done' in read) return read.done;
  if (!IANAZone.isValidZone(zone)) return { ok: false, error: `time zone '${zone}' is not an IANA time zone` };
  return inZone(field, value, read.local, zone);
}

/**
 * An estimated delivery that is a calendar date (a bare date, or the date at midnight UTC as
 * EasyPost writes est_delivery_date) means the end of that day where the parcel is delivered;
 * an estimate with a real time of day is kept as it is. Null when a date has no zone to end in.
 */
export function resolveEstimate(value: string, destination: string | null | undefined): string | null {
  const text = value.trim();
  const date = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00))?$/i.exec(text);
  if (!date) {
    const parsed = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true });
    return parsed.isValid && text.includes('T') && HAS_OFFSET.test(text.slice(text.indexOf('T'))) ? text : null;
  }
  const zone = destination ? mainTimeZone(destination) : null;
  if (!zone) return null;
  const end = DateTime.fromISO(date[1], { zone }).endOf('day').set({ millisecond: 0 });
  return end.isValid ? (end.toISO({ suppressMilliseconds: true }) as string) : null;
}

/** Whether a UTC offset (minutes) is one a country's zones use, in standard or daylight time. */
export function offsetFitsCountry(offsetMinutes: number, country: string): boolean {
  const alpha2 = resolveCountry(country);
  if (!alpha2) return false;
  return (getTimezonesForCountry(alpha2) ?? []).some((zone) => zone.utcOffset === offsetMinutes || zone.dstOffset === offsetMinutes);
}
