/**
 * Contract clock oracle (contracts.md §1): a second, independent implementation of clockDays, written
 * from the spec text. It shares no code with libs/*: it walks a leg in 15-minute slots (every instant
 * given to it must lie on that grid, as every local midnight of the zones the specs use does), asks Intl
 * for each slot's local date and weekday, date-holidays for the public holidays (the spec's source), and
 * tests each slot against every excluded episode by its definition instead of building intervals.
 *
 * READING: a holiday's local date is the date date-holidays writes first in `date`; one lasting several
 * days (Eid, 3) marks that many dates. An episode whose end never came runs to the end of the leg.
 */
import Holidays from 'date-holidays';
import { data as holidayData } from 'date-holidays/data';

export interface OracleClock {
  calendar: { country: string; subdivision: string | null; closures: string[] } | null;
  timeZone: string;
  days: 'business' | 'calendar';
  exclude: readonly string[];
}

export const SLOT_MS = 15 * 60_000;
export const DAY_SLOTS = 96;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function localDay(ms: number, zone: string): { date: string; weekday: number } {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday] };
}

const oracleHolidays = new Map<string, Set<string>>();
function isOracleHoliday(country: string, subdivision: string | null, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const key = `${country}${subdivision}${year}`;
  let days = oracleHolidays.get(key);
  if (!days) {
    days = new Set();
    const state = subdivision === null ? undefined : subdivision.split('-')[1];
    const holidays = state === undefined ? new Holidays(country) : new Holidays(country, state);
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
      const first = new Date(`${holiday.date.slice(0, 10)}T12:00:00Z`);
      for (let index = 0; index < length; index += 1) days.add(new Date(first.getTime() + index * 86_400_000).toISOString().slice(0, 10));
    }
    oracleHolidays.set(key, days);
  }
  return days.has(date);
}

export interface OracleEvent {
  milestone: string;
  at: number;
  reason: string | null;
}
export interface OracleLeg {
  start: number;
  end: number | null;
  events: OracleEvent[];
  customsStart: number | null;
  customsReleased: number | null;
}

export function oracleClockDays(leg: OracleLeg, clock: OracleClock): number | null {
  if (leg.end === null) return null;
  const weekend = (clock.calendar && holidayData.holidays[clock.calendar.country]?.weekend) || ['saturday', 'sunday'];
  const weekendDays = weekend.map((name) => WEEKDAYS[name.slice(0, 1).toUpperCase() + name.slice(1, 3)]);
  let slots = 0;
  for (let t = leg.start; t < leg.end; t += SLOT_MS) {
    if (clock.days === 'business' && clock.calendar) {
      const { date, weekday } = localDay(t, clock.timeZone);
      if (weekendDays.includes(weekday) || clock.calendar.closures.includes(date) || isOracleHoliday(clock.calendar.country, clock.calendar.subdivision, date)) continue;
    }
    if (excludedAt(t, leg, clock.exclude)) continue;
    slots += 1;
  }
  return slots / DAY_SLOTS;
}

function excludedAt(t: number, leg: OracleLeg, exclude: readonly string[]): boolean {
  if (exclude.includes('import_customs') && leg.customsStart !== null && leg.customsReleased !== null && leg.customsStart <= t && t < leg.customsReleased) return true;
  const between = (test: (event: OracleEvent) => boolean) => leg.events.some(test);
  for (const event of leg.events) {
    if (event.at > t) continue;
    if (exclude.includes('pickup_wait') && event.milestone === 'AVAILABLE_FOR_PICKUP') {
      const ended = between((other) => (other.milestone === 'DELIVERED' || other.milestone === 'RETURN_IN_TRANSIT') && other.at >= event.at && other.at <= t);
      if (!ended) return true;
    }
    if (exclude.includes('consignee_failure') && event.milestone === 'DELIVERY_FAILED' && ['RECIPIENT_ABSENT', 'REFUSED', 'ADDRESS_ISSUE'].includes(event.reason ?? '')) {
      const ended = between(
        (other) => (other.milestone === 'DELIVERED' && other.at >= event.at && other.at <= t) || (other.milestone === 'DELIVERY_FAILED' && other.at > event.at && other.at <= t),
      );
      if (!ended) return true;
    }
  }
  return false;
}

const PHYSICAL_EXCLUDED = ['INFO_RECEIVED', 'CANCELLED'];

/** A leg's own facts as kpis.md §1-2 define them, by plain loops over its events (instants in ms). */
export function oracleLegOf(events: OracleEvent[]): OracleLeg {
  let start: number | null = null;
  let end: number | null = null;
  let customsStart: number | null = null;
  for (const event of events) {
    if (!PHYSICAL_EXCLUDED.includes(event.milestone) && (start === null || event.at < start)) start = event.at;
    if ((event.milestone === 'DELIVERED' || event.milestone === 'HANDED_OVER') && (end === null || event.at < end)) end = event.at;
    if ((event.milestone === 'IMPORT_CUSTOMS_STARTED' || event.milestone === 'IMPORT_CUSTOMS_HELD') && (customsStart === null || event.at < customsStart)) customsStart = event.at;
  }
  let customsReleased: number | null = null;
  for (const event of events) {
    if (event.milestone === 'IMPORT_CUSTOMS_RELEASED' && customsStart !== null && event.at >= customsStart && (customsReleased === null || event.at < customsReleased)) customsReleased = event.at;
  }
  return { start: start as number, end, events, customsStart, customsReleased };
}
