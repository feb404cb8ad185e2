import { applyLinkResolution, LOCK_KEYS, loadLinkComponent, SqlRunner } from '@lanewatch/db';
import { resolveLinks } from '@lanewatch/domain';

/**
 * Recomputes leg membership for every component the seed legs belong to. Serialised by an
 * advisory lock: two batches relinking one component at once would each see half the graph.
 */
export async function relinkLegs(runner: SqlRunner, seedLegIds: string[]): Promise<void> {
  if (seedLegIds.length === 0) return;
  await runner.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEYS.linking]);
  const component = await loadLinkComponent(runner, seedLegIds);
  await applyLinkResolution(runner, resolveLinks(component));
}
