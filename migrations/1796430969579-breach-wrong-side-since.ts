import { MigrationInterface, QueryRunner } from 'typeorm';

export class BreachWrongSideSince1796430969579 implements MigrationInterface {
  name = 'BreachWrongSideSince1796430969579';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sla_evaluations\" (\"id\" BIGSERIAL NOT NULL, \"policy_id\" uuid NOT NULL, \"scope_key\" text NOT NULL, \"evaluated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"window_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"value\" double precision, \"sample\" integer NOT NULL, \"verdict\" character varying(20) NOT NULL, \"wrong_side\" boolean, CONSTRAINT \"PK_f4c6ebc8f57b1332bcb56ec12cc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"sla_evaluations_key\" ON \"sla_evaluations\"  (\"policy_id\", \"scope_key\", \"evaluated_at\") ");
    await queryRunner.query("ALTER TABLE \"breaches\" ADD \"wrong_side_since\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"sla_evaluations\" ADD CONSTRAINT \"FK_15507135cfe18e3a45ffd7df612\" FOREIGN KEY (\"policy_id\") REFERENCES \"sla_policies\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sla_evaluations\" DROP CONSTRAINT \"FK_15507135cfe18e3a45ffd7df612\"");
    await queryRunner.query("ALTER TABLE \"breaches\" DROP COLUMN \"wrong_side_since\"");
    await queryRunner.query("DROP INDEX \"public\".\"sla_evaluations_key\"");
    await queryRunner.query("DROP TABLE \"sla_evaluations\"");
  }
}
