import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestWarningCounts1796431476249 implements MigrationInterface {
  name = 'IngestWarningCounts1796431476249';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ingest_warning_counts\" (\"hour\" TIMESTAMP WITH TIME ZONE NOT NULL, \"carrier_id\" integer NOT NULL, \"kind\" text NOT NULL, \"count\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"PK_203d7e56cd70b18fa504f66e88c\" PRIMARY KEY (\"hour\", \"carrier_id\", \"kind\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"ingest_warning_counts\"");
  }
}
