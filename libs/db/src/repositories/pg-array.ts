import * as pg from 'pg';

// pg's own conversion of one value to its text form (dates in the client's zone, objects as JSON,
// `toPostgres`): what an array element that is not a number, string or byte array is given.
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

function quoted(text: string): string {
  // One pass puts a backslash before each quote and backslash (JSON text is full of quotes).
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
}

function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (ArrayBuffer.isView(value)) return `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
  return quoted(String(prepareValue(value)));
}

/**
 * A PostgreSQL array literal of these values, the meaning pg gives an array parameter (NULL for
 * null, nested arrays, `\x` hex for bytes, pg's own text for dates and objects), written in one
 * `join`: pg builds it element by element through its generic conversion and two regular
 * expressions each, which for the write path's column arrays (tens of thousands of elements a
 * statement) was a tenth of the worker's CPU.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const plain = plainArrayLiteral(values);
  if (plain !== null) return plain;
  const parts = new Array<string>(values.length);
  for (let index = 0; index < values.length; index += 1) parts[index] = element(values[index]);
  return `{${parts.join(',')}}`;
}

/**
 * The common case in one native call: an array of only strings, finite numbers and nulls is written
 * by JSON.stringify as `["a",1,null]`, which is its PostgreSQL literal between braces (strings double
 * quoted, numbers as String() writes them, `null` read as NULL whatever its case) as long as nothing
 * needed escaping. JSON escapes with a backslash exactly what PostgreSQL would read differently
 * (quotes, backslashes, control characters, lone surrogates): any backslash, and the caller writes
 * the array element by element instead. Null when the array is not of that kind.
 */
function plainArrayLiteral(values: readonly unknown[]): string | null {
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (typeof value === 'string' || value === null || value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    return null;
  }
  const json = JSON.stringify(values);
  if (json.includes('\\')) return null;
  return `{${json.slice(1, -1)}}`;
}

/** The parameters with every array given as its literal (other values as they are). */
export function withArrayLiterals(parameters: readonly unknown[]): unknown[] {
  return parameters.map((parameter) => (Array.isArray(parameter) ? arrayLiteral(parameter) : parameter));
}
