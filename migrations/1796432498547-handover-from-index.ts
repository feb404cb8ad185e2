import { MigrationInterface, QueryRunner } from 'typeorm';

export class HandoverFromIndex1796432498547 implements MigrationInterface {
  name = 'HandoverFromIndex1796432498547';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"events_handover_from_idx\" ON \"events\"  (\"leg_id\", \"handover_leg_id\", \"occurred_at\") WHERE milestone = 'HANDED_OVER' AND handover_leg_id IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"events_handover_from_idx\"");
  }
}
