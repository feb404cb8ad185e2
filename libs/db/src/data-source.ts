import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '@lanewatch/migrations';

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

export async function runMigrations(databaseUrl: string): Promise<void> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'lanewatch-migrate' });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
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
