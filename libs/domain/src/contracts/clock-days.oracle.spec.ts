import Holidays from 'date-holidays';
import { data as holidayData } from 'date-holidays/data';
import fc from 'fast-check';
import { clockDaysOfLeg } from './clock-days';
import { CLOCK_EXCLUSIONS, ClockExclusion, ContractClock } from './contract-clock.schema';

// An oracle that shares no code with the production path: it walks the leg in 15-minute slots (every
// instant here lies on that grid, and so does every local midnight of the zones used), asks Intl for each
// slot's local date and weekday, date-holidays for the holidays, and tests each slot against every episode
// by its definition (contracts.md §1) instead of building intervals.

const SLOT_MS = 15 * 60_000;
const DAY_SLOTS = 96;
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

interface OracleEvent {
  milestone: string;
  at: number;
  reason: string | null;
}
interface OracleLeg {
  start: number;
  end: number | null;
  events: OracleEvent[];
  customsStart: number | null;
  customsReleased: number | null;
}

function oracleClockDays(leg: OracleLeg, clock: ContractClock): number | null {
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

function excludedAt(t: number, leg: OracleLeg, exclude: readonly ClockExclusion[]): boolean {
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

// Calendars: several countries (one with a Friday–Saturday weekend), subdivisions, and zones with DST
// (Berlin, New York, Sydney, Lord Howe's half-hour shift) or odd offsets (Kolkata +05:30, Kathmandu +05:45).
const CALENDARS: Array<{ country: string; subdivision: string | null }> = [
  { country: 'BR', subdivision: null },
  { country: 'BR', subdivision: 'BR-SP' },
  { country: 'DE', subdivision: 'DE-BY' },
  { country: 'US', subdivision: 'US-NY' },
  { country: 'GB', subdivision: null },
  { country: 'BD', subdivision: null },
  { country: 'AU', subdivision: 'AU-NSW' },
];
const ZONES = ['America/Sao_Paulo', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC'];
const MILESTONES = ['PICKED_UP', 'IN_TRANSIT', 'AVAILABLE_FOR_PICKUP', 'DELIVERED', 'RETURN_IN_TRANSIT', 'DELIVERY_FAILED', 'HANDED_OVER'];
const REASONS = [null, 'RECIPIENT_ABSENT', 'REFUSED', 'ADDRESS_ISSUE', 'CARRIER_DELAY'];
// 2025-10-01 .. 2026-12-31 on the 15-minute grid: holds both DST changes of every zone above.
const GRID_FROM = Date.UTC(2025, 9, 1) / SLOT_MS;
const GRID_TO = Date.UTC(2026, 11, 31) / SLOT_MS;

const clockArbitrary: fc.Arbitrary<ContractClock> = fc.record({
  calendar: fc.record({
    place: fc.constantFrom(...CALENDARS),
    closures: fc.array(fc.integer({ min: 0, max: 455 }).map((day) => new Date(Date.UTC(2025, 9, 1) + day * 86_400_000).toISOString().slice(0, 10)), { maxLength: 6 }),
  }),
  timeZone: fc.constantFrom(...ZONES),
  days: fc.constantFrom('business' as const, 'calendar' as const),
  exclude: fc.subarray([...CLOCK_EXCLUSIONS]),
}).map(({ calendar, timeZone, days, exclude }) => ({
  calendar: { ...calendar.place, closures: [...new Set(calendar.closures)].sort() },
  timeZone,
  days,
  exclude,
  allowances: [],
}));

const legArbitrary = (milestones: readonly string[] = MILESTONES, coarseOnly = false): fc.Arbitrary<OracleLeg> => fc
  .record({
    startSlot: fc.integer({ min: GRID_FROM, max: GRID_TO - 30 * DAY_SLOTS }),
    lengthSlots: fc.option(fc.integer({ min: 0, max: 18 * DAY_SLOTS }), { freq: 8 }),
    events: fc.array(
      fc.record({
        milestone: fc.constantFrom(...milestones),
        // Coarse offsets (whole quarter days) make events share instants, where "next" is decided by the tie rules.
        offset: coarseOnly
          ? fc.integer({ min: -2, max: 20 }).map((quarter) => quarter * 24)
          : fc.oneof(fc.integer({ min: -2 * DAY_SLOTS, max: 20 * DAY_SLOTS }), fc.integer({ min: -2, max: 20 }).map((quarter) => quarter * 24)),
        reason: fc.constantFrom(...REASONS),
      }),
      { maxLength: 8 },
    ),
    customs: fc.option(fc.tuple(fc.integer({ min: -DAY_SLOTS, max: 19 * DAY_SLOTS }), fc.integer({ min: 0, max: 6 * DAY_SLOTS })), { freq: 2 }),
  })
  .map(({ startSlot, lengthSlots, events, customs }) => {
    const start = startSlot * SLOT_MS;
    return {
      start,
      end: lengthSlots === null ? null : start + lengthSlots * SLOT_MS,
      events: events.map((event) => ({ milestone: event.milestone, at: start + event.offset * SLOT_MS, reason: event.reason })),
      customsStart: customs === null ? null : start + customs[0] * SLOT_MS,
      customsReleased: customs === null ? null : start + (customs[0] + customs[1]) * SLOT_MS,
    };
  });

const production = (leg: OracleLeg, clock: ContractClock) =>
  clockDaysOfLeg(
    {
      legStartAt: new Date(leg.start),
      legEndAt: leg.end === null ? null : new Date(leg.end),
      events: leg.events.map((event) => ({ milestone: event.milestone, occurredAt: new Date(event.at), reason: event.reason })),
      customsStartAt: leg.customsStart === null ? null : new Date(leg.customsStart),
      customsReleasedAt: leg.customsReleased === null ? null : new Date(leg.customsReleased),
    },
    clock,
  );

const expectSame = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
};

describe('clockDaysOfLeg against an independent oracle', () => {
  it('agrees on random legs, calendars, zones and exclusions', () => {
    fc.assert(fc.property(legArbitrary(), clockArbitrary, (leg, clock) => expectSame(production(leg, clock), oracleClockDays(leg, clock))), { numRuns: 200 });
  });

  it('agrees where attempts and pickups share instants (the tie rules of "next")', () => {
    const crowded = legArbitrary(['AVAILABLE_FOR_PICKUP', 'DELIVERED', 'RETURN_IN_TRANSIT', 'DELIVERY_FAILED'], true);
    const everything = clockArbitrary.map((clock) => ({ ...clock, days: 'calendar' as const, exclude: [...CLOCK_EXCLUSIONS] }));
    fc.assert(fc.property(crowded, everything, (leg, clock) => expectSame(production(leg, clock), oracleClockDays(leg, clock))), { numRuns: 200 });
  });

  it('agrees on legs crossing the DST changes of 2026 in Europe, the US and Lord Howe', () => {
    const changes = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30)];
    const around = fc.record({ change: fc.constantFrom(...changes), before: fc.integer({ min: 0, max: 4 * DAY_SLOTS }), after: fc.integer({ min: 0, max: 4 * DAY_SLOTS }) });
    fc.assert(
      fc.property(around, legArbitrary(), clockArbitrary, ({ change, before, after }, shape, clock) => {
        const leg = { ...shape, start: change - before * SLOT_MS, end: change + after * SLOT_MS };
        expectSame(production(leg, clock), oracleClockDays(leg, clock));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order or duplication of the events', () => {
    fc.assert(
      fc.property(legArbitrary(), clockArbitrary, fc.integer(), (leg, clock, seed) => {
        const shuffled = [...leg.events, ...leg.events.filter((_, index) => (index + seed) % 2 === 0)].sort(() => 0).reverse();
        expectSame(production({ ...leg, events: shuffled }, clock), production(leg, clock));
      }),
      { numRuns: 100 },
    );
  });
});
