import { DateTime } from 'luxon';

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/**
 * GTT's `/Date(ms±hhmm)/`: epoch milliseconds (UTC) and the writer's offset, kept so local time
 * shows. Null when the text is not in that form.
 */
export function parseMsDate(value: string): string | null {
  const match = MS_DATE.exec(value.trim());
  if (!match) return null;
  const offset = match[2] ? (match[2][0] === '-' ? -1 : 1) * (Number(match[2].slice(1, 3)) * 60 + Number(match[2].slice(3, 5))) : 0;
  const instant = DateTime.fromMillis(Number(match[1]), { zone: 'utc' }).setZone(offset === 0 ? 'utc' : `UTC${offset > 0 ? '+' : '-'}${Math.floor(Math.abs(offset) / 60)}:${String(Math.abs(offset) % 60).padStart(2, '0')}`);
  return instant.isValid ? (instant.toISO({ suppressMilliseconds: true }) as string) : null;
}

/** The inverse, for fixtures and the round-trip property. */
export function formatMsDate(iso: string): string {
  const parsed = DateTime.fromISO(iso, { setZone: true });
  const offset = parsed.offset;
  const sign = offset < 0 ? '-' : '+';
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return `/Date(${parsed.toMillis()}${sign}${hhmm})/`;
}
