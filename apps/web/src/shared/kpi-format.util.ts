import { DAY_MS } from '@lanewatch/domain';
import type { Interval } from '../api/api-types';

// Shown for every missing figure. A dash, never 0: "no deliveries" and "zero days" are different facts.
export const NO_DATA = '—';

type FormatOptions = { locale?: string };

function decimals(value: number, fractionDigits: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

// One formatter for every duration, choosing the unit a person reads best: minutes below an hour,
// hours below a day, days from there on ("9.5 d", not "227.8 h"). Metrics keep their stored unit.
export function formatDuration(hours: number | null, { locale }: FormatOptions = {}): string {
  if (hours === null || !Number.isFinite(hours)) {
    return NO_DATA;
  }
  const size = Math.abs(hours);
  if (size !== 0 && size < 1) {
    return `${decimals(hours * 60, 0, locale)} min`;
  }
  if (size < 24) {
    return `${decimals(hours, 1, locale)} h`;
  }
  return `${decimals(hours / 24, 1, locale)} d`;
}

export function formatDays(value: number | null, options: FormatOptions = {}): string {
  return formatDuration(value === null ? null : value * 24, options);
}

export function formatHours(value: number | null, options: FormatOptions = {}): string {
  return formatDuration(value, options);
}

export function formatCount(value: number | null, { locale }: FormatOptions = {}): string {
  return value === null ? NO_DATA : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

// Small rates (unmapped events, silent parcels) would all read "0.0 %" at one decimal.
function rateDigits(value: number): number {
  return value !== 0 && Math.abs(value) < 0.01 ? 2 : 1;
}

export function formatRate(value: number | null, { locale }: FormatOptions = {}): string {
  if (value === null) {
    return NO_DATA;
  }
  const digits = rateDigits(value);
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

// "85.0–90.0 %": the interval in the same unit as the rate it qualifies.
export function formatInterval(interval: Interval | null, { locale }: FormatOptions = {}): string | null {
  if (interval === null) {
    return null;
  }
  const digits = Math.max(rateDigits(interval.low), rateDigits(interval.high));
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number.format(interval.low * 100)}–${number.format(interval.high * 100)} %`;
}

function utcDateFormat(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

function utcInstantFormat(locale: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    // A 24-hour clock: an operator comparing UTC instants should not have to resolve AM/PM.
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
}

export function formatUtcDay(epochMs: number, { locale, withYear = true }: FormatOptions & { withYear?: boolean } = {}) {
  return utcDateFormat(locale, withYear).format(new Date(epochMs));
}

// Windows are [from, to): the last day shown is the one holding to − 1 ms. Bounds off midnight
// (possible from a hand-edited link) are shown with their time so the label never lies.
export function formatUtcRange({ fromMs, toMs, locale }: { fromMs: number; toMs: number; locale?: string }): string {
  const onMidnights = fromMs % DAY_MS === 0 && toMs % DAY_MS === 0;
  if (!onMidnights) {
    const instant = utcInstantFormat(locale);
    return `${instant.format(new Date(fromMs))} – ${instant.format(new Date(toMs))} UTC`;
  }
  const first = formatUtcDay(fromMs, { locale });
  const last = formatUtcDay(toMs - 1, { locale });
  return first === last ? `${first} (UTC)` : `${first} – ${last} (UTC)`;
}

// A time of day in UTC on a 24-hour clock, as every other instant on the dashboard ("14:05:09 UTC").
export function formatUtcClock(epochMs: number, { locale }: FormatOptions = {}): string {
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return `${clock.format(new Date(epochMs))} UTC`;
}

export function formatUtcInstant(iso: string, { locale }: FormatOptions = {}): string {
  const epochMs = Date.parse(iso);
  return Number.isNaN(epochMs) ? iso : `${utcInstantFormat(locale).format(new Date(epochMs))} UTC`;
}
