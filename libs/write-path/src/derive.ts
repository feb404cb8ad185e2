import {
  addLegEventCounts,
  applyLinkResolution,
  createRootShipments,
  LinkComponent,
  loadLinkComponent,
  lockLegs,
  logDerivation,
  pickQueuedLegs,
  QueuedLeg,
  recomputeEffectiveAttributes,
  SqlRunner,
  takeQueuedLegs,
  tryLockLegGroups,
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
  input: { legIds: string[]; eventCounts?: Map<string, number>; batchId?: string | null; locked?: LinkComponent; onLockWait?: (seconds: number) => void },
): Promise<string[]> {
  if (input.legIds.length === 0) return [];
  const component = input.locked ?? (await lockComponent(runner, input.legIds, input.onLockWait));
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

/** The legs of a (possibly partial) component grouped into link components: hand-overs and pins join legs. */
export function linkGroupsOf(component: Pick<LinkComponent, 'legs' | 'handovers' | 'pins'>): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? (parent.set(root, root), root);
    for (let at = id; at !== root; ) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const join = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const leg of component.legs) find(leg.id);
  for (const edge of component.handovers) join(edge.fromLegId, edge.toLegId);
  for (const pin of component.pins) if (pin.parentLegId !== null) join(pin.legId, pin.parentLegId);
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()];
}

const mergeComponents = (a: LinkComponent, b: LinkComponent): LinkComponent => ({
  legs: [...new Map([...a.legs, ...b.legs].map((leg) => [leg.id, leg])).values()],
  roots: [...a.roots, ...b.roots],
  handovers: [...new Map([...a.handovers, ...b.handovers].map((edge) => [`${edge.fromLegId}>${edge.toLegId}`, edge])).values()],
  pins: [...new Map([...a.pins, ...b.pins].map((pin) => [pin.legId, pin])).values()],
  memberships: [],
});

/**
 * Locks, without waiting, the link components of the picked legs that no other derivation holds, and
 * takes their queued rows. The components are first read unlocked to know what to lock as a whole;
 * once locked, the queue rows are taken and the components read again (so every row taken is
 * visible to what is derived); if one grew meanwhile, the locks and rows are given back (savepoint)
 * and the larger set tried again. A busy component is left queued for a later derivation instead of
 * waited for: derivations never wait for each other, so never deadlock, and a loop always works on
 * journeys no other loop holds. Null: every component is busy.
 */
export async function lockQueuedComponents(runner: SqlRunner, seedLegIds: string[]): Promise<{ component: LinkComponent; queued: QueuedLeg[] } | null> {
  let known = await loadLinkComponent(runner, seedLegIds);
  for (;;) {
    const name = `lanewatch_component_${(savepoints += 1)}`;
    await runner.query(`SAVEPOINT ${name}`);
    const held = await tryLockLegGroups(runner, linkGroupsOf(known));
    if (held.length === 0) {
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      return null;
    }
    const queued = await takeQueuedLegs(runner, held);
    const component = await loadLinkComponent(runner, held);
    const heldSet = new Set(held);
    if (component.legs.every((leg) => heldSet.has(leg.id))) {
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      return { component, queued };
    }
    await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await runner.query(`RELEASE SAVEPOINT ${name}`);
    known = mergeComponents(known, component);
  }
}

/**
 * One derivation: picks the oldest queued legs no other worker holds, locks those of their link
 * components no other derivation holds (lockQueuedComponents) and derives them in one transaction.
 * Returns how many queue rows it took (0: the queue is empty, or, busy, every journey picked is held).
 */
export async function deriveQueued(
  dataSource: DataSource,
  options: { chunk?: number; onLockWait?: (seconds: number) => void } = {},
): Promise<{ taken: number; legs: number; shipments: number; busy: boolean }> {
  return dataSource.transaction(async (manager) => {
    const picked = await pickQueuedLegs(manager, options.chunk ?? DERIVE_CHUNK);
    if (picked.length === 0) return { taken: 0, legs: 0, shipments: 0, busy: false };
    // Try-locks: never a wait on another derivation, only the time the statements take.
    const lockStarted = process.hrtime.bigint();
    const locked = await lockQueuedComponents(manager, picked);
    options.onLockWait?.(Number(process.hrtime.bigint() - lockStarted) / 1e9);
    if (!locked || locked.queued.length === 0) return { taken: 0, legs: 0, shipments: 0, busy: true };
    const { component, queued } = locked;
    const counts = new Map<string, number>();
    for (const row of queued) counts.set(row.legId, (counts.get(row.legId) ?? 0) + row.events);
    const batchId = queued.find((row) => row.batchId !== null)?.batchId ?? null;
    const shipments = await deriveLegs(manager, { legIds: component.legs.map((leg) => leg.id), eventCounts: counts, batchId, locked: component });
    return { taken: queued.length, legs: counts.size, shipments: shipments.length, busy: false };
  });
}
