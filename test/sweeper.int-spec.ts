import { INGEST_QUEUE } from '@lanewatch/queue';
import Redis from 'ioredis';
import { LanewatchApp } from './support/lanewatch-app';

// The inbox in PostgreSQL is the truth and the queue only shares the work (docs/architecture.md): the
// worker's sweeper enqueues every batch still pending after its grace period, whatever Redis kept.

describe('the ingest sweeper', () => {
  let app: LanewatchApp;
  let redis: Redis;
  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false, env: { SWEEPER_INTERVAL_MS: '500', SWEEPER_GRACE_MS: '500' } });
    redis = new Redis(app.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await app?.stop();
  });

  it('runs a pending batch whose job Redis kept only in part (its hash in no list), and one whose job is gone', async () => {
    const { apiKey } = await app.createCarrier('sweepco', 'courier');
    const post = async (trackingNumber: string) => {
      const response = await app.request('POST', '/api/v1/events', {
        token: apiKey,
        body: { events: [{ trackingNumber, milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00Z' }] },
      });
      expect(response.status).toBe(202);
      return String(response.body.batchId);
    };
    const orphaned = await post('SW0001');
    const lost = await post('SW0002');
    // No worker yet: both jobs wait. One loses its place in the wait list but keeps its hash (what
    // eviction or keys lost one by one leave), the other loses everything.
    const jobKey = (id: string) => `${app.queuePrefix}:${INGEST_QUEUE}:${id}`;
    const waitList = `${app.queuePrefix}:${INGEST_QUEUE}:wait`;
    expect(await redis.lrem(waitList, 0, orphaned)).toBe(1);
    expect(await redis.exists(jobKey(orphaned))).toBe(1);
    expect(await redis.del(jobKey(lost))).toBe(1);
    expect(await redis.lrem(waitList, 0, lost)).toBe(1);

    await app.startWorker();
    await app.waitFor(async () => (await app.status()).pendingBatches === 0, 60_000, 'both batches to be stored');
    const batches = await app.sql<{ id: string; status: string; stored_count: number }>(`SELECT id, status, stored_count FROM ingest_batches ORDER BY id`);
    expect(batches).toEqual(expect.arrayContaining([{ id: orphaned, status: 'processed', stored_count: 1 }, { id: lost, status: 'processed', stored_count: 1 }]));
    expect((await app.status()).eventsStored).toBe(2);
  }, 120_000);
});
