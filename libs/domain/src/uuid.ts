/** The spelling PostgreSQL's uuid type reads back: 8-4-4-4-12 hexadecimal digits. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a client's id can name a row at all: a 36-character string of hex digits and dashes in any
 * other order ('------------------------------------') is refused by the uuid cast, so it is checked here.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
