import { applyRollupChanges, compactRollupsAfterRebuild, rows, SqlRunner } from '@lanewatch/db';
import { feedContribution } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { recomputeFacts } from './facts';
import { lockLinking } from './relink';

const CHUNK = 500;
const EVENT_CHUNK = 5_000;

/**
 * True when events were stored but facts or rollups are missing: after an upgrade that dropped
 * them. Every stored event, mapped or not, adds to the feed rollups, so rollups exist whenever
 * events do, even when no leg is linked to a shipment yet.
 */
export async function kpisNeedRebuild(runner: SqlRunner): Promise<boolean> {
  const [state] = await rows<{ needed: boolean }>(
    runner,
    `SELECT EXISTS (SELECT 1 FROM legs WHERE event_count > 0)
        AND (NOT EXISTS (SELECT 1 FROM kpi_rollups)
             OR (EXISTS (SELECT 1 FROM legs WHERE shipment_id IS NOT NULL AND event_count > 0) AND NOT EXISTS (SELECT 1 FROM shipment_facts))) AS needed`,
  );
  return state.needed;
}

/**
 * Rebuilds every fact and rollup from the stored events, in one transaction under the linking
 * lock (ingestion waits; nothing reads half a rebuild). Also clears the drift that incremental
 * Welford removals accumulate over very many changes.
 */
export async function rebuildKpis(dataSource: DataSource): Promise<{ shipments: number; events: number }> {
  const rebuilt = await dataSource.transaction(async (manager) => {
    await lockLinking(manager);
    // DELETE, not TRUNCATE: readers keep seeing the old rollups until this commits instead of
    // queueing behind an exclusive lock for the whole rebuild.
    for (const table of ['kpi_rollups', 'leg_facts', 'shipment_facts']) await manager.query(`DELETE FROM ${table}`);
    const shipments = await rows<{ id: string }>(manager, `SELECT id FROM shipments WHERE merged_into_id IS NULL ORDER BY id`);
    for (let start = 0; start < shipments.length; start += CHUNK) {
      await recomputeFacts(manager, shipments.slice(start, start + CHUNK).map((shipment) => shipment.id));
    }
    let events = 0;
    let after = '0';
    for (;;) {
      const chunk = await rows<{ id: string; carrier_id: number; received_at: Date; occurred_at: Date; unmapped: boolean }>(
        manager,
        // Ordered by the bigint column (e.id), not by the text alias: keyset paging needs numeric order.
        `SELECT e.id::text AS id, e.carrier_id, e.received_at, e.occurred_at, e.milestone IS NULL AS unmapped
           FROM events e WHERE e.id > $1::bigint ORDER BY e.id LIMIT ${EVENT_CHUNK}`,
        [after],
      );
      if (chunk.length === 0) break;
      await applyRollupChanges(manager, {
        removed: [],
        added: chunk.map((event) =>
          feedContribution({
            carrierId: event.carrier_id,
            receivedAtMs: new Date(event.received_at).getTime(),
            occurredAtMs: new Date(event.occurred_at).getTime(),
            unmapped: event.unmapped,
          }),
        ),
      });
      events += chunk.length;
      after = chunk[chunk.length - 1].id;
    }
    return { shipments: shipments.length, events };
  });
  // Every row was just replaced: a compact day/week/month partition and fresh planner statistics
  // instead of waiting for (auto)vacuum.
  await compactRollupsAfterRebuild(dataSource);
  return rebuilt;
}
