import { toAlpha2 } from '@lanewatch/domain';
import { getCountry } from 'countries-and-timezones';
import { DateTime } from 'luxon';

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
  const alpha2 = toAlpha2(country);
  if (!alpha2) return null;
  const override = MAIN_ZONE_OVERRIDES[alpha2];
  if (override) return override;
  return getCountry(alpha2)?.timezones[0] ?? null;
}

export type LocalTimeResult = { ok: true; value: string } | { ok: false; error: string };

const HAS_OFFSET = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * An ISO 8601 local date-time: kept as is when it carries an offset, otherwise read in the main zone
 * of the event's country. Without a country it is rejected, never guessed (formats.md).
 */
export function resolveLocalTime(field: string, value: string, country: string | null | undefined): LocalTimeResult {
  const text = value.trim().replace(' ', 'T');
  if (HAS_OFFSET.test(text)) return { ok: true, value: text };
  if (!country) {
    return { ok: false, error: `${field} '${value}' has no UTC offset and the event has no country to read it in; send the offset or the country` };
  }
  const zone = mainTimeZone(country);
  if (!zone) return { ok: false, error: `${field} '${value}' has no UTC offset and country '${country}' has no known time zone` };
  const parsed = DateTime.fromISO(text, { zone });
  if (!parsed.isValid) return { ok: false, error: `${field} '${value}' is not a valid date-time` };
  return { ok: true, value: parsed.toISO({ suppressMilliseconds: true }) as string };
}
