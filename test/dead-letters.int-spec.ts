import { LanewatchApp } from './support/lanewatch-app';

// events.md §8: should the database still refuse an accepted event, that event alone is set aside with
// its reason and the rest of its batch is stored. The refusal is planted as a real CHECK constraint.
describe('dead letters', () => {
  let app: LanewatchApp;
  let cainiao: string;
  let correios: string;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { INGEST_JOB_ATTEMPTS: '2' } });
    cainiao = (await app.createCarrier('cainiao', 'platform')).apiKey;
    correios = (await app.createCarrier('correios')).apiKey;
    await app.sql(`ALTER TABLE events ADD CONSTRAINT planted_refusal CHECK (tracking_number NOT LIKE 'POISON%')`);
  });
  afterAll(() => app?.stop());

  const event = (trackingNumber: string, hour: number) => ({
    trackingNumber,
    milestone: 'ACCEPTED',
    occurredAt: `2026-11-02T${String(hour).padStart(2, '0')}:00:00Z`,
    location: { country: 'CN' },
  });

  it('sets aside the one event the database refuses and stores the rest of its batch', async () => {
    const events = [event('DLGOOD001', 1), event('DLGOOD002', 2), event('POISON001', 3), event('DLGOOD003', 4), event('DLGOOD004', 5)];
    const posted = await app.request('POST', '/api/v1/events', { token: cainiao, body: { events } });
    expect(posted.status).toBe(202);
    expect(posted.body.accepted).toBe(5);
    const status = await app.waitForIdle();
    expect(status).toMatchObject({ failedBatches: 0, eventsStored: 4, deadLetters: 1, duplicates: 0 });
    const stored = await app.sql<{ tracking_number: string }>(`SELECT tracking_number FROM events ORDER BY tracking_number`);
    expect(stored.map((row) => row.tracking_number)).toEqual(['DLGOOD001', 'DLGOOD002', 'DLGOOD003', 'DLGOOD004']);

    const batch = await app.request('GET', `/api/v1/ingest/batches/${posted.body.batchId as string}`);
    expect(batch.body).toMatchObject({ status: 'processed', stored: 4, duplicates: 0, deadLetters: 1 });

    const listed = await app.request('GET', '/api/v1/ingest/dead-letters');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.deadLetters).toEqual([
      expect.objectContaining({
        batchId: posted.body.batchId,
        position: 2,
        carrier: 'cainiao',
        trackingNumber: 'POISON001',
        sqlstate: '23514',
        error: expect.stringContaining('planted_refusal'),
        event: expect.objectContaining({ trackingNumber: 'POISON001', milestone: 'ACCEPTED', occurredAt: '2026-11-02T03:00:00.000Z' }),
      }),
    ]);
    // Its carrier reads it; another carrier does not.
    const own = await app.request('GET', '/api/v1/ingest/dead-letters', { token: cainiao });
    expect(own.body.total).toBe(1);
    const other = await app.request('GET', '/api/v1/ingest/dead-letters', { token: correios });
    expect(other.body).toEqual({ total: 0, deadLetters: [] });
    expect((await app.request('GET', '/api/v1/ingest/dead-letters?carrier=cainiao', { token: correios })).status).toBe(403);
  });

  it('sets aside several refused events of one batch and counts the repeats of stored ones as duplicates', async () => {
    const events = [event('DLGOOD001', 1), event('POISON002', 6), event('DLGOOD005', 7), event('POISON003', 8)];
    const posted = await app.request('POST', '/api/v1/events', { token: correios, body: { events } });
    expect(posted.status).toBe(202);
    const status = await app.waitForIdle();
    expect(status).toMatchObject({ failedBatches: 0, eventsStored: 6, deadLetters: 3, duplicates: 0 });
    const batch = await app.request('GET', `/api/v1/ingest/batches/${posted.body.batchId as string}`);
    // DLGOOD001 of correios is a new event (another carrier's), so nothing here is a duplicate.
    expect(batch.body).toMatchObject({ stored: 2, duplicates: 0, deadLetters: 2 });
    const again = await app.request('POST', '/api/v1/events', { token: correios, body: { events } });
    const after = await app.waitForIdle();
    const repeat = await app.request('GET', `/api/v1/ingest/batches/${again.body.batchId as string}`);
    expect(repeat.body).toMatchObject({ stored: 0, duplicates: 2, deadLetters: 2 });
    expect(after).toMatchObject({ eventsStored: 6, deadLetters: 5, failedBatches: 0 });
  });

  it('retries a batch whose every event fails on its own (the fault is not one event) and keeps it as failed', async () => {
    const posted = await app.request('POST', '/api/v1/events', { token: cainiao, body: { events: [event('POISON010', 1), event('POISON011', 2)] } });
    expect(posted.status).toBe(202);
    await app.waitFor(async () => (await app.status()).failedBatches === 1, 60_000, 'the batch to fail after its attempts');
    const status = await app.status();
    expect(status).toMatchObject({ pendingBatches: 0, failedBatches: 1, deadLetters: 5 });
    const batch = await app.request('GET', `/api/v1/ingest/batches/${posted.body.batchId as string}`);
    expect(batch.body).toMatchObject({ status: 'failed', attempts: 2, error: expect.stringContaining('planted_refusal') });
  });
});
