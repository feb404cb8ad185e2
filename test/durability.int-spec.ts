import { LanewatchApp } from './support/lanewatch-app';

// Non-negotiable 1: an event answered 202 survives a worker killed mid-batch and a lost queue.
const BATCHES = 24;
const PER_BATCH = 2500;

function batchOf(batch: number) {
  return Array.from({ length: PER_BATCH }, (_, index) => ({
    trackingNumber: `DUR${String(batch).padStart(3, '0')}${String(index % 500).padStart(5, '0')}`,
    milestone: index % 2 === 0 ? 'ORIGIN_FACILITY' : 'TRANSIT_HUB',
    occurredAt: new Date(Date.UTC(2026, 9, 1 + (index % 28), index % 24, batch)).toISOString(),
    location: { country: 'CN', city: `City ${index % 7}` },
  }));
}

async function postAll(app: LanewatchApp, apiKey: string): Promise<number> {
  let accepted = 0;
  for (let batch = 0; batch < BATCHES; batch += 1) {
    const response = await app.request('POST', '/api/v1/events', { token: apiKey, body: { events: batchOf(batch) } });
    expect(response.status).toBe(202);
    accepted += response.body.accepted as number;
  }
  return accepted;
}

describe('durability', () => {
  let app: LanewatchApp;
  afterEach(() => app?.stop());

  it('loses and duplicates nothing when the worker is killed with SIGKILL inside a batch transaction', async () => {
    app = await LanewatchApp.start({ worker: false });
    const { apiKey } = await app.createCarrier('cainiao', 'platform');
    const accepted = await postAll(app, apiKey);
    expect(accepted).toBe(BATCHES * PER_BATCH);

    await app.startWorker();
    // Kill at the moment a worker connection is inside an open transaction writing a batch.
    await app.waitFor(
      async () => {
        const active = await app.sql(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'lanewatch-worker/%'
              AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
        );
        const processed = await app.sql<{ n: string }>(`SELECT count(*) AS n FROM ingest_batches WHERE status = 'processed'`);
        return active.length > 0 && Number(processed[0].n) > 0;
      },
      60_000,
      'a worker transaction in flight after the first processed batch',
    );
    await app.killWorkers('SIGKILL');
    const midway = await app.status();
    expect(midway.pendingBatches).toBeGreaterThan(0);

    await app.startWorker();
    const status = await app.waitForIdle(180_000);
    expect(status).toMatchObject({ pendingBatches: 0, failedBatches: 0, processedBatches: BATCHES, eventsStored: BATCHES * PER_BATCH, duplicates: 0 });
    const [{ n }] = await app.sql<{ n: string }>('SELECT count(*) AS n FROM events');
    expect(Number(n)).toBe(BATCHES * PER_BATCH);
    const [{ identities }] = await app.sql<{ identities: string }>('SELECT count(*) AS identities FROM event_identities');
    expect(Number(identities)).toBe(BATCHES * PER_BATCH);
  });

  it('brings every accepted event in after the queue is flushed, and re-sending everything changes nothing', async () => {
    app = await LanewatchApp.start({ worker: false });
    const { apiKey } = await app.createCarrier('cainiao', 'platform');
    const accepted = await postAll(app, apiKey);
    const deleted = await app.flushQueue();
    expect(deleted).toBeGreaterThan(0);
    expect((await app.status()).pendingBatches).toBe(BATCHES);

    await app.startWorker();
    const status = await app.waitForIdle(180_000);
    expect(status).toMatchObject({ processedBatches: BATCHES, eventsStored: accepted, duplicates: 0, failedBatches: 0 });

    await postAll(app, apiKey);
    const again = await app.waitForIdle(180_000);
    expect(again).toMatchObject({ processedBatches: 2 * BATCHES, eventsStored: accepted, duplicates: accepted });
    const [{ n }] = await app.sql<{ n: string }>('SELECT count(*) AS n FROM events');
    expect(Number(n)).toBe(accepted);
  });
});
