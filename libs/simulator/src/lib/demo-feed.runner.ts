import { offsetVariantOf, planDeliveries } from './delivery.planner';
import { type PendingEvent, scheduleFeed, simulatedCarriers } from './feed.generator';
import type { JourneyFactory } from './journey.generator';
import type { CanonicalEvent, Feed, SimulatedCarrier } from './feed.types';
import { LanewatchApiError, LanewatchClient, type SleepFunction, abortableSleep } from './lanewatch.client';
import { type Random, createRandom, deriveSeed } from './random.util';
import { HOUR_MS, MINUTE_MS } from './time.util';

export interface RunDemoFeedOptions {
  apiUrl: string;
  adminToken: string;
  log?: (message: string) => void;
  signal?: AbortSignal;
  /** Defaults to one derived from the clock, so consecutive demo runs never reuse tracking numbers. */
  seed?: number;
  /** Shipments in the backfill. Default 3,000. */
  shipments?: number;
  /** Days of history in the backfill. Default 30. */
  spanDays?: number;
  batchSize?: number;
  /** Pause between live ticks. Default 5 s. */
  tickMs?: number;
  /** New shipments started per minute while live. Default 6. */
  liveShipmentsPerMinute?: number;
  existingKeys?: Record<string, string>;
  clock?: () => Date;
  sleep?: SleepFunction;
  fetch?: typeof fetch;
}

export interface DemoFeedSummary {
  seed: number;
  carriers: number;
  shipmentsStarted: number;
  backfilledEvents: number;
  eventsSent: number;
  eventsAccepted: number;
  duplicatesSent: number;
  duplicatesReported: number;
  rejected: number;
  failedRequests: number;
}

interface Outgoing {
  carrier: string;
  event: CanonicalEvent;
}

interface QueuedEvent extends PendingEvent {
  releaseAt: number;
}

const MAX_BACKOFF_MS = 60_000;
const LATE_SHARE_OF_BACKFILL = 0.01;
const RECENT_EVENTS_KEPT = 1_000;

