import {
  appendRollupDeltas,
  applyAttributeClaims,
  AttributeClaimInput,
  BatchRow,
  carrierIdsByCode,
  countUnmapped,
  enqueueLegs,
  ensureEventPartitions,
  EventInsertRow,
  findBatch,
  getCodeMap,
  holdCodeMaps,
  insertDeadLetters,
  insertEvents,
  legKey,
  lockBatch,
  markBatchProcessed,
  monthsOf,
  SqlRunner,
  upsertLegs,
} from '@lanewatch/db';
import { feedContributions, Milestone, NormalizedEvent, resolveMilestone, rollupDeltas, UNCLASSIFIED_CODE } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { describeError, EventRefusedError, isEventDataError, isolatingFailures } from './dead-letters';
import { remapBatch } from './remap';
export type { RemapBatchPayload } from './remap';
import { shipmentValues } from './shipment-values';

export interface EventsBatchPayload {
  events: NormalizedEvent[];
  /** Forecasts from carrier formats (UPU DLV, estimated delivery dates): shipment attributes, never events. */
  estimates?: { carrier: string; trackingNumber: string; carrierEstimate: string; observedAt?: string }[];
}

/** One carrier's share of a processed batch (an admin batch may carry several carriers' events). */
export interface CarrierCounts {
  carrier: string;
  stored: number;
  duplicates: number;
}

export type BatchOutcome =
  | { status: 'processed'; stored: number; duplicates: number; byCarrier: CarrierCounts[] }
  | { status: 'skipped'; reason: 'missing' | 'not_pending' };

/**
 * Stores one committed inbox row in one transaction (docs/architecture.md): its events exactly once,
 * the attributes they claim, the feed's rollup deltas, and the legs whose journeys must be derived
 * again (link_queue). No lock beyond the rows it inserts: batches store in parallel. A crash anywhere
 * rolls everything back and the row stays pending; unique keys make a second run store nothing twice.
 * A re-map batch runs in chunks of its own (remapBatch).
 */
export async function processBatch(dataSource: DataSource, batchId: string): Promise<BatchOutcome> {
  const peek = await findBatch(dataSource, batchId);
  if (!peek) return { status: 'skipped', reason: 'missing' };
  if (peek.status !== 'pending') return { status: 'skipped', reason: 'not_pending' };
  if (peek.kind === 'remap') return remapBatch(dataSource, batchId);
  return dataSource.transaction(async (manager) => {
    const batch = await lockBatch(manager, batchId);
    if (!batch) return { status: 'skipped', reason: 'missing' } as const;
    if (batch.status !== 'pending') return { status: 'skipped', reason: 'not_pending' } as const;
    const payload = batch.payload as EventsBatchPayload;
    const counts = await ingestSettingAside(dataSource, manager, batch, payload.events, payload.estimates ?? []);
    await markBatchProcessed(manager, batch.id, counts);
    return { status: 'processed', stored: counts.stored, duplicates: counts.duplicates, byCarrier: counts.byCarrier } as const;
  });
}

/**
 * Stores a batch's events; one the database still refuses is set aside alone in the dead letters
 * with its reason, and the rest of the batch is stored (events.md §8). Duplicates are what remains.
 */
