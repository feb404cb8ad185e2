import type { Milestone } from '@lanewatch/domain';
import type { AdapterWarning } from '../adapter.types';
import type { FormatName } from '../formats.registry';
import { fixture } from './fixture.util';

/** What one event of a real payload must become: [code, milestone (null: left unmapped), occurredAt, place or details]. */
export type ExpectedEvent = [
  code: string,
  milestone: Milestone | null,
  occurredAt: string,
  extra?: string | { city?: string; country?: string; facility?: string; handover?: { carrier: string; trackingNumber: string }; subtype?: string },
];

/**
 * One real payload of the corpus: the verbatim file (fixtures/real, sources in SOURCES.md beside it),
 * how it becomes the webhook body our adapter takes (API responses are wrapped, deterministically),
 * and the canonical events a careful reader expects from it under formats.md.
 */
export interface CorpusPayload {
  format: FormatName;
  name: string;
  /** Under libs/formats/src. */
  file: string;
  body: () => unknown;
  trackingNumber: string;
  shipment?: { origin?: string; destination?: string; serviceLevel?: string; orderRef?: string };
  estimate?: string;
  events: ExpectedEvent[];
  /** What the payload carries that cannot be resolved (an unnamed next carrier), as the adapter must say it. */
  warnings?: AdapterWarning[];
}

export const readJson = (path: string): unknown => JSON.parse(fixture(path));

/** The value at a JSON path ("shipments", 0, "tracker") of a parsed document. */
export function at(document: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], document);
}
