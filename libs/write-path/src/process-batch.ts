import {
  appendRollupDeltas,
  applyAttributeClaims,
  AttributeClaimInput,
  BatchEstimate,
  BatchEvent,
  BatchRow,
  carrierCodesById,
  carrierIdsByCode,
  countUnmapped,
  enqueueLegs,
  ensureEventPartitions,
  EventInsertRow,
  EventsBatchPayload,
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

export type { EventsBatchPayload } from '@lanewatch/db';

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
    const payload = await withCarrierIds(manager, batch.payload as EventsBatchPayload | CodesOnlyBatchPayload);
    const counts = await ingestSettingAside(dataSource, manager, batch, payload.events, payload.estimates ?? []);
    await markBatchProcessed(manager, batch.id, counts);
    return { status: 'processed', stored: counts.stored, duplicates: counts.duplicates, byCarrier: counts.byCarrier } as const;
  });
}

/** A batch written before the API resolved carrier ids (codes only), still pending after an upgrade. */
interface CodesOnlyBatchPayload {
  events: (NormalizedEvent & { carrierId?: undefined })[];
  estimates?: (Omit<BatchEstimate, 'carrierId'> & { carrierId?: undefined })[];
}

/**
 * Compatibility with batches of the previous version only: resolves the codes of a codes-only payload
 * to ids as the API now does. A code no carrier has any more gets id 0, which no carrier has: its
 * events are refused below as those of a deleted carrier. A payload with ids is returned as it is.
 */
async function withCarrierIds(runner: SqlRunner, payload: EventsBatchPayload | CodesOnlyBatchPayload): Promise<EventsBatchPayload> {
  const estimates = payload.estimates ?? [];
  if (!payload.events.some((event) => event.carrierId === undefined) && !estimates.some((estimate) => estimate.carrierId === undefined)) {
    return payload as EventsBatchPayload;
  }
  const codes = new Set<string>(estimates.map((estimate) => estimate.carrier));
  for (const event of payload.events) {
    codes.add(event.carrier);
    if (event.handover) codes.add(event.handover.carrier);
  }
  const ids = await carrierIdsByCode(runner, [...codes]);
  const idOf = (code: string) => ids.get(code) ?? 0;
  return {
    events: payload.events.map((event) => ({
      ...event,
      carrierId: idOf(event.carrier),
      handover: event.handover ? { ...event.handover, carrierId: idOf(event.handover.carrier) } : null,
    })),
    estimates: estimates.map((estimate) => ({ ...estimate, carrierId: idOf(estimate.carrier) })),
  };
}

/**
 * Stores a batch's events; one the database still refuses is set aside alone in the dead letters
 * with its reason, and the rest of the batch is stored (events.md §8). Duplicates are what remains.
 */
async function ingestSettingAside(
  dataSource: DataSource,
  runner: SqlRunner,
  batch: BatchRow,
  events: BatchEvent[],
  estimates: BatchEstimate[],
): Promise<{ stored: number; duplicates: number; byCarrier: CarrierCounts[] }> {
  // The batch's carriers still registered, by id; the codes label dead letters and counts.
  const carrierIds = new Set<number>(estimates.map((estimate) => estimate.carrierId));
  for (const event of events) {
    carrierIds.add(event.carrierId);
    if (event.handover) carrierIds.add(event.handover.carrierId);
  }
  const codeOf = await carrierCodesById(runner, [...carrierIds]);
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
        codeOf,
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
      const unit = position < events.length ? events[position] : estimates[position - events.length];
      const described = describeError(error);
      return {
        batchId: batch.id,
        position,
        carrierId: codeOf.has(unit.carrierId) ? unit.carrierId : null,
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
  // A deleted carrier's events are labelled with the code they were sent with.
  const label = (event: BatchEvent) => codeOf.get(event.carrierId) ?? event.carrier;
  const notDuplicate = new Map(storedBy);
  for (const { position } of deadEvents) notDuplicate.set(label(events[position]), (notDuplicate.get(label(events[position])) ?? 0) + 1);
  const sent = new Map<string, number>();
  for (const event of events) sent.set(label(event), (sent.get(label(event)) ?? 0) + 1);
  const byCarrier = [...sent].map(([carrier, n]) => ({ carrier, stored: storedBy.get(carrier) ?? 0, duplicates: n - (notDuplicate.get(carrier) ?? 0) }));
  return { stored, duplicates: events.length - stored - deadEvents.length, byCarrier };
}

async function ingestEvents(
  runner: SqlRunner,
  batch: BatchRow,
  codeOf: Map<number, string>,
  events: BatchEvent[],
  estimates: BatchEstimate[],
): Promise<{ stored: number; storedBy: Map<string, number> }> {
  // The ids the API resolved; a carrier deleted since refuses the events that name it.
  const carrierId = (named: { carrierId: number; carrier: string }) => {
    if (!codeOf.has(named.carrierId)) throw new EventRefusedError(`carrier '${named.carrier}' of batch ${batch.id} no longer exists`);
    return named.carrierId;
  };
  const codeMaps = new Map<number, Map<string, Milestone>>();
  await holdCodeMaps(
    runner,
    events.map((event) => carrierId(event)),
  );
  for (const id of new Set(events.map((event) => carrierId(event)))) {
    codeMaps.set(id, (await getCodeMap(runner, id)) as Map<string, Milestone>);
  }

  const legIds = await upsertLegs(runner, [
    ...events.map((event) => ({ carrierId: carrierId(event), trackingNumber: event.trackingNumber })),
    ...events.flatMap((event) => (event.handover ? [{ carrierId: carrierId(event.handover), trackingNumber: event.handover.trackingNumber }] : [])),
    ...estimates.map((estimate) => ({ carrierId: carrierId(estimate), trackingNumber: estimate.trackingNumber })),
  ]);
  const legOf = (carrierId: number, trackingNumber: string) => legIds.get(legKey(carrierId, trackingNumber)) as string;

  const rows: EventInsertRow[] = events.map((event) => {
    const id = event.carrierId;
    const milestone = resolveMilestone(event, codeMaps.get(id) ?? new Map());
    return {
      carrierId: id,
      legId: legOf(id, event.trackingNumber),
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
      handoverCarrierId: event.handover?.carrierId ?? null,
      handoverTrackingNumber: event.handover?.trackingNumber ?? null,
      handoverLegId: event.handover ? legOf(event.handover.carrierId, event.handover.trackingNumber) : null,
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
        ? [{ legId: legOf(event.carrierId, event.trackingNumber), values: shipmentValues(event.shipment), observedAt: event.occurredAt, carrierId: event.carrierId }]
        : [],
    ),
    ...estimates.map((estimate) => ({
      legId: legOf(estimate.carrierId, estimate.trackingNumber),
      values: shipmentValues({ carrierEstimate: estimate.carrierEstimate }),
      observedAt: estimate.observedAt ?? receivedAt,
      carrierId: estimate.carrierId,
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
  const storedBy = new Map<string, number>();
  for (const event of inserted) {
    const code = codeOf.get(Number(event.carrier_id)) ?? String(event.carrier_id);
    storedBy.set(code, (storedBy.get(code) ?? 0) + 1);
  }
  return { stored: inserted.length, storedBy };
}
