import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractClockFacts1796500200000 implements MigrationInterface {
  name = 'ContractClockFacts1796500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sla_contract_keys\" (\"id\" SERIAL NOT NULL, \"contract\" character varying(200) NOT NULL, CONSTRAINT \"UQ_39e26cba4a6c9bca285922cd045\" UNIQUE (\"contract\"), CONSTRAINT \"PK_7b11d5bc2488985a75c2374a116\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"leg_facts\" ADD \"clock_days\" jsonb NOT NULL DEFAULT '{}'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"leg_facts\" DROP COLUMN \"clock_days\"");
    await queryRunner.query("DROP TABLE \"sla_contract_keys\"");
  }
}
