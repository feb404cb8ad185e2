import { ContractCalendar, stateOf } from './contract-clock.schema';
import { publicHolidayDates, weekendOf } from './holiday-source';

// Which local dates a calendar works (contracts.md §1): not a weekend day of the country, not one of its
// public holidays (date-holidays, type public), not one of the contract's closures.

const holidaySets = new Map<string, ReadonlySet<string>>();
const MAX_CACHED_YEARS = 4096;

/** The public holidays of one (country, subdivision, year), computed once per process. */
function holidaysOfYear(country: string, state: string | null, year: number): ReadonlySet<string> {
  const key = `${country}/${state ?? ''}/${year}`;
  let dates = holidaySets.get(key);
  if (dates === undefined) {
    if (holidaySets.size >= MAX_CACHED_YEARS) holidaySets.clear();
    dates = new Set(publicHolidayDates(country, state, year));
    holidaySets.set(key, dates);
  }
  return dates;
}

export interface BusinessDays {
  /** Is the local date (YYYY-MM-DD; ISO weekday 1 = Monday) a business day? */
  isBusinessDay(isoDate: string, isoWeekday: number): boolean;
}

export function businessDaysOf(calendar: ContractCalendar): BusinessDays {
  const weekend = new Set(weekendOf(calendar.country));
  const closures = new Set(calendar.closures);
  const state = stateOf(calendar);
  return {
    isBusinessDay(isoDate, isoWeekday) {
      if (weekend.has(isoWeekday) || closures.has(isoDate)) return false;
      return !holidaysOfYear(calendar.country, state, Number(isoDate.slice(0, 4))).has(isoDate);
    },
  };
}
