import { signAfterShip, signEasyPost, signSeventeenTrack } from '@lanewatch/formats';
import fc from 'fast-check';
import { createHash, createHmac } from 'node:crypto';
import { applyMutation, contentType, hostileValue, Json, jsonMutation, JsonMutation, rawMutation, RawMutation, serialise } from './fuzz-mutations';
import { Auth, CSV_SEED, FUZZ_CARRIER, JsonTarget, SPARE_CARRIER, UPU_CSV } from './fuzz-targets';

// A fuzz case is a small plain description (fast-check generates and prints it); `materialise`
// turns it into the bytes of one HTTP request just before it is sent.

/** Path and query values: valid ones mostly, else what issue 12 found breaking routes. */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  '%C3%28',
  '00000000-0000-0000-0000-00000000000g',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '------------------------------------',
  '00000000-0000-0000-0000-000000000000',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '%2B275760-09-13T00:00:00Z',
  '2026-11-01T08:15:00%2B99:99',
  '2026-11-01T08:15:00-23:59',
  '2026-11-01T08:15:00,5Z',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'NaN',
  '%20',
  '..%2F..%2Fetc',
  "'%3B%20DROP",
  'CN-BR',
  'ZZ-ZZ',
  'true',
];

export const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000, 60_000).map((length) => 'x'.repeat(length)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncode) },
);

/** Percent-encodes any string, lone surrogates included (as the WTF-8 bytes a hostile client sends). */
export function percentEncode(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(index, index + 2));
      index += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(text[index]);
  }
  return out;
}

export interface GetRoute {
  path: string;
  pathParams: string[];
  queryParams: string[];
}

export type FuzzCase =
  | { kind: 'json'; target: number; mutations: JsonMutation[]; raw: RawMutation; contentType: string; params: (string | null)[]; signature: 'valid' | 'none' | 'stale' }
  | { kind: 'upu-csv'; cells: { line: number; text: string }[]; truncate: number | null }
  | { kind: 'import'; cells: { row: number; column: number; value: Json }[]; framing: Framing; fileName: string }
  | { kind: 'get'; route: number; params: (string | null)[]; query: ([string, string] | null)[]; extra: string };

type Framing = 'ok' | 'no-boundary' | 'no-closing' | 'wrong-boundary' | 'no-file' | 'two-files' | 'truncated' | 'json-type' | 'empty';

export interface RequestToSend {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What a failure report shows of it. */
  summary: string;
}

export function fuzzCase(targets: JsonTarget[], routes: GetRoute[]): fc.Arbitrary<FuzzCase> {
  // Mostly the valid value (null), so the body is what is fuzzed; sometimes a hostile one.
  const maybeSegment = fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: segment });
  const json = fc.record({
    kind: fc.constant('json' as const),
    target: fc.nat(targets.length - 1),
    mutations: fc.array(jsonMutation, { minLength: 0, maxLength: 3 }),
    raw: rawMutation,
    contentType,
    params: fc.array(maybeSegment, { minLength: 3, maxLength: 3 }),
    signature: fc.constantFrom<'valid' | 'none' | 'stale'>('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'none', 'stale'),
  });
  const upuCsv = fc.record({
    kind: fc.constant('upu-csv' as const),
    cells: fc.array(fc.record({ line: fc.nat(20), text: hostileValue.map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '')) }), { maxLength: 3 }),
    truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  });
  const upload = fc.record({
    kind: fc.constant('import' as const),
    cells: fc.array(fc.record({ row: fc.nat(CSV_SEED.length - 1), column: fc.nat(CSV_SEED[0].length), value: hostileValue as fc.Arbitrary<Json> }), { maxLength: 3 }),
    framing: fc.constantFrom<Framing>('ok', 'ok', 'ok', 'ok', 'no-boundary', 'no-closing', 'wrong-boundary', 'no-file', 'two-files', 'truncated', 'json-type', 'empty'),
    fileName: fc.constantFrom('f.csv', 'f\u0000.csv', '\ud800.csv', 'x'.repeat(5000), '../../x.csv', ''),
  });
  const query = fc.array(fc.option(fc.tuple(fc.constantFrom('', '[]', '[a]'), segment), { freq: 2, nil: null }), { minLength: 6, maxLength: 6 });
  const get = fc.record({
    kind: fc.constant('get' as const),
    route: fc.nat(routes.length - 1),
    params: fc.array(maybeSegment, { minLength: 3, maxLength: 3 }),
    query: query.map((entries) => entries.map((entry) => (entry ? [entry[0], entry[1]] : null))) as fc.Arbitrary<([string, string] | null)[]>,
    extra: fc.constantFrom('', '', '', '&x=1&x=2', '&%00=1', '&asOf=a&asOf=b'),
  });
  return fc.oneof({ weight: 12, arbitrary: json }, { weight: 1, arbitrary: upuCsv }, { weight: 2, arbitrary: upload }, { weight: 4, arbitrary: get });
}

