import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScorecardRollups1795407908192 implements MigrationInterface {
  name = 'ScorecardRollups1795407908192';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Facts now carry the exact contributions they made; rollups gain a month tier and new
    // families. Older facts and rollups cannot be moved incrementally: they are dropped here and
    // rebuilt from the stored events by the worker at its next start (rebuildKpis).
    await queryRunner.query('TRUNCATE "kpi_rollup_buckets", "kpi_rollups", "leg_facts", "shipment_facts"');
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" ADD \"peer_carrier_id\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" DROP CONSTRAINT \"PK_7e8596df19daafa81eeeb6399bf\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" ADD CONSTRAINT \"PK_c600616ae48561906d577ae9ed4\" PRIMARY KEY (\"tier\", \"bucket_start\", \"carrier_id\", \"bucket\", \"level\", \"corridor\", \"service_level\", \"family\", \"peer_carrier_id\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD \"peer_carrier_id\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP CONSTRAINT \"PK_3c91a2206ff2796c3e56ffe92c2\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD CONSTRAINT \"PK_c28b5db4f248e546edc5a6f79d8\" PRIMARY KEY (\"tier\", \"bucket_start\", \"carrier_id\", \"corridor\", \"service_level\", \"family\", \"level\", \"peer_carrier_id\")");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"rollup\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"shipment_facts\" ADD \"rollup\" jsonb NOT NULL DEFAULT '[]'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"shipment_facts\" DROP COLUMN \"rollup\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"rollup\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP CONSTRAINT \"PK_c28b5db4f248e546edc5a6f79d8\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD CONSTRAINT \"PK_3c91a2206ff2796c3e56ffe92c2\" PRIMARY KEY (\"tier\", \"bucket_start\", \"carrier_id\", \"corridor\", \"service_level\", \"family\", \"level\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP COLUMN \"peer_carrier_id\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" DROP CONSTRAINT \"PK_c600616ae48561906d577ae9ed4\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" ADD CONSTRAINT \"PK_7e8596df19daafa81eeeb6399bf\" PRIMARY KEY (\"tier\", \"bucket_start\", \"carrier_id\", \"bucket\", \"level\", \"corridor\", \"service_level\", \"family\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_buckets\" DROP COLUMN \"peer_carrier_id\"");
  }
}
