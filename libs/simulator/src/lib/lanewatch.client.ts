import { z } from 'zod';
import type { CanonicalEvent, CarrierKind } from './feed.types';
import type { Milestone } from './milestones.constants';

export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface CarrierRegistration {
  code: string;
  name: string;
  kind: CarrierKind;
}

export interface CreateCarrierResult {
  code: string;
  created: boolean;
  /** Absent when the carrier already existed and no key for it was known. */
  apiKey?: string;
  webhookSecret?: string;
}

export interface LanewatchClientOptions {
  baseUrl: string;
  adminToken: string;
  /** Keys kept from an earlier run, used when a carrier already exists (409). */
  existingKeys?: Record<string, string>;
  /** Retries after a 429, a 502/503/504 or a network error. Default 5. */
  maxRetries?: number;
  /** Upper bound on a server's Retry-After we are willing to honour. Default 60 s. */
  maxRetryDelayMs?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  sleep?: SleepFunction;
}

const ingestResponseSchema = z.object({
  batchId: z.string(),
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ index: z.number(), errors: z.array(z.string()) })),
});

const ingestStatusSchema = z.object({
  pendingBatches: z.number(),
  processedBatches: z.number(),
  failedBatches: z.number(),
  eventsStored: z.number(),
  duplicates: z.number(),
  unlinkedEvents: z.number(),
  unmappedEvents: z.number(),
});

const createdCarrierSchema = z.object({ apiKey: z.string(), webhookSecret: z.string().optional() });
const rotatedKeySchema = z.object({ apiKey: z.string() });

export type IngestResponse = z.infer<typeof ingestResponseSchema>;
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

export class LanewatchApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'LanewatchApiError';
  }
}

export class LanewatchNetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${method} ${path} failed after ${attempts} attempts: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LanewatchNetworkError';
  }
}

export const abortableSleep: SleepFunction = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 10_000);
}

// Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

interface RequestOptions {
  token: string;
  body?: unknown;
}

export class LanewatchClient {
  private readonly baseUrl: string;
  private readonly keys: Map<string, string>;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: SleepFunction;

  constructor(private readonly options: LanewatchClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.keys = new Map(Object.entries(options.existingKeys ?? {}));
    this.maxRetries = options.maxRetries ?? 5;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? abortableSleep;
  }

  apiKeyFor(carrier: string): string | undefined {
    return this.keys.get(carrier);
  }

  async createCarrier(carrier: CarrierRegistration): Promise<CreateCarrierResult> {
    const response = await this.request('POST', '/api/v1/carriers', { token: this.options.adminToken, body: carrier });
    if (response.status === 409) {
      await response.body?.cancel();
      return { code: carrier.code, created: false, apiKey: this.keys.get(carrier.code) };
    }
    const created = createdCarrierSchema.parse(await this.expectJson(response, 'POST', '/api/v1/carriers'));
    this.keys.set(carrier.code, created.apiKey);
    return { code: carrier.code, created: true, apiKey: created.apiKey, webhookSecret: created.webhookSecret };
  }

  async rotateCarrierKey(code: string): Promise<string> {
    const path = `/api/v1/carriers/${encodeURIComponent(code)}/keys/rotate`;
    const response = await this.request('POST', path, { token: this.options.adminToken, body: {} });
    const rotated = rotatedKeySchema.parse(await this.expectJson(response, 'POST', path));
    this.keys.set(code, rotated.apiKey);
    return rotated.apiKey;
  }

  // Creates the carrier, or, when it exists from an earlier run and its key is unknown,
  // rotates the key: keys are shown once, and suffixing codes per run would litter dashboards.
  async ensureCarrierKey(carrier: CarrierRegistration): Promise<string> {
    const result = await this.createCarrier(carrier);
    return result.apiKey ?? (await this.rotateCarrierKey(carrier.code));
  }

  async putCodeMap(carrier: string, mappings: Record<string, Milestone>): Promise<void> {
    const path = `/api/v1/carriers/${encodeURIComponent(carrier)}/code-map`;
    const response = await this.request('PUT', path, { token: this.options.adminToken, body: { mappings } });
    await this.expectOk(response, 'PUT', path);
    await response.body?.cancel();
  }

  async postEvents(apiKey: string, events: readonly CanonicalEvent[]): Promise<IngestResponse> {
    const path = '/api/v1/events';
    const response = await this.request('POST', path, { token: apiKey, body: { events } });
    return ingestResponseSchema.parse(await this.expectJson(response, 'POST', path));
  }

  async getIngestStatus(): Promise<IngestStatus> {
    const path = '/api/v1/ingest/status';
    const response = await this.request('GET', path, { token: this.options.adminToken });
    return ingestStatusSchema.parse(await this.expectJson(response, 'GET', path));
  }

  private async expectOk(response: Response, method: string, path: string): Promise<void> {
    if (response.status < 200 || response.status >= 300) {
      throw new LanewatchApiError(method, path, response.status, await response.text());
    }
  }

  private async expectJson(response: Response, method: string, path: string): Promise<unknown> {
    await this.expectOk(response, method, path);
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new LanewatchApiError(method, path, response.status, `response is not JSON: ${text.slice(0, 200)}`);
    }
  }

  // Every call Lanewatch offers here is idempotent (dedup makes re-posting events safe),
  // so retrying after a lost response cannot double count anything.
  private async request(method: string, path: string, request: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${request.token}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let attempt = 0; ; attempt += 1) {
      this.options.signal?.throwIfAborted();
      const signals = [AbortSignal.timeout(this.timeoutMs), ...(this.options.signal ? [this.options.signal] : [])];
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.any(signals) });
      } catch (error) {
        this.options.signal?.throwIfAborted();
        if (attempt >= this.maxRetries) throw new LanewatchNetworkError(method, path, attempt + 1, error);
        await this.sleep(backoffMs(attempt), this.options.signal);
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= this.maxRetries) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      await response.body?.cancel();
      await this.sleep(Math.min(retryAfter ?? backoffMs(attempt), this.maxRetryDelayMs), this.options.signal);
    }
  }
}