export interface Credentials {
  adminToken: string;
  carrierKey: string;
  webhookSecret: string;
  /** Valid values for path parameters by name ({id} draws from the pool). */
  ids: string[];
}

function validParam(name: string, credentials: Credentials, pick: number): string {
  if (name === 'carrier' || name === 'code') return FUZZ_CARRIER;
  if (name === 'spare') return SPARE_CARRIER;
  if (name === 'trackingNumber') return 'FUZZ000001CN';
  return credentials.ids[pick % Math.max(1, credentials.ids.length)] ?? '1';
}

function fillPath(path: string, params: (string | null)[], credentials: Credentials, pick: number): string {
  let index = 0;
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => params[index++] ?? validParam(name, credentials, pick + index));
}

function authHeaders(auth: Auth, credentials: Credentials): Record<string, string> {
  if (auth === 'admin') return { authorization: `Bearer ${credentials.adminToken}` };
  if (auth === 'carrier') return { authorization: `Bearer ${credentials.carrierKey}` };
  return {};
}

function refreshed(seed: Json, auth: Auth): Json {
  // The signed timestamps inside the body must be fresh, or every delivery is a stale 401.
  if (auth === 'aftership' && seed && typeof seed === 'object' && !Array.isArray(seed)) return { ...seed, ts: Math.floor(Date.now() / 1000) };
  if (auth === 'easypost' && seed && typeof seed === 'object' && !Array.isArray(seed)) return { ...seed, updated_at: new Date().toISOString() };
  return seed;
}

function sign(auth: Auth, body: Buffer, secret: string): Record<string, string> {
  // The signing helpers hash a string as UTF-8; invalid UTF-8 is signed over its exact bytes here.
  const text = body.toString('utf8');
  const exact = Buffer.from(text).equals(body) ? text : null;
  if (auth === 'aftership') return { 'aftership-hmac-sha256': exact !== null ? signAfterShip(exact, secret) : hmac(body, secret, 'base64') };
  if (auth === 'easypost') return { 'x-hmac-signature': exact !== null ? signEasyPost(exact, secret) : `hmac-sha256-hex=${hmac(body, secret.normalize('NFKD'), 'hex')}` };
  if (auth === '17track') return { sign: exact !== null ? signSeventeenTrack(exact, secret) : sha(Buffer.concat([body, Buffer.from(`/${secret}`)])) };
  return {};
}

const hmac = (body: Buffer, secret: string, encoding: 'hex' | 'base64') => createHmac('sha256', secret).update(body).digest(encoding);
const sha = (body: Buffer) => createHash('sha256').update(body).digest('hex');

function safeMutate(seed: Json, mutations: JsonMutation[]): Json {
  let value = seed;
  for (const mutation of mutations) {
    try {
      value = applyMutation(value, mutation);
    } catch {
      // A structure too deep to copy: the mutations so far stand.
    }
  }
  return value;
}

function safeSerialise(value: Json, raw: RawMutation): Buffer {
  try {
    return serialise(value, raw);
  } catch {
    // Too deep for this process's JSON.stringify: the same depth spelt directly.
    return serialise(null, { kind: 'deep-brackets', depth: 100_000, open: '{"a":' });
  }
}

