import { getAllCountries, getTimezonesForCountry } from 'countries-and-timezones';
import { DateTime } from 'luxon';
import { MAIN_ZONE_OVERRIDES, mainTimeZone, resolveLocalTime, resolveLocalTimeInZone } from './time-zones';

describe('main time zone of a country', () => {
  it('picks the capital or most populous zone where a country spans several offsets', () => {
    expect(mainTimeZone('BR')).toBe('America/Sao_Paulo');
    expect(mainTimeZone('USA')).toBe('America/New_York');
    expect(mainTimeZone('CN')).toBe('Asia/Shanghai');
    expect(mainTimeZone('DE')).toBe('Europe/Berlin');
    expect(mainTimeZone('XX')).toBeNull();
  });

  it('has an override for every country whose zones differ in offset, each a zone luxon knows', () => {
    const multi = Object.keys(getAllCountries()).filter((country) => {
      const offsets = new Set((getTimezonesForCountry(country) ?? []).map((zone) => `${zone.utcOffset}/${zone.dstOffset}`));
      return offsets.size > 1;
    });
    expect(multi.filter((country) => !MAIN_ZONE_OVERRIDES[country])).toEqual([]);
    for (const zone of Object.values(MAIN_ZONE_OVERRIDES)) expect(DateTime.now().setZone(zone).isValid).toBe(true);
  });
});

describe('local time resolution', () => {
  it('keeps a time that has an offset', () => {
    expect(resolveLocalTime('t', '2026-11-02T08:15:00+09:00', null)).toEqual({ ok: true, value: '2026-11-02T08:15:00+09:00' });
  });

  it('reads a local time in the country zone, daylight saving included', () => {
    expect(resolveLocalTime('t', '2026-07-01T12:00:00', 'US')).toEqual({ ok: true, value: '2026-07-01T12:00:00-04:00' });
    expect(resolveLocalTime('t', '2026-12-01 12:00', 'US')).toEqual({ ok: true, value: '2026-12-01T12:00:00-05:00' });
  });

  it('rejects a local time with no country, never guessing', () => {
    expect(resolveLocalTime('t', '2026-07-01T12:00:00', undefined)).toEqual({
      ok: false,
      error: "t '2026-07-01T12:00:00' has no UTC offset and the event has no country to read it in; send the offset or the country",
    });
  });
});

describe('local time resolution in a given zone', () => {
  it('reads a local time in the zone, keeps one with an offset, and rejects a date-only value or an unknown zone', () => {
    expect(resolveLocalTimeInZone('t', '2026-11-02 08:15', 'America/Manaus')).toEqual({ ok: true, value: '2026-11-02T08:15:00-04:00' });
    expect(resolveLocalTimeInZone('t', '2026-11-02T08:15:00Z', 'Mars/Olympus')).toEqual({ ok: true, value: '2026-11-02T08:15:00Z' });
    expect(resolveLocalTimeInZone('t', '2026-11-02', 'America/Manaus')).toEqual({
      ok: false,
      error: "t '2026-11-02' is a date without a time of day; an event needs the time it happened",
    });
    expect(resolveLocalTimeInZone('t', '2026-11-02 08:15', 'Mars/Olympus')).toEqual({ ok: false, error: "time zone 'Mars/Olympus' is not an IANA time zone" });
  });
});
