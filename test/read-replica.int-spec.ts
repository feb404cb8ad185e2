import { Client } from 'pg';
import { LanewatchApp } from './support/lanewatch-app';
import { createTestDatabase } from './support/test-database';

// DATABASE_READ_URL routes the dashboard's KPI and scorecard reads, and only those. No streaming replica
// runs here: a second database with different rows stands in for one, so where an answer came from shows.
describe('DATABASE_READ_URL', () => {
  let app: LanewatchApp;
  let replica: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    replica = await createTestDatabase();
    const client = new Client({ connectionString: replica.url });
    await client.connect();
    await client.query(
      `INSERT INTO carriers (code, name, kind, webhook_secret_salt, webhook_secret_hash) VALUES ('replica-only', 'Replica Only', 'postal', 'salt', repeat('0', 64))`,
    );
    await client.end();
    app = await LanewatchApp.start({ env: { DATABASE_READ_URL: replica.url }, worker: false });
  });
  afterAll(async () => {
    await app?.stop();
    await replica?.drop();
  });

  it('answers scorecards from the read database and everything else from the primary', async () => {
    const created = await app.request('POST', '/api/v1/carriers', { body: { code: 'primary-only', name: 'Primary Only', kind: 'postal' } });
    expect(created.status).toBe(201);

    const carriers = await app.request('GET', '/api/v1/carriers');
    expect(carriers.status).toBe(200);
    const listed = (carriers.body as unknown as { code: string }[]).map((carrier) => carrier.code);
    expect(listed).toContain('primary-only');
    expect(listed).not.toContain('replica-only');

    const scorecards = await app.request('GET', '/api/v1/scorecards');
    expect(scorecards.status).toBe(200);
    const text = JSON.stringify(scorecards.body);
    expect(text).toContain('replica-only');
    expect(text).not.toContain('primary-only');
  });
});
