import { carrierUsedSource, createDataSource, purgeProcessedBatches } from '@lanewatch/db';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from './support/lanewatch-app';
import { postFeed } from './support/post-feed';

// Processed batches leave the inbox after INGEST_BATCH_RETENTION_DAYS: their events stay stored, and
// what they counted moves to ingest_batch_totals, so the ingest status is the same before and after,
// a carrier's formats stay "used", and the inbox (which the status sums on every call and metrics
// scrape) holds only the retention window. Pending and failed batches are never purged.
describe('inbox retention', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  it('purges processed batches past the retention, keeping the status, the formats used and the events', async () => {
    app = await LanewatchApp.start({ env: { INGEST_BATCH_RETENTION_DAYS: '2', VACUUM_INTERVAL_MS: '1000', INGEST_RATE_LIMIT_PER_MINUTE: '100000' } });
    const feed = generateFeed({ seed: 5, shipments: 60, now: new Date('2026-11-20T00:00:00Z'), spanDays: 20 });
    // Duplicated across requests and within them, so every counter the status sums is non-zero.
    await postFeed(app, feed, planDeliveries(feed, { seed: 5, batchSize: 150, shuffle: true, duplicateRate: 0.2 }), { codeMapLast: false });
    // Every delta folded, so the status moves only by what this test does.
    await app.waitFor(async () => (await app.status()).compactionBacklog === 0, 60_000, 'the deltas to be folded');
    const before = await app.status();
    expect(before.processedBatches).toBeGreaterThan(5);
    expect(before.duplicates).toBeGreaterThan(0);
    const batches = await app.sql<{ id: string; carrier_id: number; source: string }>(`SELECT id, carrier_id, source FROM ingest_batches WHERE status = 'processed' ORDER BY received_at`);
    const [{ events }] = await app.sql<{ events: number }>(`SELECT count(*)::int AS events FROM events`);
    // A failed batch, a day past the retention too: kept for an operator's retry.
    await app.sql(`UPDATE ingest_batches SET status = 'failed', error = 'kept', processed_at = NULL WHERE id = $1`, [batches[0].id]);
    const failedBefore = await app.status();
    expect(failedBefore).toEqual({ ...before, processedBatches: before.processedBatches - 1, failedBatches: before.failedBatches + 1 });

    // The first half processed three days ago (past the retention), the rest one day ago (within it).
    const old = batches.slice(1, Math.ceil(batches.length / 2));
    await app.sql(`UPDATE ingest_batches SET processed_at = now() - interval '3 days' WHERE id = ANY($1::uuid[])`, [old.map((batch) => batch.id)]);
    await app.sql(`UPDATE ingest_batches SET processed_at = now() - interval '1 day' WHERE status = 'processed' AND NOT id = ANY($1::uuid[])`, [old.map((batch) => batch.id)]);
    await app.waitFor(async () => Number((await app.sql<{ n: string }>(`SELECT count(*) AS n FROM ingest_batches WHERE processed_at < now() - interval '2 days'`))[0].n) === 0, 30_000, 'the worker to purge');

    const kept = await app.sql<{ id: string; status: string }>(`SELECT id, status FROM ingest_batches`);
    expect(kept.length).toBe(batches.length - old.length);
    expect(kept.find((batch) => batch.id === batches[0].id)?.status).toBe('failed');
    expect(await app.status()).toEqual(failedBefore);
    expect(Number((await app.sql<{ n: string }>(`SELECT sum(processed) AS n FROM ingest_batch_totals`))[0].n)).toBe(old.length);
    const [{ events: after }] = await app.sql<{ events: number }>(`SELECT count(*)::int AS events FROM events`);
    expect(after).toBe(events);
    expect((await app.request('GET', `/api/v1/ingest/batches/${old[0].id}`)).status).toBe(404);
    expect((await app.request('GET', `/api/v1/ingest/batches/${batches[batches.length - 1].id}`)).status).toBe(200);

    const dataSource = createDataSource(app.databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    try {
      // Everything else purged too, in chunks, but a batch whose legs wait to be derived (the worker
      // stopped, so the queue row stays): the status counts that batch pending until they are.
      await app.killWorkers('SIGTERM');
      const waiting = batches[batches.length - 1].id;
      await app.sql(`INSERT INTO link_queue (leg_id, batch_id, events) SELECT id, $1, 1 FROM legs ORDER BY id LIMIT 1`, [waiting]);
      while ((await purgeProcessedBatches(dataSource, new Date(Date.now() + 60_000), 7)) > 0);
      expect(await app.sql(`SELECT id FROM ingest_batches WHERE status = 'processed'`)).toEqual([{ id: waiting }]);
      await app.sql(`DELETE FROM link_queue WHERE batch_id = $1`, [waiting]);
      expect(await purgeProcessedBatches(dataSource, new Date(Date.now() + 60_000), 7)).toBe(1);
      expect(await app.sql(`SELECT id FROM ingest_batches WHERE status = 'processed'`)).toEqual([]);
      expect(await app.status()).toEqual(failedBefore);
      // Every (carrier, source) whose batches are all purged still counts as used, so a format's default
      // code map is not loaded again (the failed batch's pair is still in the inbox: left out).
      const purgedOnly = batches.filter((batch) => batch.carrier_id !== batches[0].carrier_id || batch.source !== batches[0].source);
      expect(purgedOnly.length).toBeGreaterThan(0);
      for (const batch of purgedOnly) expect(await carrierUsedSource(dataSource, batch.carrier_id, batch.source)).toBe(true);
      expect(await carrierUsedSource(dataSource, batches[0].carrier_id, 'a-format-never-posted')).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  }, 180_000);
});
