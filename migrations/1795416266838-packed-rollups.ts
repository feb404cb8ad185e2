import { MigrationInterface, QueryRunner } from 'typeorm';

export class PackedRollups1795416266838 implements MigrationInterface {
  name = 'PackedRollups1795416266838';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Histograms move into their cell (one packed value instead of a row per bucket) and cells
    // gain summed-away corridor/service-level copies. Older rollups cannot be converted in place:
    // facts and rollups are dropped here and rebuilt from the stored events by the worker at its
    // next start (rebuildKpis), as in ScorecardRollups1795407908192.
    await queryRunner.query('TRUNCATE "kpi_rollups", "leg_facts", "shipment_facts"');
    await queryRunner.query('DROP TABLE "kpi_rollup_buckets"');
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollups_read_idx\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD \"keeps\" smallint NOT NULL DEFAULT '3'");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP CONSTRAINT \"PK_c28b5db4f248e546edc5a6f79d8\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD CONSTRAINT \"PK_95a6a905d1437c5a3dc1b43a24a\" PRIMARY KEY (\"peer_carrier_id\", \"bucket_start\", \"corridor\", \"service_level\", \"tier\", \"carrier_id\", \"family\", \"level\", \"keeps\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD \"histogram\" bytea");
    await queryRunner.query("CREATE INDEX \"kpi_rollups_read_idx\" ON \"kpi_rollups\"  (\"level\", \"keeps\", \"tier\", \"bucket_start\", \"family\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Copies with a dimension summed away share the old key with their full cell: empty first.
    await queryRunner.query('TRUNCATE "kpi_rollups", "leg_facts", "shipment_facts"');
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollups_read_idx\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP COLUMN \"histogram\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP CONSTRAINT \"PK_95a6a905d1437c5a3dc1b43a24a\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" ADD CONSTRAINT \"PK_c28b5db4f248e546edc5a6f79d8\" PRIMARY KEY (\"peer_carrier_id\", \"bucket_start\", \"corridor\", \"service_level\", \"tier\", \"carrier_id\", \"family\", \"level\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollups\" DROP COLUMN \"keeps\"");
    await queryRunner.query("CREATE INDEX \"kpi_rollups_read_idx\" ON \"kpi_rollups\" (\"level\", \"tier\", \"bucket_start\") ");
    await queryRunner.query("CREATE TABLE \"kpi_rollup_buckets\" (\"tier\" smallint NOT NULL, \"bucket_start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"level\" character(1) NOT NULL, \"carrier_id\" integer NOT NULL, \"peer_carrier_id\" integer NOT NULL DEFAULT '0', \"corridor\" character varying(5) NOT NULL, \"service_level\" character varying(200) NOT NULL, \"family\" character varying(12) NOT NULL, \"bucket\" integer NOT NULL, \"count\" integer NOT NULL, CONSTRAINT \"PK_c600616ae48561906d577ae9ed4\" PRIMARY KEY (\"tier\", \"bucket_start\", \"carrier_id\", \"bucket\", \"level\", \"corridor\", \"service_level\", \"family\", \"peer_carrier_id\"))");
    await queryRunner.query("CREATE INDEX \"kpi_rollup_buckets_read_idx\" ON \"kpi_rollup_buckets\" (\"level\", \"tier\", \"bucket_start\") ");
  }
}
