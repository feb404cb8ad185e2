import fc from 'fast-check';

// Hostile values and the mutations the fuzz suite (test/fuzz.int-spec.ts) applies to real bodies:
// what issue 12 found breaking the API, and what a careless or hostile carrier sends.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'GM\u0000605554122',
  '\ud800',
  'ab\udfffcd',
  '\ud83d',
  '😀📦',
  '%00',
  "'; DROP TABLE events; --",
  '../../etc/passwd',
  '12',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  '0001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-11-01T08:15:00+99:99',
  '2026-11-01T08:15:00-23:59',
  '2026-11-01T08:15:00+14:01',
  '2026-11-01T08:15:00,5Z',
  '2026-11-01T08:15:00.123456789012Z',
  '2026-02-30T00:00:00Z',
  '2026-11-01T24:00:00Z',
  '2026-11-01T08:15:60Z',
  '2026-11-01',
  '2026-11-01 08:15',
  '1762000000',
  '00000000-0000-0000-0000-00000000000g',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '------------------------------------',
  '00000000-0000-0000-0000-000000000000',
  'ACCEPTED',
  'DELIVERED',
  'CN',
  'ZZ',
  'Europe/Nowhere',
  'GMT+08:00',
  'UTC+99',
  'http://169.254.169.254/latest',
  'https://user:pw@example.com/x',
];

const HOSTILE_NUMBERS = [0, -1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 1e-320, 253402300800, -62135596800000];

/** A huge value built only when sent, so thousands of cases in memory stay small. */
const huge = fc.constantFrom(10_000, 100_000, 1_100_000).chain((length) =>
  fc.constantFrom('x', '\u0000', 'é', '\ud800', '9').map((unit) => ({ huge: unit, length })),
);
type Huge = { huge: string; length: number };

const nested = fc.constantFrom(100, 1_000, 10_000, 50_000).map((depth) => ({ nested: depth }));
type Nested = { nested: number };

type Hostile = Json | Huge | Nested;

export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Json>(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom<Json>(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': null }, { __proto__: 1 } as Json, ['ACCEPTED']) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.integer().map((value) => String(value)) },
  { weight: 1, arbitrary: fc.double() as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: nested },
);

function materialise(value: Hostile): Json {
  if (value && typeof value === 'object' && 'huge' in value && typeof value.huge === 'string' && typeof (value as Huge).length === 'number') {
    return (value as Huge).huge.repeat((value as Huge).length);
  }
  if (value && typeof value === 'object' && 'nested' in value && typeof (value as Nested).nested === 'number' && Object.keys(value).length === 1) {
    let inner: Json = 'deep';
    for (let level = 0; level < (value as Nested).nested; level += 1) inner = level % 2 ? [inner] : { a: inner };
    return inner;
  }
  return value as Json;
}

type Operation = 'replace' | 'delete' | 'add' | 'to-string' | 'wrap' | 'duplicate-array';

export interface JsonMutation {
  path: number[];
  operation: Operation;
  value: Hostile;
  key: string;
}

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  path: fc.array(fc.nat(50), { maxLength: 8 }),
  operation: fc.constantFrom<Operation>('replace', 'replace', 'replace', 'delete', 'add', 'to-string', 'wrap', 'duplicate-array'),
  value: hostileValue,
  key: fc.constantFrom('trackingNumber', 'occurredAt', 'milestone', 'promisedBy', 'carrier', '__proto__', 'constructor', '', 'x\u0000', 'events'),
});

