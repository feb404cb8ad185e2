import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: TypeORM entities cannot declare an expression index (and its schema diff does not see
// one, so the drift check stays quiet). It serves the case-insensitive lookup by tracking number alone.
export class LegNumberLookup1796500000000 implements MigrationInterface {
  name = 'LegNumberLookup1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "legs_tracking_number_upper_idx" ON "legs" (upper("tracking_number"))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "legs_tracking_number_upper_idx"');
  }
}