// Setup problems a human must fix (bad admin token, validation) end the demo; anything
// else is retried with growing pauses so an API restart never turns into a tight loop.
function isPermanent(error: unknown): boolean {
  return error instanceof LanewatchApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

// A few backfilled events are held back and sent while live: carriers do report days late.
function withholdLateEvents(feed: Feed, random: Random): { feed: Feed; late: Outgoing[] } {
  const late: Outgoing[] = [];
  const journeys = feed.journeys.map((journey) => ({
    ...journey,
    legs: journey.legs.map((leg) => ({
      ...leg,
      events: leg.events.filter((event) => {
        const hold = random.chance(LATE_SHARE_OF_BACKFILL);
        if (hold) late.push({ carrier: leg.carrier, event });
        return !hold;
      }),
    })),
  }));
  return { feed: { ...feed, journeys }, late: random.shuffle(late) };
}

class DemoFeed {
  readonly summary: DemoFeedSummary;
  private readonly client: LanewatchClient;
  private readonly log: (message: string) => void;
  private readonly clock: () => Date;
  private readonly sleep: SleepFunction;
  private readonly batchSize: number;
  private readonly tickMs: number;
  private readonly random: Random;
  private readonly keys = new Map<string, string>();
  private readonly carriers: SimulatedCarrier[] = simulatedCarriers();
  private queue: QueuedEvent[] = [];
  private late: Outgoing[] = [];
  private recent: Outgoing[] = [];
  private nextLogAt = 0;

  constructor(
    private readonly options: RunDemoFeedOptions,
    seed: number,
  ) {
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep ?? abortableSleep;
    this.batchSize = options.batchSize ?? 500;
    this.tickMs = options.tickMs ?? 5_000;
    this.random = createRandom(deriveSeed(seed, 'demo-live'));
    this.client = new LanewatchClient({
      baseUrl: options.apiUrl,
      adminToken: options.adminToken,
      existingKeys: options.existingKeys,
      signal: options.signal,
      sleep: this.sleep,
      fetch: options.fetch,
    });
    this.summary = {
      seed,
      carriers: 0,
      shipmentsStarted: 0,
      backfilledEvents: 0,
      eventsSent: 0,
      eventsAccepted: 0,
      duplicatesSent: 0,
      duplicatesReported: 0,
      rejected: 0,
      failedRequests: 0,
    };
  }

  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  async run(): Promise<DemoFeedSummary> {
    if (!(await this.withBackoff('registering carriers', () => this.registerCarriers()))) return this.summary;
    const seed = this.summary.seed;
    const start = this.clock();
    const schedule = scheduleFeed({ seed, shipments: this.options.shipments ?? 3_000, now: start, spanDays: this.options.spanDays ?? 30 });
    const { feed, late } = withholdLateEvents(schedule.feed, this.random);
    this.late = late;
    this.queue = schedule.pending.map((pending) => ({ ...pending, releaseAt: this.releaseTime(pending.at) }));
    this.queue.sort((a, b) => a.releaseAt - b.releaseAt);
    this.summary.shipmentsStarted = feed.journeys.length;

    const plan = planDeliveries(feed, { seed, batchSize: this.batchSize, duplicateRate: 0.01, offsetVariantRate: 0.005, shuffle: true });
    this.log(
      `demo feed: backfilling ${feed.journeys.length} shipments over ${feed.spanDays} days: ` +
        `${plan.totalEvents} events in ${plan.batches.length} batches (seed ${seed})`,
    );
    this.nextLogAt = start.getTime() + MINUTE_MS;
    for (const batch of plan.batches) {
      if (this.aborted) return this.summary;
      await this.send(batch.carrier, batch.events);
      await this.logTotals();
    }
    this.summary.backfilledEvents = this.summary.eventsSent;
    this.summary.duplicatesSent += plan.duplicateCount + plan.offsetVariantCount;
    this.log(`demo feed: backfill done, streaming live events every ${Math.round(this.tickMs / 1000)} s`);

    let nextIndex = feed.journeys.length;
    while (!this.aborted) {
      await this.sleep(this.tickMs, this.options.signal);
      if (this.aborted) break;
      nextIndex = this.startShipments(schedule.factory, nextIndex);
      await this.sendDue();
      await this.logTotals();
    }
    return this.summary;
  }

  private async registerCarriers(): Promise<void> {
    for (const carrier of this.carriers) {
      const key = await this.client.ensureCarrierKey({ code: carrier.code, name: carrier.name, kind: carrier.kind });
      this.keys.set(carrier.code, key);
      // The code map must exist before the first raw code arrives, or those events stay unmapped.
      if (carrier.codeMap !== undefined) await this.client.putCodeMap(carrier.code, carrier.codeMap);
    }
    this.summary.carriers = this.carriers.length;
    this.log(`demo feed: ${this.carriers.length} carriers registered`);
  }

  // Most carriers report within a minute or two; one event in twenty arrives hours late.
  private releaseTime(at: number): number {
    return at + (this.random.chance(0.05) ? this.random.float(1, 12) * HOUR_MS : this.random.float(0, 2) * MINUTE_MS);
  }

  private startShipments(factory: JourneyFactory, firstIndex: number): number {
    const nowMs = this.clock().getTime();
    const expected = ((this.options.liveShipmentsPerMinute ?? 6) * this.tickMs) / MINUTE_MS;
    const count = Math.floor(expected) + (this.random.chance(expected % 1) ? 1 : 0);
    for (let offset = 0; offset < count; offset += 1) {
      const journey = factory.create({ index: firstIndex + offset, startAt: nowMs - this.random.float(0, this.tickMs) });
      for (const leg of journey.legs) {
        for (const scheduled of leg.events) {
          const releaseAt = scheduled.at <= nowMs ? scheduled.at : this.releaseTime(scheduled.at);
          this.queue.push({ at: scheduled.at, carrier: leg.carrier, journeyId: journey.id, event: scheduled.event, releaseAt });
        }
      }
    }
    if (count > 0) this.queue.sort((a, b) => a.releaseAt - b.releaseAt);
    this.summary.shipmentsStarted += count;
    return firstIndex + count;
  }

  private async sendDue(): Promise<void> {
    const nowMs = this.clock().getTime();
    let due = 0;
    while (due < this.queue.length && this.queue[due].releaseAt <= nowMs) due += 1;
    const outgoing: Outgoing[] = this.queue.splice(0, due).map(({ carrier, event }) => ({ carrier, event }));
    outgoing.push(...this.late.splice(0, this.random.int(0, 3)));
    if (this.recent.length > 0 && this.random.chance(0.3)) {
      for (let i = this.random.int(1, 3); i > 0; i -= 1) {
        const original = this.random.pick(this.recent);
        const event = this.random.chance(0.3) ? offsetVariantOf(original.event) : structuredClone(original.event);
        outgoing.push({ carrier: original.carrier, event });
        this.summary.duplicatesSent += 1;
      }
    }
    const byCarrier = new Map<string, CanonicalEvent[]>();
    for (const { carrier, event } of outgoing) byCarrier.set(carrier, [...(byCarrier.get(carrier) ?? []), event]);
    for (const [carrier, events] of byCarrier) {
      for (let start = 0; start < events.length; start += this.batchSize) {
        if (this.aborted) return;
        await this.send(carrier, events.slice(start, start + this.batchSize));
      }
    }
    this.recent = [...this.recent, ...outgoing].slice(-RECENT_EVENTS_KEPT);
  }

  private async send(carrier: string, events: CanonicalEvent[]): Promise<void> {
    let refreshedKey = false;
    await this.withBackoff(`posting ${events.length} ${carrier} events`, async () => {
      try {
        await this.post(carrier, events);
      } catch (error) {
        // Another demo run may have rotated this carrier's key: take a fresh one, once.
        if (error instanceof LanewatchApiError && error.status === 401 && !refreshedKey) {
          refreshedKey = true;
          this.keys.set(carrier, await this.client.rotateCarrierKey(carrier));
          await this.post(carrier, events);
          return;
        }
        if (!isPermanent(error)) throw error;
        // Re-sending the same body cannot fix a 4xx: drop it, say so, keep streaming.
        this.summary.failedRequests += 1;
        this.log(`demo feed: dropping ${events.length} ${carrier} events: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  private async post(carrier: string, events: CanonicalEvent[]): Promise<void> {
    const key = this.keys.get(carrier);
    if (key === undefined) throw new Error(`no API key for ${carrier}`);
    const response = await this.client.postEvents(key, events);
    this.summary.eventsSent += events.length;
    this.summary.eventsAccepted += response.accepted;
    this.summary.duplicatesReported += response.duplicates;
    this.summary.rejected += response.rejected.length;
    if (response.rejected.length > 0) {
      const first = response.rejected[0];
      this.log(`demo feed: ${carrier}: ${response.rejected.length} events rejected, e.g. [${first.index}] ${first.errors.join('; ')}`);
    }
  }

  // Runs `action` until it succeeds or the demo is aborted, pausing longer after each failure.
  // Permanent errors propagate: they end the demo with a message a person can act on.
  private async withBackoff(what: string, action: () => Promise<void>): Promise<boolean> {
    let delay = Math.max(1_000, this.tickMs);
    while (!this.aborted) {
      try {
        await action();
        return true;
      } catch (error) {
        if (this.aborted) return false;
        if (isPermanent(error)) throw error;
        this.summary.failedRequests += 1;
        this.log(`demo feed: ${what} failed (${error instanceof Error ? error.message : String(error)}); retrying in ${Math.round(delay / 1000)} s`);
        await this.sleep(delay, this.options.signal);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
      }
    }
    return false;
  }

  private async logTotals(): Promise<void> {
    const nowMs = this.clock().getTime();
    if (nowMs < this.nextLogAt) return;
    this.nextLogAt = nowMs + MINUTE_MS;
    const s = this.summary;
    let ingest = '';
    try {
      const status = await this.client.getIngestStatus();
      ingest = `; ingest: ${status.pendingBatches} batches pending, ${status.eventsStored} events stored, ${status.duplicates} duplicates`;
    } catch {
      ingest = '; ingest status unavailable';
    }
    this.log(
      `demo feed: ${s.shipmentsStarted} shipments, ${s.eventsSent} events sent (${s.eventsAccepted} accepted, ` +
        `${s.duplicatesSent} re-sent on purpose, ${s.rejected} rejected), ${this.queue.length} still to happen${ingest}`,
    );
  }
}

// Used by `npm run demo`: registers the simulated carriers, backfills history, then streams
// live events until `signal` aborts. Resolves with the totals; rejects only on setup errors
// a person must fix (such as a wrong admin token).
export async function runDemoFeed(options: RunDemoFeedOptions): Promise<DemoFeedSummary> {
  const seed = options.seed ?? (options.clock ?? (() => new Date()))().getTime() % 2_147_483_647;
  return new DemoFeed(options, seed).run();
}
