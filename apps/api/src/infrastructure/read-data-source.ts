import type { DataSource } from 'typeorm';

/**
 * Where the dashboard's KPI and scorecard reads go: a read replica when DATABASE_READ_URL is set (its
 * own pool, so a burst of reads takes no connection from ingestion), else the primary's data source.
 * Writes, the ingest status and SLA evaluation always use the primary.
 */
export async function openReadDataSource(
  config: { databaseReadUrl?: string },
  primary: DataSource,
  open: (url: string) => DataSource,
): Promise<DataSource> {
  if (config.databaseReadUrl === undefined) return primary;
  const replica = open(config.databaseReadUrl);
  await replica.initialize();
  return replica;
}
