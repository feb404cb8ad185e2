import { applyLinkResolution, legsByIds, LOCK_KEYS, loadLinkComponent, SqlRunner } from '@lanewatch/db';
import { resolveLinks } from '@lanewatch/domain';

/**
 * Serialises every transaction that writes legs or shipments beyond inserting new rows. Taken
 * before the first such write: a transaction that updated legs and then waited for this lock
 * would deadlock with the holder updating the same legs. Re-entrant within a transaction.
 */
export async function lockLinking(runner: SqlRunner): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEYS.linking]);
}

/**
 * Recomputes leg membership for every component the seed legs belong to and returns the
 * shipments it touched. Serialised by an
 * advisory lock: two batches relinking one component at once would each see half the graph.
 */
export async function relinkLegs(runner: SqlRunner, seedLegIds: string[]): Promise<string[]> {
  if (seedLegIds.length === 0) return [];
  await lockLinking(runner);
  const component = await loadLinkComponent(runner, seedLegIds);
  const before = await legsByIds(runner, component.legs.map((leg) => leg.id));
  const resolution = resolveLinks(component);
  await applyLinkResolution(runner, resolution);
  // Every shipment whose legs or attributes may have changed: its facts must be derived again.
  const touched = new Set<string>();
  for (const leg of before) if (leg.shipment_id) touched.add(leg.shipment_id);
  for (const leg of resolution.legs) if (leg.shipmentId) touched.add(leg.shipmentId);
  for (const shipment of resolution.shipments) touched.add(shipment.shipmentId);
  return [...touched];
}
