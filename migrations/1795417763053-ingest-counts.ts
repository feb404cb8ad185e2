import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestCounts1795417763053 implements MigrationInterface {
  name = 'IngestCounts1795417763053';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ingest_counts\" (\"hour\" TIMESTAMP WITH TIME ZONE NOT NULL, \"carrier_id\" integer NOT NULL, \"accepted\" bigint NOT NULL DEFAULT '0', \"duplicates\" bigint NOT NULL DEFAULT '0', \"rejected\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"PK_4de19cac910c1d1184f2de21a1c\" PRIMARY KEY (\"hour\", \"carrier_id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"ingest_counts\"");
  }
}
