import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '@lanewatch/migrations';
import { LOCK_KEYS } from './repositories/sql-runner';

export function createDataSource(databaseUrl: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'lanewatch',
  });
}

/**
 * Applies pending migrations. Every API replica runs this before it listens (docker/api.Dockerfile):
 * TypeORM does not serialise concurrent runs, so two replicas would both apply the same migration and
 * one would fail. A session advisory lock makes the later ones wait and then find nothing to do.
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'lanewatch-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [LOCK_KEYS.migrations]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [LOCK_KEYS.migrations]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}

/** The SQL that would bring the schema in line with the entities: empty when migrations match. */
export async function pendingSchemaChanges(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'lanewatch-schema-diff' });
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}
