import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citus requires every primary and unique key of a distributed table to contain its distribution
 * column (docs/scaling.md): events are distributed by carrier_id, so the key becomes (id, occurred_at,
 * carrier_id). It rebuilds the key of every monthly partition once; lookups by id still lead with it.
 */
export class EventsKeyWithCarrier1796546700756 implements MigrationInterface {
  name = 'EventsKeyWithCarrier1796546700756';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"PK_1145f4b8a32d90e916ced5e0f9f\"");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"PK_bc80543964d1885f669e1e36ca8\" PRIMARY KEY (\"id\", \"occurred_at\", \"carrier_id\")");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"events\" DROP CONSTRAINT \"PK_bc80543964d1885f669e1e36ca8\"");
    await queryRunner.query("ALTER TABLE \"events\" ADD CONSTRAINT \"PK_1145f4b8a32d90e916ced5e0f9f\" PRIMARY KEY (\"id\", \"occurred_at\")");
  }
}
