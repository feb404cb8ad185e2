import type { ClockKpi } from '@lanewatch/domain';
import { NO_DATA } from '../shared/kpi-format.util';
import { asArray, asRecord, type Fields, isRecord, optionalText, text } from '../api/parse.util';

// A carrier's applied contracts (GET /carriers/{code}/contracts) and the clock figures read on one
// (GET /kpis?contract=, contracts.md §1): which version is in force, and how its clock is worded.

export type ContractAllowanceView = { corridor: string; serviceLevel: string; days: number };

export type ContractVersion = {
  contract: string;
  effectiveFrom: string;
  currency: string | null;
  calendar: { country: string; subdivision: string | null; closures: string[] } | null;
  clock: { timeZone: string; days: 'business' | 'calendar'; exclude: string[] };
  allowances: ContractAllowanceView[];
};

const EXCLUSION_WORDS: Record<string, string> = { import_customs: 'customs', pickup_wait: 'pickup waits', consignee_failure: 'consignee failures' };

function strings(value: unknown, path: string): string[] {
  return asArray(value ?? [], path).map((item, index) => {
    if (typeof item !== 'string') throw new TypeError(`${path}[${index}] must be a string`);
    return item;
  });
}

function parseVersion(value: unknown, path: string): ContractVersion {
  const record = asRecord(value, path);
  const clock: Fields = isRecord(record.clock) ? record.clock : {};
  const calendar = isRecord(record.calendar) ? record.calendar : null;
  return {
    contract: text(record, 'contract', path),
    effectiveFrom: text(record, 'effectiveFrom', path),
    currency: optionalText(record, 'currency', path),
    calendar: calendar === null ? null : { country: text(calendar, 'country', `${path}.calendar`), subdivision: optionalText(calendar, 'subdivision', `${path}.calendar`), closures: strings(calendar.closures, `${path}.calendar.closures`) },
    clock: { timeZone: optionalText(clock, 'timeZone', `${path}.clock`) ?? 'UTC', days: clock.days === 'business' ? 'business' : 'calendar', exclude: strings(clock.exclude, `${path}.clock.exclude`) },
    allowances: asArray(record.allowances ?? [], `${path}.allowances`).map((item, index) => {
      const allowance = asRecord(item, `${path}.allowances[${index}]`);
      return { corridor: String(allowance.corridor ?? '*'), serviceLevel: String(allowance.serviceLevel ?? '*'), days: Number(allowance.days) };
    }),
  };
}

export function parseCarrierContracts(body: unknown): ContractVersion[] {
  return asArray(body, 'contracts').map((item, index) => parseVersion(item, `contracts[${index}]`));
}

/** The version in force on `day` (YYYY-MM-DD): the latest effective date on or before it. */
export function contractInForce(versions: readonly ContractVersion[], day: string): ContractVersion | null {
  return [...versions].filter((version) => version.effectiveFrom <= day).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

/** A contract that runs its own clock: a calendar, business days or excluded episodes (elapsed UTC days are transit). */
export function hasOwnClock(version: ContractVersion): boolean {
  return version.calendar !== null || version.clock.days === 'business' || version.clock.exclude.length > 0;
}

/** "on the contract clock (business days, BR-SP calendar, customs excluded)". */
export function clockLabel(version: ContractVersion): string {
  const parts = [version.clock.days === 'business' ? 'business days' : 'calendar days'];
  if (version.calendar !== null) parts.push(`${version.calendar.subdivision ?? version.calendar.country} calendar`);
  if (version.clock.exclude.length > 0) parts.push(`${version.clock.exclude.map((kind) => EXCLUSION_WORDS[kind] ?? kind).join(', ')} excluded`);
  return `on the contract clock (${parts.join(', ')})`;
}

/** The allowances in words: "4 days on CN-BR", "*" as any lane. */
export function allowancesInWords(version: ContractVersion): string {
  const unit = version.clock.days === 'business' ? 'business day' : 'day';
  return version.allowances
    .map(({ corridor, serviceLevel, days }) => {
      const lane = corridor === '*' ? 'any lane' : corridor;
      return `${days} ${unit}${days === 1 ? '' : 's'} on ${lane}${serviceLevel === '*' ? '' : ` (${serviceLevel})`}`;
    })
    .join('; ');
}

/** The clock family of the single row a carrier's /kpis?contract= read answers (null when it has none). */
export function parseClockRow(body: unknown): ClockKpi | null {
  const rows = asArray(asRecord(body, 'kpis').rows, 'kpis.rows');
  const clock = rows.length > 0 ? asRecord(rows[0], 'kpis.rows[0]').clock : null;
  if (!isRecord(clock)) return null;
  const stat = (key: string) => (typeof clock[key] === 'number' ? (clock[key] as number) : null);
  const within = isRecord(clock.withinAllowance) ? clock.withinAllowance : null;
  return {
    count: stat('count') ?? 0,
    meanDays: stat('meanDays'),
    stddevDays: stat('stddevDays'),
    varianceDays: stat('varianceDays'),
    p50Days: stat('p50Days'),
    p90Days: stat('p90Days'),
    p95Days: stat('p95Days'),
    withinAllowance: within === null ? null : { legs: Number(within.legs), within: Number(within.within), rate: typeof within.rate === 'number' ? within.rate : null },
  };
}

/** Business days with two decimals: the clock's own unit, never hours. */
export function formatClockDays(value: number | null, unit: string): string {
  return value === null ? NO_DATA : `${value.toFixed(2)} ${unit}`;
}
