import { describe, expect, it } from '@jest/globals';
import {
  formatCount,
  formatDays,
  formatDuration,
  formatHours,
  formatInterval,
  formatRate,
  formatUtcClock,
  formatUtcDay,
  formatUtcInstant,
  formatUtcRange,
  NO_DATA,
} from './kpi-format.util';

const locale = 'en-US';

describe('kpi formatting', () => {
  it('shows a dash for every missing figure, never 0', () => {
    expect(formatDays(null, { locale })).toBe(NO_DATA);
    expect(formatHours(null, { locale })).toBe(NO_DATA);
    expect(formatCount(null, { locale })).toBe(NO_DATA);
    expect(formatRate(null, { locale })).toBe(NO_DATA);
    expect(formatInterval(null, { locale })).toBeNull();
  });

  it('shows a real zero as zero', () => {
    expect(formatCount(0, { locale })).toBe('0');
    expect(formatRate(0, { locale })).toBe('0.0%');
    expect(formatDays(0, { locale })).toBe('0.0 h');
  });

  it('rounds durations to one decimal with their unit', () => {
    expect(formatDays(9.4149, { locale })).toBe('9.4 d');
    expect(formatHours(110.55, { locale })).toBe('4.6 d');
  });

  it('shows long holds and feed latencies in days, not hundreds of hours', () => {
    expect(formatHours(227.8, { locale })).toBe('9.5 d');
    expect(formatHours(392, { locale })).toBe('16.3 d');
    expect(formatDuration(608, { locale })).toBe('25.3 d');
  });

  it('uses hours below a day and minutes below an hour', () => {
    expect(formatDuration(23.94, { locale })).toBe('23.9 h');
    expect(formatDuration(24, { locale })).toBe('1.0 d');
    expect(formatDuration(1, { locale })).toBe('1.0 h');
    expect(formatDuration(0.75, { locale })).toBe('45 min');
    expect(formatDays(0.5, { locale })).toBe('12.0 h');
  });

  it('shows a dash for a duration that is not a number', () => {
    expect(formatDuration(Number.NaN, { locale })).toBe(NO_DATA);
  });

  it('writes clock times in UTC on a 24-hour clock', () => {
    expect(formatUtcClock(Date.parse('2026-11-23T21:05:09Z'), { locale })).toBe('21:05:09 UTC');
  });

  it('groups thousands in counts', () => {
    expect(formatCount(12000, { locale })).toBe('12,000');
  });

  it('gives rates one decimal and small rates two so they do not all read 0.0 %', () => {
    expect(formatRate(0.8764, { locale })).toBe('87.6%');
    expect(formatRate(0.0025, { locale })).toBe('0.25%');
  });

  it('writes an interval in percent with the precision of its smaller bound', () => {
    expect(formatInterval({ low: 0.85, high: 0.9 }, { locale })).toBe('85.0–90.0 %');
    expect(formatInterval({ low: 0.0017, high: 0.0036 }, { locale })).toBe('0.17–0.36 %');
  });
});

describe('UTC dates', () => {
  it('formats a day in UTC whatever the machine time zone', () => {
    expect(formatUtcDay(Date.parse('2026-11-01T00:00:00Z'), { locale })).toBe('Nov 1, 2026');
    expect(formatUtcDay(Date.parse('2026-11-01T23:59:59Z'), { locale, withYear: false })).toBe('Nov 1');
  });

  it('labels a window by its first and last included day', () => {
    const range = { fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: Date.parse('2026-11-08T00:00:00Z') };
    expect(formatUtcRange({ ...range, locale })).toBe('Nov 1, 2026 – Nov 7, 2026 (UTC)');
  });

  it('labels a one-day window by that day alone', () => {
    const range = { fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: Date.parse('2026-11-02T00:00:00Z') };
    expect(formatUtcRange({ ...range, locale })).toBe('Nov 1, 2026 (UTC)');
  });

  it('shows the times when a bound is not on midnight', () => {
    const range = { fromMs: Date.parse('2026-11-01T06:15:00Z'), toMs: Date.parse('2026-11-02T00:00:00Z') };
    expect(formatUtcRange({ ...range, locale })).toMatch(/06:15.*UTC$/);
  });
});

describe('formatUtcInstant', () => {
  it('formats an API instant in UTC and names the zone', () => {
    expect(formatUtcInstant('2026-11-23T04:30:00.000Z', { locale })).toMatch(/^Nov 23, 2026.*04:30 UTC$/);
  });

  it('shows an unreadable instant as it came', () => {
    expect(formatUtcInstant('soon', { locale })).toBe('soon');
  });
});
