import { appendRollupDeltas, rows, SqlRunner } from '@lanewatch/db';
import { feedContribution, rollupDeltas } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';

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
 * Derives every fact and rollup again from the stored events: every cell, fact and pending delta is
 * dropped, every event's feed contribution appended again and every leg queued for derivation, in one
 * transaction; the workers then derive and compact as they do for new batches.
 */
export async function rebuildKpis(dataSource: DataSource): Promise<{ shipments: number; events: number }> {
  return dataSource.transaction(async (manager) => {
    for (const table of ['kpi_rollups', 'kpi_rollup_deltas', 'leg_facts', 'shipment_facts']) await manager.query(`DELETE FROM ${table}`);
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
      const feed = chunk.map((event) =>
        feedContribution({
          carrierId: event.carrier_id,
          receivedAtMs: new Date(event.received_at).getTime(),
          occurredAtMs: new Date(event.occurred_at).getTime(),
          unmapped: event.unmapped,
        }),
      );
      await appendRollupDeltas(manager, rollupDeltas({ removed: [], added: feed }), null);
      events += chunk.length;
      after = chunk[chunk.length - 1].id;
    }
    await manager.query(`INSERT INTO link_queue (leg_id, batch_id, events) SELECT id, NULL, 0 FROM legs ORDER BY id`);
    const [{ n }] = await rows<{ n: string }>(manager, `SELECT count(*) AS n FROM shipments WHERE merged_into_id IS NULL`);
    return { shipments: Number(n), events };
  });
}
