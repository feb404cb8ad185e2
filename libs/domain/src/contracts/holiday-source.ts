import Holidays from 'date-holidays';
import { data as holidayData } from 'date-holidays/data';

// The one place that asks date-holidays (contracts.md §1: a maintained holiday library, not a hand-kept list).

const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
const DEFAULT_WEEKEND: readonly number[] = [6, 7];

const instances = new Map<string, Holidays>();

function holidaysOf(country: string, state: string | null): Holidays {
  const key = `${country}/${state ?? ''}`;
  let instance = instances.get(key);
  if (instance === undefined) {
    instance = state === null ? new Holidays(country, { types: ['public'] }) : new Holidays(country, state, { types: ['public'] });
    instances.set(key, instance);
  }
  return instance;
}

/** Countries date-holidays knows (alpha-2 keys). */
export function holidayCountries(): Record<string, string> {
  return new Holidays().getCountries('en');
}

/** Subdivision codes (the part after "BR-") date-holidays knows for a country. */
export function holidayStates(country: string): Record<string, string> {
  return new Holidays().getStates(country, 'en') ?? {};
}

/** The calendar country's main time zone: the first date-holidays lists (contracts.md §1). */
export function mainTimeZoneOf(country: string, state: string | null): string | null {
  return holidaysOf(country, state).getTimezones()[0] ?? null;
}

/** ISO weekdays (1 = Monday) off in the country: date-holidays' `weekend` where its data has one, else Saturday and Sunday. */
export function weekendOf(country: string): readonly number[] {
  const listed = holidayData.holidays[country]?.weekend;
  if (!listed || listed.length === 0) return DEFAULT_WEEKEND;
  const days = listed.map((day) => WEEKDAY_NUMBERS[day.toLowerCase()]).filter((day): day is number => day !== undefined);
  return days.length > 0 ? days : DEFAULT_WEEKEND;
}

/**
 * The local dates (YYYY-MM-DD) of the year's public holidays. `date` starts with the civil date (Islamic
 * holidays read "2026-03-20 00:00:00 -0600": they begin at the previous sunset, the day off is the 20th);
 * a holiday of several days (Eid al-Fitr, 3) marks that many dates from there; a part day marks its date.
 */
export function publicHolidayDates(country: string, state: string | null, year: number): string[] {
  const dates = new Set<string>();
  for (const holiday of holidaysOf(country, state).getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const first = holiday.date.slice(0, 10);
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let offset = 0; offset < days; offset += 1) dates.add(addDays(first, offset));
  }
  return [...dates].sort();
}

const DAY_MS = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
