import { randomBytes } from 'node:crypto';
import { createDataSource, pendingSchemaChanges, runMigrations } from '@lanewatch/db';
import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';

// CI fails when entities and migrations drift: the schema builder must find nothing to change.
describe('migrations', () => {
  it('match the entities exactly', async () => {
    const database = await createTestDatabase();
    try {
      expect(await pendingSchemaChanges(database.url)).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  // One description per table (table-row.ts): every table has an entity, and the entity's columns are
  // exactly the table's, so the row types the repositories pick from the entities name real columns.
  it('leave no table without an entity, and every entity names exactly its table\'s columns', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url, { poolSize: 2 });
    try {
      await dataSource.initialize();
      const tables: { table: string; columns: string[] }[] = await dataSource.query(
        `SELECT c.relname AS table, array_agg(a.attname::text) AS columns
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'typeorm_migrations'
          GROUP BY c.relname`,
      );
      const byName = (a: { table: string }, b: { table: string }) => (a.table < b.table ? -1 : 1);
      const stored = tables.map(({ table, columns }) => ({ table, columns: [...columns].sort() })).sort(byName);
      const described = dataSource.entityMetadatas
        .map((entity) => ({ table: entity.tableName, columns: entity.columns.map((column) => column.databaseName).sort() }))
        .sort(byName);
      expect(described).toEqual(stored);
      expect(described.length).toBeGreaterThan(30);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  });

  it('undo cleanly, with rollup cells stored, and apply again to the same schema', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url, { poolSize: 2 });
    try {
      await dataSource.initialize();
      // A cell and its copy with the service level summed away (the same key once `keeps` is gone),
      // and a week cell (tier 3), which the older schema's code never wrote.
      await dataSource.query(
        `INSERT INTO kpi_rollups (tier, bucket_start, level, keeps, carrier_id, peer_carrier_id, corridor, service_level, family, count)
         VALUES (0, '2026-11-01Z', 'l', 1, 1, 0, 'CN-BR', '', 'transit', 1), (0, '2026-11-01Z', 'l', 3, 1, 0, 'CN-BR', '', 'transit', 1),
                (3, '2026-11-02Z', 'l', 1, 1, 0, 'CN-BR', '', 'transit', 1)`,
      );
      const applied = dataSource.migrations.length;
      for (let step = 0; step < applied; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`);
      expect(tables).toEqual([{ n: 0 }]);
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
      expect(await pendingSchemaChanges(database.url)).toEqual([]);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  });

  // Every API replica migrates before it listens (docker/api.Dockerfile): replicas started together
  // must not apply the same migration twice and fail.
  it('apply once when several processes run them at the same time on an empty database', async () => {
    const server = new URL(process.env.LANEWATCH_TEST_TEMPLATE_URL as string);
    const name = `lanewatch_empty_${randomBytes(4).toString('hex')}`;
    server.pathname = '/postgres';
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      const runs = await Promise.allSettled([1, 2, 3].map(() => runMigrations(url.toString())));
      expect(runs.map((run) => (run.status === 'rejected' ? String(run.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      expect(await pendingSchemaChanges(url.toString())).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
