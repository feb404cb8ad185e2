import { validateEvent } from '@lanewatch/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterContext, AdapterResult } from '../adapter.types';
import { carrierResolver } from '../carrier-names';
import { eventIdentity } from '@lanewatch/crypto';

/** Spec support: fixtures are read from disk; the library itself never does I/O. */
export function fixture(relativePath: string): string {
  return readFileSync(join(__dirname, '..', relativePath), 'utf8');
}

export const REGISTERED = [
  { code: 'correios', name: 'Correios' },
  { code: 'usps', name: 'USPS' },
  { code: 'cainiao', name: 'Cainiao' },
];

export const context: AdapterContext = { resolveCarrier: carrierResolver(REGISTERED) };

/** [code, milestone the event carries or the built-in map gives, occurredAt] per event, in payload order. */
export function table(result: AdapterResult, codeMap: Readonly<Record<string, string>>): [string, string, string][] {
  return result.events.map(({ event }) => [event.code ?? '', event.milestone ?? codeMap[event.code ?? ''] ?? 'UNMAPPED', event.occurredAt]);
}

/** Every adapted event must pass the canonical API's own validation (events.md §2). */
export function canonicalErrors(result: AdapterResult, carrier: string): string[] {
  const codes = new Set(REGISTERED.map((registered) => registered.code));
  return result.events.flatMap(({ path, event }) => {
    const validated = validateEvent(event, { receivedAt: new Date('2026-11-20T00:00:00Z'), keyCarrier: carrier, isKnownCarrier: (code) => codes.has(code), identityOf: eventIdentity });
    return validated.ok ? [] : validated.errors.map((error) => `${path}: ${error}`);
  });
}