/** Applies a mutation to a copy of the value: walks the path (each step modulo the children), then acts there. */
export function applyMutation(root: Json, mutation: JsonMutation): Json {
  const copy = structuredClone(root);
  let parent: Json[] | Record<string, Json> | null = null;
  let slot: string | number = '';
  let node: Json = copy;
  for (const step of mutation.path) {
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_value, index) => index) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    slot = keys[step % keys.length];
    node = (node as Record<string, Json>)[slot as string];
  }
  const set = (value: Json) => {
    if (parent === null) return value;
    (parent as Record<string, Json>)[slot as string] = value;
    return copy;
  };
  const value = materialise(mutation.value);
  switch (mutation.operation) {
    case 'replace':
      return set(value);
    case 'delete':
      if (parent === null) return value;
      if (Array.isArray(parent)) parent.splice(slot as number, 1);
      else delete parent[slot as string];
      return copy;
    case 'add':
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) Object.defineProperty(node, mutation.key, { value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(node)) node.push(value);
      else return set(value);
      return copy;
    case 'to-string':
      return set(typeof node === 'string' ? Number(node) : JSON.stringify(node) ?? null);
    case 'wrap':
      return set([node]);
    case 'duplicate-array':
      return set(Array.isArray(node) ? [...node, ...node, ...node] : node);
  }
}

/** Mutations of the serialised bytes: what a JSON value cannot express. */
export type RawMutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-key'; key: string; value: Hostile }
  | { kind: 'raw-nul'; at: number }
  | { kind: 'lone-escape'; at: number }
  | { kind: 'invalid-utf8'; at: number }
  | { kind: 'bom' }
  | { kind: 'deep-brackets'; depth: number; open: string }
  | { kind: 'garbage'; text: string };

export const rawMutation: fc.Arbitrary<RawMutation> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<RawMutation>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): RawMutation => ({ kind: 'truncate', at })) },
  { weight: 2, arbitrary: fc.record({ key: jsonMutation.map((m) => m.key), value: hostileValue }).map((r): RawMutation => ({ kind: 'duplicate-key', ...r })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): RawMutation => ({ kind: 'raw-nul', at })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): RawMutation => ({ kind: 'lone-escape', at })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): RawMutation => ({ kind: 'invalid-utf8', at })) },
  { weight: 1, arbitrary: fc.constant<RawMutation>({ kind: 'bom' }) },
  { weight: 1, arbitrary: fc.record({ depth: fc.constantFrom(1_000, 10_000, 100_000), open: fc.constantFrom('[', '{"a":', '[{"events":') }).map((r): RawMutation => ({ kind: 'deep-brackets', ...r })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text): RawMutation => ({ kind: 'garbage', text })) },
);

const position = (text: string | Buffer, at: number) => Math.floor(text.length * at);

/** The bytes to send: the value serialised, then mutated as bytes. */
export function serialise(value: Json, raw: RawMutation): Buffer {
  const text = JSON.stringify(value) ?? 'null';
  switch (raw.kind) {
    case 'none':
      return Buffer.from(text);
    case 'truncate':
      return Buffer.from(text).subarray(0, position(text, raw.at));
    case 'duplicate-key':
      // A second spelling of the key at the top level: JSON.parse keeps the last one.
      return Buffer.from(text.startsWith('{') && text.length > 2 ? `{${JSON.stringify(raw.key)}:${JSON.stringify(materialise(raw.value))},${text.slice(1)}` : text);
    case 'raw-nul':
      return Buffer.from(`${text.slice(0, position(text, raw.at))}\u0000${text.slice(position(text, raw.at))}`);
    case 'lone-escape': {
      // Inside the first string at or after the position, a lone surrogate as a JSON escape.
      const quote = text.indexOf('":"', position(text, raw.at));
      return Buffer.from(quote < 0 ? text : `${text.slice(0, quote + 3)}\\udc00${text.slice(quote + 3)}`);
    }
    case 'invalid-utf8': {
      const bytes = Buffer.from(text);
      const at = position(bytes, raw.at);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), bytes.subarray(at)]);
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 'deep-brackets': {
      const close = raw.open === '[' ? ']' : raw.open === '{"a":' ? '}' : '}]';
      return Buffer.from(`${raw.open.repeat(raw.depth)}1${close.repeat(raw.depth)}`);
    }
    case 'garbage':
      return Buffer.from(raw.text);
  }
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/vnd.api+json',
  '',
];

/** Mostly JSON (so the parsers are reached), sometimes anything else. */
export const contentType: fc.Arbitrary<string> = fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) });

export type { Json };
