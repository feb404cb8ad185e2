// Small shape checks shared by the hand-written parsers: a wrong field fails with its path.
export type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown, path: string): Fields {
  if (!isRecord(value)) {
    throw new TypeError(`${path} must be an object`);
  }
  return value;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`${path} must be an array`);
  }
  return value;
}

export function text(record: Fields, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${path}.${key} must be a non-empty string`);
  }
  return value;
}

export function optionalText(record: Fields, key: string, path: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new TypeError(`${path}.${key} must be a string or null`);
  }
  return value;
}

export function optionalNumber(record: Fields, key: string, path: string): number | null {
  const value = record[key];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${path}.${key} must be a number or null`);
  }
  return value;
}

export function requiredNumber(record: Fields, key: string, path: string): number {
  const value = optionalNumber(record, key, path);
  if (value === null) {
    throw new TypeError(`${path}.${key} must be a number`);
  }
  return value;
}

export function optionalBoolean(record: Fields, key: string, path: string): boolean | null {
  const value = record[key];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'boolean') {
    throw new TypeError(`${path}.${key} must be true, false or null`);
  }
  return value;
}

export function oneOf<T extends string>(record: Fields, key: string, allowed: readonly T[], path: string): T {
  const value = record[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`${path}.${key} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
