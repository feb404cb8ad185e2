import { SLA_POLICY_EXAMPLE } from '@lanewatch/domain';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './fuzz-mutations';

// The write endpoints the fuzz suite mutates, each with a valid body as its seed (the real payload
// fixtures of libs/formats for the carrier formats), and how the request is authenticated.

const FORMATS_DIR = join(__dirname, '..', '..', 'libs', 'formats', 'src');

export const FUZZ_CARRIER = 'fuzzpost';
/** A second carrier whose keys and secret the fuzzer may rotate without breaking its own signatures. */
export const SPARE_CARRIER = 'sparepost';
export const FUZZ_USER = { email: 'fuzz-viewer@example.com', password: 'correct horse battery staple' };

export type Auth = 'admin' | 'carrier' | 'none' | 'aftership' | '17track' | 'easypost';

export interface JsonTarget {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path parameters written as {name}; the fuzzer fills them with valid or hostile values. */
  path: string;
  auth: Auth;
  seed: Json;
}

const EVENT: Json = {
  trackingNumber: 'FUZZ000001CN',
  milestone: 'ACCEPTED',
  occurredAt: '2026-11-01T08:15:00+08:00',
  location: { country: 'CN', facility: 'SHENZHEN HUB' },
  message: 'accepted at the counter',
  shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-11-30T23:59:59-03:00', orderRef: 'ORDER-1' },
};
const HANDOVER: Json = {
  trackingNumber: 'FUZZ000001CN',
  milestone: 'HANDED_OVER',
  occurredAt: '2026-11-02T08:15:00Z',
  handover: { carrier: SPARE_CARRIER, trackingNumber: 'SPARE0001BR' },
};
const CODED: Json = { trackingNumber: 'FUZZ000002CN', code: 'EMA', occurredAt: '2026-11-01T10:00:00.5Z', location: { country: 'Brazil' } };

function jsonFixtures(format: string): Json[] {
  const dirs = [join(FORMATS_DIR, format, 'fixtures'), join(FORMATS_DIR, format, 'fixtures', 'real')].filter((dir) => existsSync(dir));
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json),
  );
}

export const UPU_CSV = readFileSync(join(FORMATS_DIR, 'upu', 'fixtures', 'emsevt-events.csv'), 'utf8');

const POLICY: Json = { ...SLA_POLICY_EXAMPLE, name: 'first attempt', carrier: FUZZ_CARRIER, minSample: 3 };

