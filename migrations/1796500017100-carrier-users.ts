import { MigrationInterface, QueryRunner } from 'typeorm';

// Carrier users (contracts.md §3): the role `carrier`, bound to exactly one carrier by `carrier_id`.
// The role check is replaced by hand: TypeORM's schema diff compares checks by name, not expression.
export class CarrierUsers1796500017100 implements MigrationInterface {
  name = 'CarrierUsers1796500017100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "carrier_id" integer');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"');
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('admin', 'viewer', 'carrier'))`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_carrier_binding" CHECK (("role" = 'carrier') = ("carrier_id" IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "users" WHERE "role" = 'carrier'`);
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "CHK_users_carrier_binding"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"');
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('admin', 'viewer'))`);
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "carrier_id"');
  }
}
