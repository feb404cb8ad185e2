import { DateTime, IANAZone } from 'luxon';
import { toAlpha2 } from '../country';
import { holidayCountries, holidayStates, mainTimeZoneOf } from './holiday-source';

// The contract clock's part of a contract file (contracts.md §1): which calendar, which zone, business
// or calendar days, which episodes are not the carrier's time, and the days allowed per lane.

export const CLOCK_EXCLUSIONS = ['import_customs', 'pickup_wait', 'consignee_failure'] as const;
export type ClockExclusion = (typeof CLOCK_EXCLUSIONS)[number];
export const CLOCK_DAY_KINDS = ['business', 'calendar'] as const;
export type ClockDayKind = (typeof CLOCK_DAY_KINDS)[number];
/** Top-level fields of a contract file that this module reads. */
export const CONTRACT_CLOCK_FIELDS: readonly string[] = ['calendar', 'timeZone', 'clock', 'allowances'];
export const MAX_CLOSURES = 1000;
export const MAX_ALLOWANCES = 500;
const ANY = '*';

export interface ContractCalendar {
  /** ISO 3166-1 alpha-2, a country date-holidays knows. */
  country: string;
  /** ISO 3166-2 such as BR-SP, or null for the whole country. */
  subdivision: string | null;
  /** The contract's own days off, local dates (YYYY-MM-DD), sorted and unique. */
  closures: string[];
}

export interface ContractAllowance {
  /** A corridor (CN-BR) or "*" for any. */
  corridor: string;
  /** A service level or "*" for any. */
  serviceLevel: string;
  days: number;
}

/** How a contract's clock runs. A contract without a calendar counts calendar days in UTC. */
export interface ContractClock {
  calendar: ContractCalendar | null;
  /** IANA zone whose local days are the clock's days. */
  timeZone: string;
  days: ClockDayKind;
  exclude: ClockExclusion[];
  allowances: ContractAllowance[];
}

/** The clock of a contract that names no calendar: elapsed days in UTC, nothing excluded, no allowances. */
export const ELAPSED_CLOCK: ContractClock = Object.freeze({ calendar: null, timeZone: 'UTC', days: 'calendar', exclude: [], allowances: [] }) as ContractClock;

export type ContractClockParseResult = { ok: true; value: ContractClock } | { ok: false; errors: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;

/** YAML turns an unquoted 2026-02-16 into a Date at UTC midnight; the contract means the date. */
function dateText(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

function unknownKeys(record: Record<string, unknown>, known: readonly string[], path: string, errors: string[]): void {
  for (const key of Object.keys(record)) if (!known.includes(key)) errors.push(`${path}.${key} is not a known field`);
}

function parseCalendar(raw: unknown, errors: string[]): ContractCalendar | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) {
    errors.push('calendar must be a mapping {country, subdivision, closures}');
    return null;
  }
  unknownKeys(raw, ['country', 'subdivision', 'closures'], 'calendar', errors);
  const countryText = typeof raw.country === 'string' ? raw.country.trim().toUpperCase() : null;
  const country = countryText !== null && /^[A-Z]{2}$/.test(countryText) && toAlpha2(countryText) === countryText ? countryText : null;
  if (country === null) errors.push(raw.country === undefined ? 'calendar.country is required' : 'calendar.country must be an ISO 3166-1 alpha-2 code such as BR');
  else if (!(country in holidayCountries())) errors.push(`calendar.country ${country} has no holiday calendar in date-holidays`);

  let subdivision: string | null = null;
  if (raw.subdivision !== undefined && raw.subdivision !== null) {
    const value = typeof raw.subdivision === 'string' ? raw.subdivision.trim().toUpperCase() : '';
    const match = /^([A-Z]{2})-([A-Z0-9]{1,3})$/.exec(value);
    if (!match) errors.push('calendar.subdivision must be an ISO 3166-2 code such as BR-SP');
    else if (country !== null && match[1] !== country) errors.push(`calendar.subdivision ${value} is not in ${country}`);
    else if (country !== null && !(match[2] in holidayStates(country))) errors.push(`calendar.subdivision ${value} has no holiday calendar in date-holidays`);
    else subdivision = value;
  }

  const closures = new Set<string>();
  if (raw.closures !== undefined && raw.closures !== null) {
    if (!Array.isArray(raw.closures) || raw.closures.length > MAX_CLOSURES) {
      errors.push(`calendar.closures must be a list of at most ${MAX_CLOSURES} dates`);
    } else {
      raw.closures.forEach((closure: unknown, index) => {
        const value = dateText(closure);
        if (isIsoDate(value)) closures.add(value);
        else errors.push(`calendar.closures[${index}] must be an ISO date such as 2026-02-16`);
      });
    }
  }
  return country === null ? null : { country, subdivision, closures: [...closures].sort() };
}

