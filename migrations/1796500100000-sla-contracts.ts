import { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaContracts1796500100000 implements MigrationInterface {
  name = 'SlaContracts1796500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sla_contracts\" (\"contract\" character varying(200) NOT NULL, \"effective_from\" date NOT NULL, \"carrier\" character varying(64) NOT NULL, \"document\" jsonb NOT NULL, \"applied_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_aef9cdbd3b0820e2de06cb31cf0\" PRIMARY KEY (\"contract\", \"effective_from\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"sla_contracts\"");
  }
}
