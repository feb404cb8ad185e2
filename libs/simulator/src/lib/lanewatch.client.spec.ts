import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LanewatchApiError, LanewatchClient, LanewatchNetworkError, parseRetryAfter } from './lanewatch.client';

interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Handler = (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => void;

interface Stub {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function startStub(handler: Handler): Promise<Stub> {
  const requests: RecordedRequest[] = [];
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request = { method: raw.method ?? '', url: raw.url ?? '', authorization: raw.headers.authorization, body: text ? (JSON.parse(text) as unknown) : undefined };
      requests.push(request);
      handler(request, response, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const ACCEPTED = { batchId: 'b-1', accepted: 2, duplicates: 0, rejected: [] };
const EVENTS = [
  { trackingNumber: 'LP005123456789CN', milestone: 'ACCEPTED' as const, occurredAt: '2026-11-02T08:15:00+08:00' },
  { trackingNumber: 'LP005123456789CN', milestone: 'ORIGIN_FACILITY' as const, occurredAt: '2026-11-02T10:15:00+08:00' },
];

describe('LanewatchClient', () => {
  let stub: Stub | undefined;
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  const client = (options: Partial<ConstructorParameters<typeof LanewatchClient>[0]> = {}): LanewatchClient =>
    new LanewatchClient({ baseUrl: stub?.url ?? '', adminToken: 'admin-token', sleep, ...options });

  afterEach(async () => {
    await stub?.close();
    stub = undefined;
    sleeps.length = 0;
  });

  it('creates a carrier with the admin token and returns its key', async () => {
    stub = await startStub((_request, response) => json(response, 201, { code: 'cainiao', name: 'Cainiao', kind: 'platform', apiKey: 'k-1', webhookSecret: 's-1' }));
    const result = await client().createCarrier({ code: 'cainiao', name: 'Cainiao', kind: 'platform' });
    expect(result).toEqual({ code: 'cainiao', created: true, apiKey: 'k-1', webhookSecret: 's-1' });
    expect(stub.requests).toEqual([
      { method: 'POST', url: '/api/v1/carriers', authorization: 'Bearer admin-token', body: { code: 'cainiao', name: 'Cainiao', kind: 'platform' } },
    ]);
  });

  it('does not crash on an existing carrier and uses a known key', async () => {
    stub = await startStub((_request, response) => json(response, 409, { message: 'carrier exists' }));
    const known = await client({ existingKeys: { usps: 'old-key' } }).createCarrier({ code: 'usps', name: 'USPS', kind: 'postal' });
    expect(known).toEqual({ code: 'usps', created: false, apiKey: 'old-key' });
    const unknown = await client().createCarrier({ code: 'usps', name: 'USPS', kind: 'postal' });
    expect(unknown).toEqual({ code: 'usps', created: false, apiKey: undefined });
  });

  it('rotates the key of an existing carrier whose key it does not know', async () => {
    stub = await startStub((request, response) => {
      if (request.url === '/api/v1/carriers') return json(response, 409, { message: 'exists' });
      json(response, 200, { apiKey: 'rotated' });
    });
    const lanewatch = client();
    expect(await lanewatch.ensureCarrierKey({ code: 'la poste', name: 'La Poste', kind: 'postal' })).toBe('rotated');
    expect(stub.requests[1]).toMatchObject({ method: 'POST', url: '/api/v1/carriers/la%20poste/keys/rotate', authorization: 'Bearer admin-token' });
    expect(lanewatch.apiKeyFor('la poste')).toBe('rotated');
  });

  it('puts a code map under "mappings"', async () => {
    stub = await startStub((_request, response) => json(response, 200, { updated: 2 }));
    await client().putCodeMap('correios', { EMA: 'ACCEPTED', EMI: 'DELIVERED' });
    expect(stub.requests).toEqual([
      { method: 'PUT', url: '/api/v1/carriers/correios/code-map', authorization: 'Bearer admin-token', body: { mappings: { EMA: 'ACCEPTED', EMI: 'DELIVERED' } } },
    ]);
  });

  it('posts events with the carrier key and returns the 202 body', async () => {
    stub = await startStub((_request, response) => json(response, 202, ACCEPTED));
    expect(await client().postEvents('carrier-key', EVENTS)).toEqual(ACCEPTED);
    expect(stub.requests[0]).toEqual({ method: 'POST', url: '/api/v1/events', authorization: 'Bearer carrier-key', body: { events: EVENTS } });
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    let calls = 0;
    stub = await startStub((_request, response) => {
      calls += 1;
      if (calls === 1) return json(response, 429, { message: 'slow down' }, { 'retry-after': '2' });
      json(response, 202, ACCEPTED);
    });
    expect(await client().postEvents('carrier-key', EVENTS)).toEqual(ACCEPTED);
    expect(sleeps).toEqual([2000]);
    expect(stub.requests).toHaveLength(2);
  });

  it('caps an absurd Retry-After', async () => {
    let calls = 0;
    stub = await startStub((_request, response) => {
      calls += 1;
      if (calls === 1) return json(response, 429, {}, { 'retry-after': '86400' });
      json(response, 202, ACCEPTED);
    });
    await client({ maxRetryDelayMs: 5_000 }).postEvents('carrier-key', EVENTS);
    expect(sleeps).toEqual([5_000]);
  });

  it('retries a dropped connection', async () => {
    let calls = 0;
    stub = await startStub((_request, response, raw) => {
      calls += 1;
      if (calls === 1) return raw.socket.destroy();
      json(response, 202, ACCEPTED);
    });
    expect(await client().postEvents('carrier-key', EVENTS)).toEqual(ACCEPTED);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after a bounded number of 503s with the last answer', async () => {
    stub = await startStub((_request, response) => json(response, 503, { message: 'down' }));
    const attempt = client({ maxRetries: 2 }).postEvents('carrier-key', EVENTS);
    await expect(attempt).rejects.toMatchObject({ name: 'LanewatchApiError', status: 503 });
    expect(stub.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up after a bounded number of network errors', async () => {
    const closed = await startStub(() => undefined);
    const url = closed.url;
    await closed.close();
    const attempt = new LanewatchClient({ baseUrl: url, adminToken: 'admin-token', sleep, maxRetries: 3 }).getIngestStatus();
    await expect(attempt).rejects.toBeInstanceOf(LanewatchNetworkError);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('does not retry a 400 and reports what the server said', async () => {
    stub = await startStub((_request, response) => json(response, 400, { message: 'body has no events array' }));
    const attempt = client().postEvents('carrier-key', []);
    await expect(attempt).rejects.toBeInstanceOf(LanewatchApiError);
    await expect(client().postEvents('carrier-key', [])).rejects.toThrow('body has no events array');
    expect(sleeps).toEqual([]);
  });

  it('reads the ingest status with the admin token', async () => {
    const status = { pendingBatches: 0, processedBatches: 4, failedBatches: 0, eventsStored: 10, duplicates: 1, unlinkedEvents: 0, unmappedEvents: 2 };
    stub = await startStub((_request, response) => json(response, 200, status));
    expect(await client().getIngestStatus()).toEqual(status);
    expect(stub.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/ingest/status', authorization: 'Bearer admin-token' });
  });

  it('stops at once when its signal is aborted', async () => {
    stub = await startStub((_request, response) => json(response, 503, {}));
    const controller = new AbortController();
    controller.abort();
    await expect(client({ signal: controller.signal }).getIngestStatus()).rejects.toThrow();
    expect(stub.requests).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2026-11-02T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
