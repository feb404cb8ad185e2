export type { IngestStatus } from '@lanewatch/domain';
import type { IngestStatus } from '@lanewatch/domain';

export type DependencyHealth = { ok: boolean };

export type HealthReport = {
  status: 'ok' | 'degraded';
  postgres: DependencyHealth;
  redis: DependencyHealth;
};

export const INGEST_STATUS_FIELDS = [
  'pendingBatches',
  'processedBatches',
  'failedBatches',
  'eventsStored',
  'duplicates',
  'unlinkedEvents',
  'unmappedEvents',
] as const satisfies readonly (keyof IngestStatus)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The API is a separate deployable; checking shapes here turns a version mismatch into a clear
// message instead of NaN tiles.
export function parseIngestStatus(body: unknown): IngestStatus {
  if (!isRecord(body)) {
    throw new TypeError('ingest status: expected a JSON object');
  }
  const missing = INGEST_STATUS_FIELDS.filter((field) => !Number.isInteger(body[field]));
  if (missing.length > 0) {
    throw new TypeError(`ingest status: ${missing.join(', ')} must be integers`);
  }
  const status = {} as IngestStatus;
  for (const field of INGEST_STATUS_FIELDS) {
    status[field] = body[field] as number;
  }
  return status;
}

function parseDependency(body: Record<string, unknown>, name: string): DependencyHealth {
  const dependency = body[name];
  if (!isRecord(dependency) || typeof dependency.ok !== 'boolean') {
    throw new TypeError(`health: ${name}.ok must be a boolean`);
  }
  return { ok: dependency.ok };
}

export function parseHealthReport(body: unknown): HealthReport {
  if (!isRecord(body)) {
    throw new TypeError('health: expected a JSON object');
  }
  if (body.status !== 'ok' && body.status !== 'degraded') {
    throw new TypeError('health: status must be "ok" or "degraded"');
  }
  return {
    status: body.status,
    postgres: parseDependency(body, 'postgres'),
    redis: parseDependency(body, 'redis'),
  };
}