function parseAllowances(raw: unknown, errors: string[]): ContractAllowance[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > MAX_ALLOWANCES) {
    errors.push(`allowances must be a list of at most ${MAX_ALLOWANCES} entries {corridor, serviceLevel, days}`);
    return [];
  }
  const allowances: ContractAllowance[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, index) => {
    const path = `allowances[${index}]`;
    if (!isRecord(entry)) {
      errors.push(`${path} must be a mapping {corridor, serviceLevel, days}`);
      return;
    }
    unknownKeys(entry, ['corridor', 'serviceLevel', 'days'], path, errors);
    const corridor = typeof entry.corridor === 'string' ? entry.corridor.trim() : null;
    const match = corridor === null ? null : /^([A-Z]{2})-([A-Z]{2})$/.exec(corridor);
    const corridorOk = corridor === ANY || (match !== null && toAlpha2(match[1]) === match[1] && toAlpha2(match[2]) === match[2]);
    if (!corridorOk) errors.push(`${path}.corridor must be a corridor such as CN-BR or "*"`);
    const serviceLevel = entry.serviceLevel === undefined || entry.serviceLevel === null ? ANY : typeof entry.serviceLevel === 'string' ? entry.serviceLevel.trim() : '';
    if (serviceLevel.length < 1 || serviceLevel.length > 200) errors.push(`${path}.serviceLevel must be a service level of 1-200 characters or "*"`);
    const days = entry.days;
    if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0 || days > 3650) errors.push(`${path}.days must be a number of days above 0`);
    if (!corridorOk || corridor === null || typeof days !== 'number' || serviceLevel.length < 1) return;
    const key = `${corridor}|${serviceLevel}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) errors.push(`${path} repeats the lane of allowances[${earlier}]`);
    else seen.set(key, index);
    allowances.push({ corridor, serviceLevel, days });
  });
  return allowances;
}

function parseClockField(raw: unknown, errors: string[]): { days: ClockDayKind | null; exclude: ClockExclusion[] } {
  if (raw === undefined || raw === null) return { days: null, exclude: [] };
  if (!isRecord(raw)) {
    errors.push('clock must be a mapping {days, exclude}');
    return { days: null, exclude: [] };
  }
  unknownKeys(raw, ['days', 'exclude'], 'clock', errors);
  let days: ClockDayKind | null = null;
  if (raw.days !== undefined && raw.days !== null) {
    if ((CLOCK_DAY_KINDS as readonly unknown[]).includes(raw.days)) days = raw.days as ClockDayKind;
    else errors.push('clock.days must be business or calendar');
  }
  const exclude = new Set<ClockExclusion>();
  if (raw.exclude !== undefined && raw.exclude !== null) {
    if (!Array.isArray(raw.exclude)) errors.push(`clock.exclude must be a list of ${CLOCK_EXCLUSIONS.join(', ')}`);
    else
      raw.exclude.forEach((item: unknown, index) => {
        if ((CLOCK_EXCLUSIONS as readonly unknown[]).includes(item)) exclude.add(item as ClockExclusion);
        else errors.push(`clock.exclude[${index}] must be one of ${CLOCK_EXCLUSIONS.join(', ')}`);
      });
  }
  // Kept in the declared order of CLOCK_EXCLUSIONS: the same contract always gives the same document.
  return { days, exclude: CLOCK_EXCLUSIONS.filter((kind) => exclude.has(kind)) };
}

/**
 * Reads the clock fields of a contract file's root mapping. Without a calendar the clock counts calendar
 * days (there are no business days to know) in `timeZone` or UTC; with one it counts business days unless
 * `clock.days` says calendar, in the calendar country's main zone unless `timeZone` names another.
 */
export function parseContractClock(root: Record<string, unknown>): ContractClockParseResult {
  const errors: string[] = [];
  const calendar = parseCalendar(root.calendar, errors);
  const clock = parseClockField(root.clock, errors);
  const allowances = parseAllowances(root.allowances, errors);
  let timeZone: string | null = null;
  if (root.timeZone !== undefined && root.timeZone !== null) {
    if (typeof root.timeZone === 'string' && IANAZone.isValidZone(root.timeZone.trim())) timeZone = root.timeZone.trim();
    else errors.push('timeZone must be an IANA time zone such as America/Sao_Paulo');
  }
  const calendarGiven = root.calendar !== undefined && root.calendar !== null;
  if (!calendarGiven && clock.days === 'business') errors.push('clock.days business needs a calendar {country} to know the business days');
  if (errors.length > 0) return { ok: false, errors };
  const zone = timeZone ?? (calendar === null ? 'UTC' : (mainTimeZoneOf(calendar.country, stateOf(calendar)) ?? 'UTC'));
  return {
    ok: true,
    value: { calendar, timeZone: zone, days: clock.days ?? (calendar === null ? 'calendar' : 'business'), exclude: clock.exclude, allowances },
  };
}

/** The subdivision code date-holidays takes (SP for BR-SP). */
export function stateOf(calendar: ContractCalendar): string | null {
  return calendar.subdivision === null ? null : calendar.subdivision.slice(calendar.subdivision.indexOf('-') + 1);
}

/** The clock a contract runs on (contracts.md §1). */
export function contractClock(contract: { clock: ContractClock }): ContractClock {
  return contract.clock;
}

/** Days allowed for a lane: the most specific allowance (corridor and service level, then corridor, then service level, then any). */
export function allowanceFor(clock: ContractClock, lane: { corridor: string | null; serviceLevel: string | null }): number | null {
  const find = (corridor: string | null, serviceLevel: string | null) =>
    corridor === null || serviceLevel === null ? undefined : clock.allowances.find((entry) => entry.corridor === corridor && entry.serviceLevel === serviceLevel);
  const match = find(lane.corridor, lane.serviceLevel) ?? find(lane.corridor, ANY) ?? find(ANY, lane.serviceLevel) ?? find(ANY, ANY);
  return match?.days ?? null;
}
