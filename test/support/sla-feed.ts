import { SLA_EVALUATION_DEBOUNCE_JOB_ID, SLA_QUEUE } from '@lanewatch/queue';
import Redis from 'ioredis';
import type { LanewatchApp } from './lanewatch-app';

export type Event = Record<string, unknown> & { carrier: string; trackingNumber: string; occurredAt: string };

/**
 * One CN-BR parcel whose whole journey happens on `day` (YYYY-MM-DD): accepted at 00:00, first
 * attempt at 10:00 (delivered, or failed and delivered at 18:00).
 */
export function parcelEvents(carrier: string, trackingNumber: string, day: string, firstAttemptDelivered: boolean): Event[] {
  const base = { carrier, trackingNumber };
  const accepted = { ...base, milestone: 'ACCEPTED', occurredAt: `${day}T00:00:00Z`, shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard' } };
  if (firstAttemptDelivered) return [accepted, { ...base, milestone: 'DELIVERED', occurredAt: `${day}T10:00:00Z` }];
  return [
    accepted,
    { ...base, milestone: 'DELIVERY_FAILED', occurredAt: `${day}T10:00:00Z`, reason: 'ADDRESSEE_ABSENT' },
    { ...base, milestone: 'DELIVERED', occurredAt: `${day}T18:00:00Z` },
  ];
}

/** `good` parcels delivered at the first attempt and `bad` ones not, tracking numbers PREFIX0001…. */
export function parcels(carrier: string, prefix: string, day: string, counts: { good: number; bad: number; from?: number }): Event[] {
  const events: Event[] = [];
  let n = counts.from ?? 1;
  for (let i = 0; i < counts.good; i += 1) events.push(...parcelEvents(carrier, `${prefix}${String(n++).padStart(4, '0')}`, day, true));
  for (let i = 0; i < counts.bad; i += 1) events.push(...parcelEvents(carrier, `${prefix}${String(n++).padStart(4, '0')}`, day, false));
  return events;
}

export async function postEvents(app: LanewatchApp, events: Event[]): Promise<void> {
  const response = await app.request('POST', '/api/v1/events', { body: { events } });
  if (response.status !== 202 || (response.body.rejected as unknown[]).length > 0) throw new Error(`ingest: ${response.status} ${JSON.stringify(response.body)}`);
  await app.waitForIdle();
}

export const firstAttemptPolicy = (overrides: Record<string, unknown>) => ({
  name: 'first attempt',
  carrier: null,
  corridor: null,
  serviceLevel: null,
  metric: 'first_attempt_rate',
  op: 'gte',
  threshold: 0.8,
  windowDays: 7,
  minSample: 3,
  severity: 'critical',
  ...overrides,
});

export interface ScopeResult {
  carrier: string | null;
  verdict: string;
  action: string;
  value: number | null;
  sample: number;
  breachId: string | null;
  breachStatus: string | null;
  windowFrom: string;
  windowTo: string;
}

export async function evaluate(app: LanewatchApp, asOf: string): Promise<{ asOf: string; policies: { policyId: string; scopes: ScopeResult[] }[] }> {
  const response = await app.request('POST', '/api/v1/sla-evaluations', { body: { asOf } });
  if (response.status !== 200) throw new Error(`evaluate: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as unknown as { asOf: string; policies: { policyId: string; scopes: ScopeResult[] }[] };
}

export async function createPolicy(app: LanewatchApp, body: Record<string, unknown>): Promise<string> {
  const response = await app.request('POST', '/api/v1/sla-policies', { body });
  if (response.status !== 201) throw new Error(`policy: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as unknown as { id: string }).id;
}

/** Whether the evaluation that ingestion schedules (a delayed job under a fixed id) is still queued. */
export async function debouncedEvaluationQueued(app: LanewatchApp): Promise<boolean> {
  const redis = new Redis(app.redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return (await redis.exists(`${app.queuePrefix}:${SLA_QUEUE}:${SLA_EVALUATION_DEBOUNCE_JOB_ID}`)) === 1;
  } finally {
    redis.disconnect();
  }
}