async function ingestSettingAside(
  dataSource: DataSource,
  runner: SqlRunner,
  batch: BatchRow,
  events: NormalizedEvent[],
  estimates: NonNullable<EventsBatchPayload['estimates']>,
): Promise<{ stored: number; duplicates: number; byCarrier: CarrierCounts[] }> {
  // Positions: the events in order, then the estimates.
  const refused = new Map<number, unknown>();
  // Partitions are created outside this transaction (they lock the parent table); a month the
  // database cannot hold sets its events aside.
  for (const month of monthsOf(events.map((event) => event.occurredAt))) {
    try {
      await ensureEventPartitions(dataSource, [month]);
    } catch (error) {
      if (!isEventDataError(error)) throw error;
      events.forEach((event, position) => {
        if (monthsOf([event.occurredAt])[0] === month) refused.set(position, error);
      });
    }
  }
  const positions = [...events.keys(), ...estimates.map((_, index) => events.length + index)].filter((position) => !refused.has(position));
  let stored = 0;
  const storedBy = new Map<string, number>();
  const setAside = await isolatingFailures({
    runner,
    positions,
    attempt: async (part) => {
      const counts = await ingestEvents(
        runner,
        batch,
        part.filter((position) => position < events.length).map((position) => events[position]),
        part.filter((position) => position >= events.length).map((position) => estimates[position - events.length]),
      );
      stored += counts.stored;
      for (const [carrier, n] of counts.storedBy) storedBy.set(carrier, (storedBy.get(carrier) ?? 0) + n);
    },
  });
  const letters = [...[...refused].map(([position, error]) => ({ position, error })), ...setAside];
  await insertDeadLetters(
    runner,
    letters.map(({ position, error }) => {
      const event = position < events.length ? events[position] : null;
      const unit = event ?? estimates[position - events.length];
      const carrier = event?.carrier ?? estimates[position - events.length].carrier;
      const described = describeError(error);
      return {
        batchId: batch.id,
        position,
        carrierCode: carrier,
        trackingNumber: unit.trackingNumber,
        event: unit,
        error: described.message,
        sqlstate: described.sqlstate,
      };
    }),
    new Date(),
  );
  const deadEvents = letters.filter(({ position }) => position < events.length);
  // Per carrier as in total: what was neither stored nor set aside was already stored (a duplicate).
  const notDuplicate = new Map(storedBy);
  for (const { position } of deadEvents) notDuplicate.set(events[position].carrier, (notDuplicate.get(events[position].carrier) ?? 0) + 1);
  const sent = new Map<string, number>();
  for (const event of events) sent.set(event.carrier, (sent.get(event.carrier) ?? 0) + 1);
  const byCarrier = [...sent].map(([carrier, n]) => ({ carrier, stored: storedBy.get(carrier) ?? 0, duplicates: n - (notDuplicate.get(carrier) ?? 0) }));
  return { stored, duplicates: events.length - stored - deadEvents.length, byCarrier };
}

