import type { DataSource } from 'typeorm';
import { LOCK_KEYS, rows, SqlRunner } from './sql-runner';

// The tables the write path rewrites in place or churns: rollup cells (folded by the compactor), facts
// (replaced per derived shipment), legs and shipments (links, counters, attributes), claims, and the
// two queues every row of which is inserted and deleted again. Each update or delete leaves a dead row
// version that reads must step over until a VACUUM clears it.
export const HOT_TABLES = ['kpi_rollups', 'leg_facts', 'shipment_facts', 'legs', 'shipments', 'attribute_claims', 'link_queue', 'kpi_rollup_deltas'] as const;

/**
 * VACUUM (ANALYZE) of the hot tables, by one process at a time (a session advisory lock; others
 * skip). Autovacuum does the same where it is on and keeping up; this keeps reads flat where it is
 * off or behind. VACUUM cannot run in a transaction, so it gets a connection of its own.
 */
export async function vacuumHotTables(dataSource: DataSource, tables: readonly (typeof HOT_TABLES)[number][] = HOT_TABLES): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEYS.vacuum])) as { locked: boolean }[];
    if (!locked) return false;
    try {
      await runner.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
      return true;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_KEYS.vacuum]);
    }
  } finally {
    await runner.release();
  }
}

// The partition of the day, week and month rollup cells (see PartitionedWeekRollups1796213343666):
// the cells every KPI read sums.
const COARSE_ROLLUP_PARTITION = 'rollup_partitions.kpi_rollups_days_weeks_months';

/**
 * After a rebuild, which rewrote every day, week and month cell once per chunk of shipments in one
 * transaction: rewrites that partition compactly (its live rows are a few megabytes) so reads stop
 * stepping over the pages the dead versions left, then refreshes the planner statistics. The
 * rewrite holds an exclusive lock on that partition only, for as long as copying it takes.
 */
export async function compactRollupsAfterRebuild(dataSource: DataSource): Promise<void> {
  await dataSource.query(`VACUUM (FULL, ANALYZE) ${COARSE_ROLLUP_PARTITION}`);
  await dataSource.query('ANALYZE kpi_rollups, leg_facts, shipment_facts');
}

/** The health check's round trip. */
export async function pingDatabase(runner: SqlRunner): Promise<void> {
  await runner.query('SELECT 1');
}

/** How many backends of one application (a worker process's connections) wait on a heavyweight lock now, by lock kind. */
export async function lockWaitsOf(runner: SqlRunner, applicationName: string): Promise<{ lock: string; backends: number }[]> {
  return rows<{ lock: string; backends: number }>(
    runner,
    `SELECT wait_event AS lock, count(*)::int AS backends FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' GROUP BY wait_event`,
    [applicationName],
  );
}
