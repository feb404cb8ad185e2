import {
  addLegEventCounts,
  applyLinkResolution,
  claimQueuedLegs,
  createRootShipments,
  LinkComponent,
  loadLinkComponent,
  lockLegs,
  logDerivation,
  recomputeEffectiveAttributes,
  SqlRunner,
  unrootedClaimLegs,
} from '@lanewatch/db';
import { resolveLinks } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { recomputeFacts } from './facts';

/** Legs taken from the queue per derivation: a few hundred amortise the facts of a busy journey. */
export const DERIVE_CHUNK = 200;

let savepoints = 0;

/**
 * Locks the link components of the seed legs and returns them, complete. The legs known are locked
 * in key order; if the component then turns out larger (a hand-over committed meanwhile, or one the
 * seeds did not show), the locks are given back (savepoint) and the larger set taken in order again.
 * A derivation so never waits for a lock while holding one that sorts after it: no deadlock, whatever
 * the number of workers.
 */
export async function lockComponent(runner: SqlRunner, seedLegIds: string[], onLockWait?: (seconds: number) => void): Promise<LinkComponent> {
  const known = new Set(seedLegIds);
  for (;;) {
    const name = `lanewatch_component_${(savepoints += 1)}`;
    await runner.query(`SAVEPOINT ${name}`);
    // Timed around the one statement that takes the locks: its round trip plus any wait for another holder.
    const started = process.hrtime.bigint();
    await lockLegs(runner, [...known]);
    onLockWait?.(Number(process.hrtime.bigint() - started) / 1e9);
    const component = await loadLinkComponent(runner, [...known]);
    const grown = component.legs.filter((leg) => !known.has(leg.id));
    if (grown.length === 0) {
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      return component;
    }
    await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await runner.query(`RELEASE SAVEPOINT ${name}`);
    for (const leg of grown) known.add(leg.id);
  }
}

/**
 * Derives the journeys the legs belong to (events.md §3–§4, kpis.md §1–§2): links, a shipment of
 * its own for a claimed leg no hand-over reaches, attributes, conflicts, facts and their rollup
 * deltas. Holds the locks of those legs' components only: derivations of other journeys go on in
 * parallel. Returns the shipments it touched.
 */
export async function deriveLegs(
  runner: SqlRunner,
  input: { legIds: string[]; eventCounts?: Map<string, number>; batchId?: string | null; onLockWait?: (seconds: number) => void },
): Promise<string[]> {
  if (input.legIds.length === 0) return [];
  const component = await lockComponent(runner, input.legIds, input.onLockWait);
  await logDerivation(runner, component.legs.map((leg) => leg.id));
  if (input.eventCounts) await addLegEventCounts(runner, input.eventCounts);
  const before = new Map(component.memberships.map((leg) => [leg.legId, leg.shipmentId]));
  let resolution = resolveLinks(component);
  // A leg with attributes of its own that no hand-over reaches is the first leg of a shipment (events.md §3).
  const unrooted = await unrootedClaimLegs(
    runner,
    resolution.legs.filter((leg) => leg.shipmentId === null).map((leg) => leg.legId),
  );
  if (unrooted.length > 0) {
    const roots = await createRootShipments(runner, unrooted);
    resolution = resolveLinks({ ...component, roots: [...component.roots, ...roots] });
  }
  await applyLinkResolution(runner, resolution);
  const touched = new Set<string>();
  for (const shipmentId of before.values()) if (shipmentId) touched.add(shipmentId);
  for (const leg of resolution.legs) if (leg.shipmentId) touched.add(leg.shipmentId);
  for (const shipment of resolution.shipments) touched.add(shipment.shipmentId);
  const shipments = [...touched].sort();
  await recomputeEffectiveAttributes(runner, shipments);
  await recomputeFacts(runner, shipments, input.batchId ?? null);
  return shipments;
}

/**
 * One derivation: takes queued legs no other worker holds and derives their journeys in one
 * transaction. Returns how many queue rows it took (0: the queue is empty, or all of it is held).
 */
export async function deriveQueued(
  dataSource: DataSource,
  options: { chunk?: number; onLockWait?: (seconds: number) => void } = {},
): Promise<{ taken: number; legs: number; shipments: number }> {
  return dataSource.transaction(async (manager) => {
    const queued = await claimQueuedLegs(manager, options.chunk ?? DERIVE_CHUNK);
    if (queued.length === 0) return { taken: 0, legs: 0, shipments: 0 };
    const counts = new Map<string, number>();
    for (const row of queued) counts.set(row.legId, (counts.get(row.legId) ?? 0) + row.events);
    const batchId = queued.find((row) => row.batchId !== null)?.batchId ?? null;
    const shipments = await deriveLegs(manager, { legIds: [...counts.keys()], eventCounts: counts, batchId, onLockWait: options.onLockWait });
    return { taken: queued.length, legs: counts.size, shipments: shipments.length };
  });
}
