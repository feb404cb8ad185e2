import { type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDemoFeed } from './demo-feed.runner';
import { eventIdentity } from './event-identity.util';
import { generateFeed } from './feed.generator';
import type { CanonicalEvent } from './feed.types';
import { LanewatchApiError } from './lanewatch.client';

const START = Date.parse('2026-11-20T12:00:00Z');

interface Received {
  carrier: string;
  event: CanonicalEvent;
  receivedAt: number;
}

// Just enough of the Lanewatch API to watch what the demo sends, on a virtual clock.
class FakeLanewatch {
  readonly calls: string[] = [];
  readonly received: Received[] = [];
  readonly keys = new Map<string, string>();
  existing = new Set<string>(['cainiao']);
  eventsStatus = 202;
  adminStatus = 201;
  private server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => this.handle(request.method ?? '', request.url ?? '', request.headers.authorization ?? '', Buffer.concat(chunks).toString('utf8'), response));
  });

  constructor(private readonly now: () => number) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(method: string, url: string, authorization: string, text: string, response: ServerResponse): void {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    this.calls.push(`${method} ${url}`);
    const body = text ? (JSON.parse(text) as { code?: string; events?: CanonicalEvent[] }) : {};
    const isAdmin = authorization === 'Bearer admin';
    if (url === '/api/v1/events' && method === 'POST') {
      const carrier = [...this.keys].find(([, key]) => `Bearer ${key}` === authorization)?.[0];
      if (carrier === undefined) return reply(401, { message: 'unknown key' });
      if (this.eventsStatus !== 202) return reply(this.eventsStatus, { message: 'unavailable' });
      const events = body.events ?? [];
      for (const event of events) this.received.push({ carrier, event, receivedAt: this.now() });
      return reply(202, { batchId: `b${this.calls.length}`, accepted: events.length, duplicates: 0, rejected: [] });
    }
    if (!isAdmin || this.adminStatus !== 201) return reply(isAdmin ? this.adminStatus : 401, { message: 'admin only' });
    if (url === '/api/v1/carriers' && method === 'POST') {
      const code = body.code ?? '';
      if (this.existing.has(code)) return reply(409, { message: `${code} exists` });
      this.keys.set(code, `key-${code}`);
      return reply(201, { ...body, apiKey: `key-${code}`, webhookSecret: 'secret' });
    }
    const rotate = /^\/api\/v1\/carriers\/([^/]+)\/keys\/rotate$/.exec(url);
    if (rotate !== null) {
      this.keys.set(rotate[1], `rotated-${rotate[1]}`);
      return reply(200, { apiKey: `rotated-${rotate[1]}` });
    }
    if (/\/code-map$/.test(url) && method === 'PUT') return reply(200, {});
    if (url === '/api/v1/ingest/status') {
      return reply(200, { pendingBatches: 0, processedBatches: 1, failedBatches: 0, eventsStored: this.received.length, duplicates: 0, unlinkedEvents: 0, unmappedEvents: 0 });
    }
    reply(404, { message: 'not found' });
  }
}

function virtualTime(stopAfterMs: number) {
  let now = START;
  const controller = new AbortController();
  const sleeps: number[] = [];
  return {
    controller,
    sleeps,
    now: () => now,
    clock: () => new Date(now),
    sleep: async (ms: number): Promise<void> => {
      sleeps.push(ms);
      now += ms;
      if (now - START >= stopAfterMs) controller.abort();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('runDemoFeed', () => {
  let api: FakeLanewatch | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('registers carriers, backfills history and then streams live events until aborted', async () => {
    const time = virtualTime(3 * 60_000);
    api = new FakeLanewatch(time.now);
    const apiUrl = await api.start();
    const lines: string[] = [];
    const summary = await runDemoFeed({
      apiUrl,
      adminToken: 'admin',
      seed: 77,
      shipments: 200,
      batchSize: 100,
      liveShipmentsPerMinute: 30,
      signal: time.controller.signal,
      clock: time.clock,
      sleep: time.sleep,
      log: (line) => lines.push(line),
    });

    // An existing carrier gets a rotated key instead of a suffixed code.
    expect(api.calls).toContain('POST /api/v1/carriers/cainiao/keys/rotate');
    expect(api.keys.get('cainiao')).toBe('rotated-cainiao');
    const codeMapAt = api.calls.indexOf('PUT /api/v1/carriers/correios/code-map');
    expect(codeMapAt).toBeGreaterThan(-1);
    const firstEventsAt = api.calls.indexOf('POST /api/v1/events');
    expect(codeMapAt).toBeLessThan(firstEventsAt);

    // Everything the backfill knew about arrives, plus live events, never from the future.
    const stored = new Set(api.received.map(({ carrier, event }) => eventIdentity(carrier, event)));
    const history = generateFeed({ seed: 77, shipments: 200, now: new Date(START) });
    const historyIds = history.journeys.flatMap((journey) => journey.legs.flatMap((leg) => leg.events.map((event) => eventIdentity(leg.carrier, event))));
    expect(historyIds.filter((id) => !stored.has(id)).length).toBeLessThanOrEqual(Math.ceil(historyIds.length * 0.01));
    const live = api.received.filter(({ receivedAt }) => receivedAt > START);
    expect(live.some(({ event }) => Date.parse(event.occurredAt) > START)).toBe(true);
    expect(live.some(({ event }) => Date.parse(event.occurredAt) < START - 3_600_000)).toBe(true);
    expect(api.received.filter(({ event, receivedAt }) => Date.parse(event.occurredAt) > receivedAt)).toEqual([]);
    expect(stored.size).toBeLessThan(api.received.length);

    expect(summary.eventsSent).toBe(api.received.length);
    expect(summary.shipmentsStarted).toBeGreaterThan(200);
    expect(summary.duplicatesSent).toBeGreaterThan(0);
    expect(lines.filter((line) => /\d+ shipments, \d+ events sent/.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => line.includes('ingest: 0 batches pending'))).toBe(true);
  });

  it('backs off instead of spinning while the API refuses events', async () => {
    const time = virtualTime(15 * 60_000);
    api = new FakeLanewatch(time.now);
    api.existing = new Set();
    api.eventsStatus = 503;
    const lines: string[] = [];
    const summary = await runDemoFeed({
      apiUrl: await api.start(),
      adminToken: 'admin',
      seed: 1,
      shipments: 20,
      signal: time.controller.signal,
      clock: time.clock,
      sleep: time.sleep,
      log: (line) => lines.push(line),
    });
    const posts = api.calls.filter((call) => call === 'POST /api/v1/events').length;
    // 15 virtual minutes of outage: a handful of attempts, each with the client's own retries.
    expect(posts).toBeGreaterThan(6);
    expect(posts).toBeLessThan(100);
    expect(summary.failedRequests).toBeGreaterThan(0);
    expect(summary.eventsSent).toBe(0);
    const demoPauses = time.sleeps.filter((ms) => ms >= 5_000);
    expect(Math.max(...demoPauses)).toBe(60_000);
    expect(lines.some((line) => line.includes('retrying in'))).toBe(true);
  });

  it('stops with the server’s message when the admin token is refused', async () => {
    const time = virtualTime(60_000);
    api = new FakeLanewatch(time.now);
    api.adminStatus = 401;
    const run = runDemoFeed({ apiUrl: await api.start(), adminToken: 'admin', seed: 1, shipments: 5, clock: time.clock, sleep: time.sleep, signal: time.controller.signal });
    await expect(run).rejects.toBeInstanceOf(LanewatchApiError);
    expect(api.calls).toEqual(['POST /api/v1/carriers']);
  });
});
