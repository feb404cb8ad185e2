import { MigrationInterface, QueryRunner } from 'typeorm';

export class KpiRollups1795404476298 implements MigrationInterface {
  name = 'KpiRollups1795404476298';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"kpi_rollup_buckets\" (\"tier\" smallint NOT NULL, \"bucket_start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"level\" character(1) NOT NULL, \"carrier_id\" integer NOT NULL, \"corridor\" character varying(5) NOT NULL, \"service_level\" character varying(200) NOT NULL, \"family\" character varying(12) NOT NULL, \"bucket\" integer NOT NULL, \"count\" integer NOT NULL, CONSTRAINT \"PK_7e8596df19daafa81eeeb6399bf\" PRIMARY KEY (\"tier\", \"bucket_start\", \"level\", \"carrier_id\", \"corridor\", \"service_level\", \"family\", \"bucket\"))");
    await queryRunner.query("CREATE INDEX \"kpi_rollup_buckets_read_idx\" ON \"kpi_rollup_buckets\"  (\"level\", \"tier\", \"bucket_start\") ");
    await queryRunner.query("CREATE TABLE \"kpi_rollups\" (\"tier\" smallint NOT NULL, \"bucket_start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"level\" character(1) NOT NULL, \"carrier_id\" integer NOT NULL, \"corridor\" character varying(5) NOT NULL, \"service_level\" character varying(200) NOT NULL, \"family\" character varying(12) NOT NULL, \"count\" integer NOT NULL, \"successes\" integer NOT NULL DEFAULT '0', \"mean\" double precision NOT NULL DEFAULT '0', \"m2\" double precision NOT NULL DEFAULT '0', CONSTRAINT \"PK_3c91a2206ff2796c3e56ffe92c2\" PRIMARY KEY (\"tier\", \"bucket_start\", \"level\", \"carrier_id\", \"corridor\", \"service_level\", \"family\"))");
    await queryRunner.query("CREATE INDEX \"kpi_rollups_read_idx\" ON \"kpi_rollups\"  (\"level\", \"tier\", \"bucket_start\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollups_read_idx\"");
    await queryRunner.query("DROP TABLE \"kpi_rollups\"");
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollup_buckets_read_idx\"");
    await queryRunner.query("DROP TABLE \"kpi_rollup_buckets\"");
  }
}