async function ingestEvents(
  runner: SqlRunner,
  batch: BatchRow,
  events: NormalizedEvent[],
  estimates: NonNullable<EventsBatchPayload['estimates']>,
): Promise<{ stored: number; storedBy: Map<string, number> }> {
  const carrierCodes = new Set<string>(estimates.map((estimate) => estimate.carrier));
  for (const event of events) {
    carrierCodes.add(event.carrier);
    if (event.handover) carrierCodes.add(event.handover.carrier);
  }
  const carrierIds = await carrierIdsByCode(runner, [...carrierCodes]);
  const carrierId = (code: string) => {
    const id = carrierIds.get(code);
    if (id === undefined) throw new EventRefusedError(`carrier '${code}' of batch ${batch.id} no longer exists`);
    return id;
  };
  const codeMaps = new Map<number, Map<string, Milestone>>();
  await holdCodeMaps(
    runner,
    events.map((event) => carrierId(event.carrier)),
  );
  for (const id of new Set(events.map((event) => carrierId(event.carrier)))) {
    codeMaps.set(id, (await getCodeMap(runner, id)) as Map<string, Milestone>);
  }

  const legIds = await upsertLegs(runner, [
    ...events.map((event) => ({ carrierId: carrierId(event.carrier), trackingNumber: event.trackingNumber })),
    ...events.flatMap((event) =>
      event.handover ? [{ carrierId: carrierId(event.handover.carrier), trackingNumber: event.handover.trackingNumber }] : [],
    ),
    ...estimates.map((estimate) => ({ carrierId: carrierId(estimate.carrier), trackingNumber: estimate.trackingNumber })),
  ]);
  const legOf = (carrier: string, trackingNumber: string) => legIds.get(legKey(carrierId(carrier), trackingNumber)) as string;

  const rows: EventInsertRow[] = events.map((event) => {
    const id = carrierId(event.carrier);
    const milestone = resolveMilestone(event, codeMaps.get(id) ?? new Map());
    return {
      carrierId: id,
      legId: legOf(event.carrier, event.trackingNumber),
      trackingNumber: event.trackingNumber,
      milestone,
      milestoneSource: event.milestone ? 'explicit' : milestone ? 'code_map' : null,
      rawCode: event.code,
      occurredAt: event.occurredAt,
      offsetMinutes: event.offsetMinutes,
      eventId: event.eventId,
      identity: event.identity,
      locationCountry: event.location.country,
      locationCity: event.location.city,
      locationFacility: event.location.facility,
      message: event.message,
      reason: event.reason,
      subtype: event.subtype,
      handoverCarrierId: event.handover ? carrierId(event.handover.carrier) : null,
      handoverTrackingNumber: event.handover?.trackingNumber ?? null,
      handoverLegId: event.handover ? legOf(event.handover.carrier, event.handover.trackingNumber) : null,
      raw: event.raw,
    };
  });

  const inserted = await insertEvents(runner, { batchId: batch.id, receivedAt: batch.received_at, events: rows });
  await countUnmapped(runner, inserted, batch.received_at);
  const receivedAtMs = new Date(batch.received_at).getTime();
  const feed = inserted.flatMap((event) =>
    feedContributions({
      carrierId: event.carrier_id,
      receivedAtMs,
      occurredAtMs: new Date(event.occurred_at).getTime(),
      unmapped: event.milestone === null,
      unclassified: event.raw_code === UNCLASSIFIED_CODE,
    }),
  );
  await appendRollupDeltas(runner, rollupDeltas({ removed: [], added: feed }), batch.id, 'e');

  // Attributes follow the latest event time that carried them (events.md §9): an event's block its
  // occurredAt, an estimate the newest scan of its payload (the batch's receipt when it had none).
  const receivedAt = new Date(batch.received_at).toISOString();
  const claims: AttributeClaimInput[] = [
    ...events.flatMap((event) =>
      event.shipment
        ? [{ legId: legOf(event.carrier, event.trackingNumber), values: shipmentValues(event.shipment), observedAt: event.occurredAt, carrierId: carrierId(event.carrier) }]
        : [],
    ),
    ...estimates.map((estimate) => ({
      legId: legOf(estimate.carrier, estimate.trackingNumber),
      values: shipmentValues({ carrierEstimate: estimate.carrierEstimate }),
      observedAt: estimate.observedAt ?? receivedAt,
      carrierId: carrierId(estimate.carrier),
    })),
  ];
  const claimed = await applyAttributeClaims(runner, { claims, receivedAt: batch.received_at, source: `batch:${batch.id}` });

  // The journeys to derive again: legs with new events, the legs their hand-overs name, legs whose claims changed.
  const queued = new Map<string, number>();
  for (const event of inserted) {
    queued.set(String(event.leg_id), (queued.get(String(event.leg_id)) ?? 0) + 1);
    if (event.handover_leg_id !== null && !queued.has(String(event.handover_leg_id))) queued.set(String(event.handover_leg_id), 0);
  }
  for (const legId of claimed) if (!queued.has(legId)) queued.set(legId, 0);
  await enqueueLegs(runner, [...queued].map(([legId, count]) => ({ legId, batchId: batch.id, events: count })));
  const codeOf = new Map([...carrierIds].map(([code, id]) => [Number(id), code]));
  const storedBy = new Map<string, number>();
  for (const event of inserted) {
    const code = codeOf.get(Number(event.carrier_id)) ?? String(event.carrier_id);
    storedBy.set(code, (storedBy.get(code) ?? 0) + 1);
  }
  return { stored: inserted.length, storedBy };
}
