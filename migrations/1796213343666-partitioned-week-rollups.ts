import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"tier" smallint NOT NULL, "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL, "level" character(1) NOT NULL, "carrier_id" integer NOT NULL,
  "corridor" character varying(5) NOT NULL, "service_level" character varying(200) NOT NULL, "family" character varying(12) NOT NULL, "count" integer NOT NULL,
  "successes" integer NOT NULL DEFAULT '0', "mean" double precision NOT NULL DEFAULT '0', "m2" double precision NOT NULL DEFAULT '0',
  "peer_carrier_id" integer NOT NULL DEFAULT '0', "keeps" smallint NOT NULL DEFAULT '3', "histogram" bytea,
  CONSTRAINT "PK_95a6a905d1437c5a3dc1b43a24a" PRIMARY KEY ("peer_carrier_id", "bucket_start", "corridor", "service_level", "tier", "carrier_id", "family", "level", "keeps")`;
// Family before the time range: a read's `family = ANY(…)` is then an index condition, so the
// scorecard families sharing a level (Kaplan–Meier cohorts, silence markers) are never fetched.
const READ_INDEX = 'CREATE INDEX "kpi_rollups_read_idx" ON "kpi_rollups" ("level", "keeps", "tier", "family", "bucket_start")';
const OLD_READ_INDEX = 'CREATE INDEX "kpi_rollups_read_idx" ON "kpi_rollups" ("level", "keeps", "tier", "bucket_start", "family")';

export class PartitionedWeekRollups1796213343666 implements MigrationInterface {
  name = 'PartitionedWeekRollups1796213343666';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: TypeORM cannot express partitioning. Rollups gain ISO-week cells (tier 3) and
    // are split by tier: the quarter-hour cells (most of the rows, read only at a window's partial
    // days) in one partition, the day, week and month cells every read sums in another, so those
    // stay a small, cached heap instead of being scattered among millions of quarter hours.
    // Week cells cannot be summed from day cells in SQL (packed histograms): facts and rollups are
    // dropped and rebuilt from the stored events by the worker at its next start (rebuildKpis), as
    // in PackedRollups1795416266838. Partitions live in their own schema, as the events' do.
    await queryRunner.query('TRUNCATE "leg_facts", "shipment_facts"');
    await queryRunner.query('DROP TABLE "kpi_rollups"');
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "rollup_partitions"');
    await queryRunner.query(`CREATE TABLE "kpi_rollups" (${COLUMNS}) PARTITION BY LIST ("tier")`);
    await queryRunner.query('CREATE TABLE "rollup_partitions"."kpi_rollups_quarter_hours" PARTITION OF "kpi_rollups" FOR VALUES IN (1)');
    await queryRunner.query('CREATE TABLE "rollup_partitions"."kpi_rollups_days_weeks_months" PARTITION OF "kpi_rollups" FOR VALUES IN (0, 2, 3)');
    await queryRunner.query(READ_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older code neither writes nor reads week cells and expects one plain table: rebuilt again.
    await queryRunner.query('TRUNCATE "leg_facts", "shipment_facts"');
    await queryRunner.query('DROP TABLE "kpi_rollups"');
    await queryRunner.query('DROP SCHEMA "rollup_partitions"');
    await queryRunner.query(`CREATE TABLE "kpi_rollups" (${COLUMNS})`);
    await queryRunner.query(OLD_READ_INDEX);
  }
}
