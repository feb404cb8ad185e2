import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExceptionFacts1796432479750 implements MigrationInterface {
  name = 'ExceptionFacts1796432479750';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"closed_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"last_mapped_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"exception_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"exception_category\" character varying(20)");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"exception_open\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"failed_attempts\" integer");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"failure_reason\" character varying(200)");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"late_reason\" character varying(240)");
    await queryRunner.query("CREATE INDEX \"leg_facts_open_idx\" ON \"leg_facts\"  (\"last_event_at\") WHERE closed_at IS NULL");
    await queryRunner.query("CREATE INDEX \"leg_facts_start_idx\" ON \"leg_facts\"  (\"leg_start_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"leg_facts_start_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"leg_facts_open_idx\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"late_reason\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"failure_reason\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"failed_attempts\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"exception_open\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"exception_category\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"exception_at\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"last_mapped_at\"");
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"closed_at\"");
  }
}
