import {
  addIngestCounts,
  addWarningCounts,
  BatchEvent,
  countDeadLetters,
  EventsBatchPayload,
  findBatch,
  listDeadLetters,
  findCarrierByCode,
  getCodeMap,
  IngestCountDelta,
  ingestCountsPerHour,
  ingestStatus,
  insertBatch,
  listCarriers,
  recentTaskProgress,
  requeueFailedBatch,
  WarningCountDelta,
} from '@lanewatch/db';
import {
  countWarnings,
  FEED_WARNING_KINDS,
  FeedWarningKind,
  IngestThroughput,
  isUuid,
  ingestThroughputAnswer,
  MAX_EVENTS_PER_REQUEST,
  Milestone,
  TaskProgress,
  parseIngestThroughputQuery,
  storageProblems,
  utcHourStart,
  validateEvent,
} from '@lanewatch/domain';
import { eventIdentity } from '@lanewatch/crypto';
import { BadRequestException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { BatchQueue, CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { ApiMetrics, ingestRouteOf } from '../metrics';

/** Where a rejected event was: its index in a canonical request, or its path in a carrier's payload. */
export type RejectionPlace = { index: number } | { path: string };

export interface IngestResponse {
  batchId: string | null;
  accepted: number;
  duplicates: number;
  rejected: (RejectionPlace & { errors: string[] })[];
}

/** One event to validate: the canonical input, the raw payload to keep (the input itself by default), and its place. */
export interface PreparedEvent {
  input: unknown;
  raw?: unknown;
  place: RejectionPlace;
}

export interface PreparedBatch {
  events: PreparedEvent[];
  source: string;
  /** Rejections found before validation (a carrier format's adapter). */
  rejected?: IngestResponse['rejected'];
  /** Shipment forecasts of the key's carrier (carrierEstimate), committed with the batch. */
  estimates?: { trackingNumber: string; carrierEstimate: string }[];
  /** The kind of each warning the adapter raised (events kept with less than the payload said), counted per hour. */
  warnings?: readonly FeedWarningKind[];
}

@Injectable()
export class IngestService {
  private readonly logger = new Logger('Ingest');

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly batchQueue: BatchQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Validates every event, commits the valid ones as one inbox row, then enqueues it. The 202
   * is sent only after the commit; dedup against stored events happens in the worker.
   */
  async ingest(principal: Principal, body: unknown, source = 'canonical'): Promise<IngestResponse> {
    const events = (body as { events?: unknown } | null)?.events;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(events)) {
      throw new BadRequestException('body must be a JSON object with an "events" array');
    }
    if (events.length > MAX_EVENTS_PER_REQUEST) {
      throw new PayloadTooLargeException(`at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${events.length}); split the batch`);
    }
    return this.ingestPrepared(principal, { events: events.map((input, index) => ({ input, place: { index } })), source });
  }

  /**
   * The one path after parsing, shared by the canonical API and every carrier format: the same
   * validation, inbox row, queue and dedup.
   */
  async ingestPrepared(principal: Principal, batch: PreparedBatch): Promise<IngestResponse> {
    const events = batch.events.map((prepared) => prepared.input);
    const source = batch.source;
    const receivedAt = this.clock.now();
    const carriers = new Map((await listCarriers(this.dataSource)).map((carrier) => [carrier.code, carrier.id]));
    // The key's carrier map judges code-only events; with the admin token each event's carrier may differ.
    const codeMaps = new Map<string, Map<string, string>>();
    for (const code of this.carriersOf(principal, events)) {
      const id = carriers.get(code);
      if (id !== undefined) codeMaps.set(code, await getCodeMap(this.dataSource, id));
    }
    const context = (event: unknown) => {
      const carrier = principal.kind === 'carrier' ? principal.carrierCode : String((event as { carrier?: unknown } | null)?.carrier ?? '').trim();
      return {
        receivedAt,
        keyCarrier: principal.kind === 'carrier' ? principal.carrierCode : null,
        isKnownCarrier: (code: string) => carriers.has(code),
        milestoneOfCode: (code: string) => (codeMaps.get(carrier)?.get(code) as Milestone | undefined) ?? null,
        identityOf: eventIdentity,
      };
    };

    // Every carrier code is resolved to its id here, once (validation accepted registered codes only);
    // the worker stores by these ids.
    const idOf = (code: string): number => {
      const id = principal.kind === 'carrier' && code === principal.carrierCode ? principal.carrierId : carriers.get(code);
      if (id === undefined) throw new Error(`carrier '${code}' was accepted but is not registered`);
      return id;
    };
    const accepted: BatchEvent[] = [];
    const rejected: IngestResponse['rejected'] = [...(batch.rejected ?? [])];
    const seen = new Set<string>();
    let duplicates = 0;
    // The answer per carrier, for the hourly counters: a key's events count for its carrier, an admin
    // request's for each event's carrier when it is registered, and 0 otherwise.
    const keyCarrierId = principal.kind === 'carrier' ? principal.carrierId : 0;
    const counts = new Map<number, IngestCountDelta>();
    const count = (carrierId: number, field: 'accepted' | 'duplicates' | 'rejected', by = 1) => {
      const delta = counts.get(carrierId) ?? { carrierId, accepted: 0, duplicates: 0, rejected: 0 };
      delta[field] += by;
      counts.set(carrierId, delta);
    };
    count(keyCarrierId, 'rejected', rejected.length);
    batch.events.forEach(({ input, raw, place }) => {
      const validated = validateEvent(input, context(input));
      // What PostgreSQL would refuse (NUL, lone surrogates, raw nesting) is refused here, per event, before 202.
      const unstorable = validated.ok ? [...storageProblems(input, ''), ...(raw === undefined ? [] : storageProblems(raw, 'raw'))] : [];
      const result = unstorable.length > 0 ? { ok: false as const, errors: unstorable } : validated;
      const carrierId =
        principal.kind === 'carrier' ? keyCarrierId : (carriers.get(String((input as { carrier?: unknown } | null)?.carrier ?? '').trim()) ?? 0);
      if (!result.ok) {
        rejected.push({ ...place, errors: result.errors });
        count(carrierId, 'rejected');
      } else if (seen.has(`${result.event.carrier}\u001f${result.event.identity}`)) {
        duplicates += 1; // the same event twice in one request: stored once
        count(carrierId, 'duplicates');
      } else {
        seen.add(`${result.event.carrier}\u001f${result.event.identity}`);
        const event = result.event;
        accepted.push({
          ...event,
          carrierId: idOf(event.carrier),
          handover: event.handover ? { ...event.handover, carrierId: idOf(event.handover.carrier) } : null,
          ...(raw === undefined ? {} : { raw }),
        });
        count(carrierId, 'accepted');
      }
    });
    const tally = [...counts.values()].filter((delta) => delta.accepted + delta.duplicates + delta.rejected > 0);
    // An estimate is as recent as the newest scan its payload carried for the parcel (events.md §9), so a
    // replayed older delivery cannot roll it back; without a scan it counts at its receipt.
    const newestScan = new Map<string, string>();
    for (const event of accepted) {
      const known = newestScan.get(event.trackingNumber);
      if (known === undefined || event.occurredAt > known) newestScan.set(event.trackingNumber, event.occurredAt);
    }
    const estimates: NonNullable<EventsBatchPayload['estimates']> =
      principal.kind === 'carrier'
        ? (batch.estimates ?? []).map((estimate) => ({
            carrierId: principal.carrierId,
            carrier: principal.carrierCode,
            ...estimate,
            observedAt: newestScan.get(estimate.trackingNumber) ?? receivedAt.toISOString(),
          }))
        : [];
    const warned = countWarnings(batch.warnings ?? []);
    const warnings = FEED_WARNING_KINDS.map((kind) => ({ carrierId: keyCarrierId, kind, count: warned[kind] }));
    if (accepted.length === 0 && estimates.length === 0) {
      await this.countRequest(receivedAt, tally, warnings, source, carriers, principal);
      return { batchId: null, accepted: 0, duplicates, rejected };
    }

    const batchId = randomUUID();
    const batchCarriers = new Set(accepted.map((event) => event.carrierId));
    const carrierId = principal.kind === 'carrier' ? principal.carrierId : batchCarriers.size === 1 ? [...batchCarriers][0] : null;
    await insertBatch(this.dataSource, {
      id: batchId,
      kind: 'events',
      carrierId,
      source,
      receivedAt,
      payload: estimates.length > 0 ? { events: accepted, estimates } : { events: accepted },
      eventCount: accepted.length,
      requestDuplicates: duplicates,
      rejectedCount: rejected.length,
    });
    await this.batchQueue.enqueue(batchId);
    await this.countRequest(receivedAt, tally, warnings, source, carriers, principal);
    return { batchId, accepted: accepted.length, duplicates, rejected };
  }

  /**
   * Counts are telemetry: written after the batch commit in their own short statement, so the hot
   * hour row is locked only for that upsert, and a failure is logged without failing a request
   * whose events are already committed (a retry would only re-send them).
   */
  private async countRequest(
    receivedAt: Date,
    tally: IngestCountDelta[],
    warnings: WarningCountDelta[],
    source: string,
    carriers: Map<string, number>,
    principal: Principal,
  ): Promise<void> {
    // Carrier 0 is an admin request's event naming no registered carrier: one label for all of them.
    const codeOf = new Map([...carriers].map(([code, id]) => [id, code]));
    if (principal.kind === 'carrier') codeOf.set(principal.carrierId, principal.carrierCode);
    this.metrics.countIngest(
      ingestRouteOf(source),
      tally.map((delta) => ({ ...delta, carrier: codeOf.get(delta.carrierId) ?? 'unknown' })),
    );
    const hour = new Date(utcHourStart(receivedAt.getTime()));
    try {
      await addIngestCounts(this.dataSource, hour, tally);
      await addWarningCounts(this.dataSource, hour, warnings);
    } catch (error) {
      this.logger.error(
        `ingest counts of ${JSON.stringify({ tally, warnings })} at ${receivedAt.toISOString()} not recorded: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
  }

  private carriersOf(principal: Principal, events: unknown[]): Set<string> {
    if (principal.kind === 'carrier') return new Set([principal.carrierCode]);
    const codes = new Set<string>();
    for (const event of events) {
      const carrier = (event as { carrier?: unknown } | null)?.carrier;
      if (typeof carrier === 'string') codes.add(carrier.trim());
    }
    return codes;
  }

  status() {
    return ingestStatus(this.dataSource);
  }

  /** Re-maps and KPI rebuilds running or finished in the last day, with their rate and time left as of now. */
  async tasks(): Promise<{ tasks: TaskProgress[] }> {
    return { tasks: await recentTaskProgress(this.dataSource, this.clock.now()) };
  }

  /** Per-hour counts from the ingest counters; a carrier key reads only its own carrier's. */
  async throughput(principal: Principal, query: Record<string, unknown>): Promise<IngestThroughput> {
    const message = 'invalid ingest throughput query';
    const parsed = parseIngestThroughputQuery(query, this.clock.now());
    if (!parsed.ok) throw new BadRequestException({ message, errors: parsed.errors });
    const { fromMs, toMs } = parsed.value;
    let carrier = parsed.value.carrier ?? null;
    let carrierId: number | null = null;
    if (principal.kind === 'carrier') {
      if (carrier !== null) assertOwnCarrier(principal, carrier);
      carrier = principal.carrierCode;
      carrierId = principal.carrierId;
    } else if (carrier !== null) {
      const found = await findCarrierByCode(this.dataSource, carrier);
      if (!found) throw new BadRequestException({ message, errors: [`carrier '${carrier}' is not registered`] });
      carrierId = found.id;
    }
    const hours = await ingestCountsPerHour(this.dataSource, { fromMs, toMs, carrierId });
    return ingestThroughputAnswer({ fromMs, toMs, carrier, hours });
  }

  async deadLetters(principal: Principal, query: Record<string, unknown>) {
    const errors: string[] = [];
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : query[name] === undefined ? undefined : null);
    const limitText = text('limit');
    const limit = limitText === undefined ? 100 : /^\d{1,3}$/.test(limitText ?? '') ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= 500)) errors.push('limit must be an integer from 1 to 500');
    const before = text('before');
    if (before !== undefined && !/^\d{1,18}$/.test(before ?? '')) errors.push('before must be a dead letter id');
    const carrier = text('carrier');
    if (carrier === null) errors.push('carrier must be a carrier code');
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid dead letter query', errors });
    let carrierId: number | null = null;
    if (principal.kind === 'carrier') {
      if (carrier) assertOwnCarrier(principal, carrier);
      carrierId = principal.carrierId;
    } else if (carrier) {
      const found = await findCarrierByCode(this.dataSource, carrier);
      if (!found) throw new BadRequestException({ message: 'invalid dead letter query', errors: [`carrier '${carrier}' is not registered`] });
      carrierId = found.id;
    }
    const rows = await listDeadLetters(this.dataSource, { carrierId, limit, beforeId: before ?? null });
    return {
      total: await countDeadLetters(this.dataSource, { carrierId }),
      deadLetters: rows.map((row) => ({
        id: row.id,
        batchId: row.batch_id,
        position: row.position,
        carrier: row.carrier_code,
        trackingNumber: row.tracking_number,
        error: row.error,
        sqlstate: row.sqlstate,
        event: JSON.parse(row.event) as unknown,
        setAsideAt: row.created_at,
      })),
    };
  }

  async batch(principal: Principal, batchId: string) {
    const batch = isUuid(batchId) ? await findBatch(this.dataSource, batchId) : null;
    if (!batch) throw new NotFoundException(`no batch '${batchId}'`);
    if (principal.kind === 'carrier' && batch.carrier_id !== principal.carrierId) {
      throw new ForbiddenException('this batch belongs to another carrier');
    }
    return {
      batchId: batch.id,
      kind: batch.kind,
      status: batch.status,
      source: batch.source,
      receivedAt: batch.received_at,
      accepted: batch.event_count,
      rejected: batch.rejected_count,
      stored: batch.stored_count,
      duplicates: batch.duplicate_count === null ? null : batch.duplicate_count + batch.request_duplicates,
      deadLetters: await countDeadLetters(this.dataSource, { carrierId: null, batchId: batch.id }),
      attempts: batch.attempts,
      error: batch.error,
      processedAt: batch.processed_at,
    };
  }

  async retry(batchId: string) {
    if (!isUuid(batchId) || !(await requeueFailedBatch(this.dataSource, batchId))) {
      throw new NotFoundException(`no failed batch '${batchId}'`);
    }
    await this.batchQueue.enqueue(batchId);
    return { batchId, status: 'pending' };
  }
}
