import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractStatements1796510000000 implements MigrationInterface {
  name = 'ContractStatements1796510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor\" character varying(320) NOT NULL, \"action\" character varying(40) NOT NULL, \"carrier_id\" integer, \"month\" character varying(7), \"subject_id\" character varying(64), \"reason\" text, \"details\" jsonb NOT NULL DEFAULT '{}', CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"audit_log_carrier_month_idx\" ON \"audit_log\"  (\"carrier_id\", \"month\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"audit_log_at_idx\" ON \"audit_log\"  (\"at\") ");
    await queryRunner.query("CREATE TABLE \"disputes\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"carrier_id\" integer NOT NULL, \"month\" character varying(7) NOT NULL, \"shipment_id\" uuid NOT NULL, \"tracking_number\" character varying(64) NOT NULL, \"reason\" text NOT NULL, \"status\" character varying(10) NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"opened_by\" character varying(320) NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decided_by\" character varying(320), \"decision_note\" text, CONSTRAINT \"PK_3c97580d01c1a4b0b345c42a107\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"disputes_carrier_month_idx\" ON \"disputes\"  (\"carrier_id\", \"month\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"disputes_one_live_key\" ON \"disputes\"  (\"carrier_id\", \"month\", \"shipment_id\") WHERE status IN ('open', 'accepted')");
    await queryRunner.query("CREATE TABLE \"invoices\" (\"carrier_id\" integer NOT NULL, \"month\" character varying(7) NOT NULL, \"amount\" numeric(20,6) NOT NULL, \"currency\" character varying(3), \"source\" character varying(10) NOT NULL, \"entered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"entered_by\" character varying(320) NOT NULL, CONSTRAINT \"PK_aed94315ac7259c7192aa2551de\" PRIMARY KEY (\"carrier_id\", \"month\"))");
    await queryRunner.query("CREATE TABLE \"statements\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"carrier_id\" integer NOT NULL, \"month\" character varying(7) NOT NULL, \"revision\" integer NOT NULL, \"fingerprint\" character varying(64) NOT NULL, \"document\" jsonb NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"issued_by\" character varying(320) NOT NULL, CONSTRAINT \"PK_7f53bcddeb706df7ea7eec10b8d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"statements_carrier_month_key\" ON \"statements\"  (\"carrier_id\", \"month\") ");
    await queryRunner.query("CREATE TABLE \"statement_revisions\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"statement_id\" uuid NOT NULL, \"revision\" integer NOT NULL, \"kind\" character varying(10) NOT NULL, \"fingerprint\" character varying(64) NOT NULL, \"document\" jsonb NOT NULL, \"difference\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_by\" character varying(320), CONSTRAINT \"PK_8cf435b79ce997c67da79b9933c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"statement_revisions_fingerprint_key\" ON \"statement_revisions\"  (\"statement_id\", \"kind\", \"fingerprint\") ");
    await queryRunner.query("ALTER TABLE \"statement_revisions\" ADD CONSTRAINT \"FK_29a778bcac9295f946b57bc63de\" FOREIGN KEY (\"statement_id\") REFERENCES \"statements\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"statement_revisions\" DROP CONSTRAINT \"FK_29a778bcac9295f946b57bc63de\"");
    await queryRunner.query("DROP INDEX \"public\".\"statement_revisions_fingerprint_key\"");
    await queryRunner.query("DROP TABLE \"statement_revisions\"");
    await queryRunner.query("DROP INDEX \"public\".\"statements_carrier_month_key\"");
    await queryRunner.query("DROP TABLE \"statements\"");
    await queryRunner.query("DROP TABLE \"invoices\"");
    await queryRunner.query("DROP INDEX \"public\".\"disputes_one_live_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"disputes_carrier_month_idx\"");
    await queryRunner.query("DROP TABLE \"disputes\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_at_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_carrier_month_idx\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
  }
}
