import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citus requires every primary and unique key of a distributed table to contain its distribution
 * column (docs/scaling.md): legs are distributed by carrier_id, so the key becomes (id, carrier_id). The
 * id alone stays unique (one sequence), no foreign key names a leg, and lookups by id still lead with it.
 */
export class LegsKeyWithCarrier1796548598668 implements MigrationInterface {
  name = 'LegsKeyWithCarrier1796548598668';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"legs\" DROP CONSTRAINT \"PK_bf462bbf1244c07cb9f559090a9\"");
    await queryRunner.query("ALTER TABLE \"legs\" ADD CONSTRAINT \"PK_ee772783e1f87b694f58c78c559\" PRIMARY KEY (\"id\", \"carrier_id\")");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"legs\" DROP CONSTRAINT \"PK_ee772783e1f87b694f58c78c559\"");
    await queryRunner.query("ALTER TABLE \"legs\" ADD CONSTRAINT \"PK_bf462bbf1244c07cb9f559090a9\" PRIMARY KEY (\"id\")");
  }
}