export function jsonTargets(): JsonTarget[] {
  const signed = (format: 'aftership' | '17track' | 'easypost'): JsonTarget[] =>
    jsonFixtures(format === '17track' ? 'seventeen-track' : format).map((seed, index) => ({ name: `webhook ${format} #${index}`, method: 'POST', path: `/api/v1/webhooks/${format}/{carrier}`, auth: format, seed }));
  const keyed = (format: 'upu' | 'cainiao'): JsonTarget[] =>
    jsonFixtures(format).map((seed, index) => ({ name: `webhook ${format} #${index}`, method: 'POST', path: `/api/v1/webhooks/${format}/{carrier}`, auth: 'carrier', seed }));
  return [
    { name: 'events', method: 'POST', path: '/api/v1/events', auth: 'carrier', seed: { events: [EVENT, HANDOVER, CODED] } },
    { name: 'events (admin)', method: 'POST', path: '/api/v1/events', auth: 'admin', seed: { events: [{ ...(EVENT as object), carrier: FUZZ_CARRIER }] } },
    {
      name: 'shipments',
      method: 'POST',
      path: '/api/v1/shipments',
      auth: 'carrier',
      seed: { carrier: FUZZ_CARRIER, trackingNumber: 'FUZZ000001CN', origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-11-30T23:59:59-03:00', orderRef: 'ORDER-1' },
    },
    { name: 'leg link', method: 'PUT', path: '/api/v1/legs/{carrier}/{trackingNumber}/link', auth: 'admin', seed: { parent: { carrier: SPARE_CARRIER, trackingNumber: 'SPARE0001BR' } } },
    { name: 'leg link delete', method: 'DELETE', path: '/api/v1/legs/{carrier}/{trackingNumber}/link', auth: 'admin', seed: {} },
    { name: 'code map', method: 'PUT', path: '/api/v1/carriers/{carrier}/code-map', auth: 'admin', seed: { mappings: { EMA: 'ACCEPTED', EDG: 'OUT_FOR_DELIVERY', 'I/01': 'DELIVERED' } } },
    { name: 'import mapping', method: 'PUT', path: '/api/v1/carriers/{carrier}/import-mapping', auth: 'admin', seed: { columns: { trackingNumber: 'tn', occurredAt: 'at', milestone: 'ms' }, defaultTimeZone: 'America/Sao_Paulo' } },
    { name: 'carriers', method: 'POST', path: '/api/v1/carriers', auth: 'admin', seed: { code: 'newpost', name: 'New Post', kind: 'postal' } },
    { name: 'key rotate', method: 'POST', path: '/api/v1/carriers/{spare}/keys/rotate', auth: 'admin', seed: {} },
    { name: 'key revoke', method: 'POST', path: '/api/v1/carriers/{spare}/keys/{id}/revoke', auth: 'admin', seed: {} },
    { name: 'secret rotate', method: 'POST', path: '/api/v1/carriers/{spare}/webhook-secret/rotate', auth: 'admin', seed: {} },
    { name: 'users', method: 'POST', path: '/api/v1/users', auth: 'admin', seed: { email: 'ops@example.com', name: 'Operations', role: 'viewer', password: 'a long enough password' } },
    { name: 'user patch', method: 'PATCH', path: '/api/v1/users/{id}', auth: 'admin', seed: { name: 'Renamed', role: 'viewer', disabled: false, password: 'another long password' } },
    { name: 'login', method: 'POST', path: '/api/v1/auth/login', auth: 'none', seed: { email: FUZZ_USER.email, password: FUZZ_USER.password } },
    { name: 'logout', method: 'POST', path: '/api/v1/auth/logout', auth: 'none', seed: {} },
    {
      name: 'channels',
      method: 'POST',
      path: '/api/v1/notification-channels',
      auth: 'admin',
      seed: { name: 'ops hook', kind: 'webhook', url: 'https://hooks.example.com/lanewatch', minSeverity: 'warning', enabled: true },
    },
    { name: 'channels (email)', method: 'POST', path: '/api/v1/notification-channels', auth: 'admin', seed: { name: 'ops mail', kind: 'email', to: ['ops@example.com'] } },
    { name: 'channel put', method: 'PUT', path: '/api/v1/notification-channels/{id}', auth: 'admin', seed: { name: 'ops hook', kind: 'webhook', url: 'https://hooks.example.com/other', enabled: false } },
    { name: 'channel delete', method: 'DELETE', path: '/api/v1/notification-channels/{id}', auth: 'admin', seed: {} },
    { name: 'silences', method: 'POST', path: '/api/v1/silences', auth: 'admin', seed: { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z', carrier: FUZZ_CARRIER, corridor: 'CN-BR', reason: 'known strike' } },
    { name: 'silence delete', method: 'DELETE', path: '/api/v1/silences/{id}', auth: 'admin', seed: {} },
    { name: 'policies', method: 'POST', path: '/api/v1/sla-policies', auth: 'admin', seed: POLICY },
    { name: 'policy put', method: 'PUT', path: '/api/v1/sla-policies/{id}', auth: 'admin', seed: POLICY },
    { name: 'policy delete', method: 'DELETE', path: '/api/v1/sla-policies/{id}', auth: 'admin', seed: {} },
    { name: 'evaluations', method: 'POST', path: '/api/v1/sla-evaluations', auth: 'admin', seed: { asOf: '2026-11-23T12:00:00Z' } },
    { name: 'acknowledge', method: 'POST', path: '/api/v1/breaches/{id}/acknowledge', auth: 'admin', seed: { note: 'looking into it' } },
    { name: 'unacknowledge', method: 'POST', path: '/api/v1/breaches/{id}/unacknowledge', auth: 'admin', seed: {} },
    { name: 'policy preview', method: 'POST', path: '/api/v1/sla-policies/preview', auth: 'admin', seed: POLICY },
    { name: 'channel test', method: 'POST', path: '/api/v1/notification-channels/{id}/test', auth: 'admin', seed: {} },
    { name: 'batch retry', method: 'POST', path: '/api/v1/ingest/batches/{id}/retry', auth: 'admin', seed: {} },
    ...signed('aftership'),
    ...signed('17track'),
    ...signed('easypost'),
    ...keyed('upu'),
    ...keyed('cainiao'),
  ];
}

/** Valid values for the path parameters: most cases keep them, so the body is what is fuzzed. */
export interface KnownIds {
  id: string[];
}

export const CSV_SEED: string[][] = [
  ['tn', 'at', 'ms', 'country'],
  ['FUZZIMP0001', '2026-11-01T10:00:00Z', 'ACCEPTED', 'CN'],
  ['FUZZIMP0001', '2026-11-02 08:15', 'HANDED_OVER', 'Brazil'],
  ['FUZZIMP0002', '2026-11-03T10:00:00-03:00', 'DELIVERED', 'BR'],
];
