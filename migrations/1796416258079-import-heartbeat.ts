import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportHeartbeat1796416258079 implements MigrationInterface {
  name = 'ImportHeartbeat1796416258079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"imports\" ADD \"heartbeat_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"imports\" DROP COLUMN \"heartbeat_at\"");
  }
}