const csvCell = (value: Json) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return /[",\n\r]/.test(text) && text.length % 3 !== 0 ? `"${text.replace(/"/g, '""')}"` : text;
};

export function materialise(testCase: FuzzCase, targets: JsonTarget[], routes: GetRoute[], credentials: Credentials, pick: number): RequestToSend {
  if (testCase.kind === 'json') {
    const target = targets[testCase.target];
    const body = safeSerialise(safeMutate(refreshed(target.seed, target.auth), testCase.mutations), testCase.raw);
    const path = fillPath(target.path, testCase.params, credentials, pick);
    const signed = testCase.signature === 'none' ? {} : sign(target.auth, testCase.signature === 'stale' ? Buffer.concat([body, Buffer.from(' ')]) : body, credentials.webhookSecret);
    const headers = { ...authHeaders(target.auth, credentials), ...signed, ...(testCase.contentType ? { 'content-type': testCase.contentType } : {}) };
    return { method: target.method, path, headers, body: target.method === 'DELETE' && body.length < 3 ? undefined : body, summary: `${target.name}` };
  }
  if (testCase.kind === 'upu-csv') {
    const lines = UPU_CSV.split('\n');
    for (const cell of testCase.cells) {
      const line = cell.line % lines.length;
      const fields = lines[line].split(',');
      fields[cell.line % Math.max(1, fields.length)] = cell.text;
      lines[line] = fields.join(',');
    }
    const text = lines.join('\n');
    const body = Buffer.from(testCase.truncate === null ? text : text.slice(0, Math.floor(text.length * testCase.truncate)));
    return { method: 'POST', path: `/api/v1/webhooks/upu/${FUZZ_CARRIER}`, headers: { ...authHeaders('carrier', credentials), 'content-type': 'text/csv' }, body, summary: 'upu csv' };
  }
  if (testCase.kind === 'import') return multipartImport(testCase, credentials);
  const route = routes[testCase.route];
  let index = 0;
  const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => testCase.params[index++] ?? validParam(name, credentials, pick + index));
  const query = route.queryParams
    .map((name, position) => (testCase.query[position % testCase.query.length] ? `${name}${testCase.query[position % testCase.query.length]![0]}=${testCase.query[position % testCase.query.length]![1]}` : null))
    .filter((entry): entry is string => entry !== null);
  const search = query.length > 0 || testCase.extra ? `?${query.join('&')}${testCase.extra}` : '';
  return { method: 'GET', path: `${path}${search}`, headers: authHeaders(pick % 3 === 0 ? 'carrier' : 'admin', credentials), summary: `GET ${route.path}` };
}

function multipartImport(testCase: FuzzCase & { kind: 'import' }, credentials: Credentials): RequestToSend {
  const rows = CSV_SEED.map((row) => [...row] as Json[]);
  for (const cell of testCase.cells) rows[cell.row][cell.column % (rows[cell.row].length + 1)] = cell.value;
  const csv = rows.map((row) => row.map(csvCell).join(',')).join('\n');
  const boundary = 'fuzzBoundary7MA4YWxk';
  const part = (name: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${testCase.fileName}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`;
  let body = `${part('file')}--${boundary}--\r\n`;
  let type = `multipart/form-data; boundary=${boundary}`;
  switch (testCase.framing) {
    case 'no-boundary':
      type = 'multipart/form-data';
      break;
    case 'no-closing':
      body = part('file');
      break;
    case 'wrong-boundary':
      type = 'multipart/form-data; boundary=somethingElse';
      break;
    case 'no-file':
      body = `${part('notfile')}--${boundary}--\r\n`;
      break;
    case 'two-files':
      body = `${part('file')}${part('file')}--${boundary}--\r\n`;
      break;
    case 'truncated':
      body = body.slice(0, Math.floor(body.length / 2));
      break;
    case 'json-type':
      type = 'application/json';
      break;
    case 'empty':
      body = '';
      break;
    case 'ok':
      break;
  }
  return { method: 'POST', path: '/api/v1/imports', headers: { ...authHeaders('carrier', credentials), 'content-type': type }, body: Buffer.from(body), summary: `import (${testCase.framing})` };
}
