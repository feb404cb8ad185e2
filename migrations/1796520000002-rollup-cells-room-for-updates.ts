import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup cells are rewritten in place by every compaction that folds deltas into them; with full
 * pages each new version went to another page and into both indexes (a 9-column primary key and the
 * read index), which is what bloated the indexes a read walks. A page left 30 % free takes the new
 * version beside the old one (a HOT update: no index entry, pruned in the page). Measured in psql on
 * 200k cells, upserting a quarter of them: 3.63 s / 1.83 s at fillfactor 100, 1.42 s / 1.11 s at 70.
 * Pages already written keep their layout until rewritten (a rebuild's VACUUM FULL).
 */
export class RollupCellsRoomForUpdates1796520000002 implements MigrationInterface {
  name = 'RollupCellsRoomForUpdates1796520000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rollup_partitions.kpi_rollups_quarter_hours SET (fillfactor = 70)');
    await queryRunner.query('ALTER TABLE rollup_partitions.kpi_rollups_days_weeks_months SET (fillfactor = 70)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rollup_partitions.kpi_rollups_quarter_hours RESET (fillfactor)');
    await queryRunner.query('ALTER TABLE rollup_partitions.kpi_rollups_days_weeks_months RESET (fillfactor)');
  }
}
