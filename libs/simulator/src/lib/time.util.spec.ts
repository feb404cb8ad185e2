import { createRandom } from './random.util';
import { alignToLocalHours, endOfLocalDay, formatInZone, formatUtc, formatWithFixedOffset, offsetMinutesOf } from './time.util';

describe('time utilities', () => {
  it('writes local time with the offset in force at that instant', () => {
    expect(formatInZone(Date.parse('2026-11-02T11:15:00Z'), 'America/Sao_Paulo')).toBe('2026-11-02T08:15:00-03:00');
    expect(formatInZone(Date.parse('2026-10-31T16:00:00Z'), 'America/New_York')).toBe('2026-10-31T12:00:00-04:00');
    expect(formatInZone(Date.parse('2026-11-02T16:00:00Z'), 'America/New_York')).toBe('2026-11-02T11:00:00-05:00');
    expect(formatInZone(Date.parse('2026-01-05T10:00:07.900Z'), 'Europe/London')).toBe('2026-01-05T10:00:07+00:00');
  });

  it('writes the same instant in UTC or a fixed offset', () => {
    const instant = Date.parse('2026-11-02T11:15:00Z');
    expect(formatUtc(instant)).toBe('2026-11-02T11:15:00Z');
    expect(formatWithFixedOffset(instant, 8 * 60)).toBe('2026-11-02T19:15:00+08:00');
    expect(Date.parse(formatWithFixedOffset(instant, -210))).toBe(instant);
    expect(offsetMinutesOf('2026-11-02T08:15:00-03:00')).toBe(-180);
    expect(offsetMinutesOf('2026-11-02T11:15:00Z')).toBe(0);
  });

  it('moves an instant outside local working hours into the next window', () => {
    const random = createRandom(1);
    const lateEvening = Date.parse('2026-11-02T23:30:00Z'); // 20:30 in São Paulo
    const aligned = alignToLocalHours(lateEvening, 'America/Sao_Paulo', 7, 10, random);
    const local = formatInZone(aligned, 'America/Sao_Paulo');
    expect(local.slice(0, 10)).toBe('2026-11-03');
    expect(Number(local.slice(11, 13))).toBeGreaterThanOrEqual(7);
    expect(Number(local.slice(11, 13))).toBeLessThan(10);
    const inside = Date.parse('2026-11-02T11:00:00Z'); // 08:00 local
    expect(alignToLocalHours(inside, 'America/Sao_Paulo', 7, 10, random)).toBe(inside);
  });

  it('ends a promise at 23:59:59 local time', () => {
    expect(endOfLocalDay(Date.parse('2026-11-30T12:00:00Z'), 'America/Sao_Paulo')).toBe('2026-11-30T23:59:59-03:00');
    expect(endOfLocalDay(Date.parse('2026-07-01T02:00:00Z'), 'Europe/Paris')).toBe('2026-07-01T23:59:59+02:00');
  });
});
