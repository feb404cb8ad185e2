import { createDataSource } from '@lanewatch/db';
import { kpisNeedRebuild } from '@lanewatch/write-path';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from './support/test-database';

// When the worker rebuilds at start: events stored, but facts or rollups gone (an upgrade dropped them).
describe('kpisNeedRebuild', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url, { poolSize: 1 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const feedCell = `INSERT INTO kpi_rollups (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family, count)
                    VALUES (0, '2026-11-02Z', 'e', 3, 1, 0, '', '', 'unmapped', 1)`;

  it('is false on an empty database, and true once events of an unlinked leg have no feed rollups', async () => {
    expect(await kpisNeedRebuild(dataSource)).toBe(false);
    await dataSource.query(`INSERT INTO carriers (id, code, name, kind, webhook_secret_salt, webhook_secret_hash) VALUES (1, 'correios', 'Correios', 'last_mile', 's', repeat('0', 64))`);
    await dataSource.query(`INSERT INTO legs (id, carrier_id, tracking_number, event_count) VALUES (1, 1, 'NB000000001BR', 2)`);
    expect(await kpisNeedRebuild(dataSource)).toBe(true);
    await dataSource.query(feedCell);
    expect(await kpisNeedRebuild(dataSource)).toBe(false);
  });

  it('is true when a linked leg has events but no shipment has facts, false once they exist', async () => {
    await dataSource.query(`INSERT INTO shipments (id, root_leg_id) VALUES ('00000000-0000-4000-8000-000000000001', 1)`);
    await dataSource.query(`UPDATE legs SET shipment_id = '00000000-0000-4000-8000-000000000001' WHERE id = 1`);
    expect(await kpisNeedRebuild(dataSource)).toBe(true);
    await dataSource.query(`INSERT INTO shipment_facts (shipment_id) VALUES ('00000000-0000-4000-8000-000000000001')`);
    expect(await kpisNeedRebuild(dataSource)).toBe(false);
  });
});
