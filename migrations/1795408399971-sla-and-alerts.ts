import { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaAndAlerts1795408399971 implements MigrationInterface {
  name = 'SlaAndAlerts1795408399971';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sla_policies\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"name\" character varying(200) NOT NULL, \"contract\" character varying(200), \"effective_from\" date, \"carrier\" character varying(64), \"corridor\" character varying(5), \"service_level\" character varying(200), \"metric\" character varying(40) NOT NULL, \"op\" character varying(3) NOT NULL, \"threshold\" double precision NOT NULL, \"window_days\" integer NOT NULL, \"min_sample\" integer NOT NULL, \"severity\" character varying(10) NOT NULL, \"enabled\" boolean NOT NULL DEFAULT true, \"burn_rate\" jsonb, \"wilson_guard\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_41b6803cef982534243a67b6302\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"sla_policies_contract_name_key\" ON \"sla_policies\"  (\"contract\", \"name\") WHERE contract IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"breaches\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"policy_id\" uuid NOT NULL, \"scope_key\" text NOT NULL, \"carrier\" character varying(64), \"corridor\" character varying(5), \"service_level\" character varying(200), \"metric\" character varying(40) NOT NULL, \"op\" character varying(3) NOT NULL, \"threshold\" double precision NOT NULL, \"severity\" character varying(10) NOT NULL, \"value\" double precision NOT NULL, \"worst_value\" double precision NOT NULL, \"sample\" integer NOT NULL, \"window_from\" TIMESTAMP WITH TIME ZONE NOT NULL, \"window_to\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status\" character varying(12) NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_evaluated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"acknowledged_at\" TIMESTAMP WITH TIME ZONE, \"acknowledged_by\" character varying(320), \"acknowledged_note\" text, \"resolved_at\" TIMESTAMP WITH TIME ZONE, \"evidence\" jsonb NOT NULL DEFAULT '{}', CONSTRAINT \"PK_1ae8bb9659fcd0eff82f1a7c127\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"breaches_carrier_idx\" ON \"breaches\"  (\"carrier\", \"opened_at\") ");
    await queryRunner.query("CREATE INDEX \"breaches_status_idx\" ON \"breaches\"  (\"status\", \"opened_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"breaches_one_active_key\" ON \"breaches\"  (\"policy_id\", \"scope_key\") WHERE status IN ('open', 'acknowledged')");
    await queryRunner.query("CREATE TABLE \"notification_channels\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"name\" character varying(200) NOT NULL, \"kind\" character varying(10) NOT NULL, \"target\" character varying(2000) NOT NULL, \"severities\" text array NOT NULL DEFAULT '{}', \"carriers\" text array NOT NULL DEFAULT '{}', \"corridors\" text array NOT NULL DEFAULT '{}', \"enabled\" boolean NOT NULL DEFAULT true, \"healthy\" boolean NOT NULL DEFAULT true, \"consecutive_failures\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"last_success_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3bc0cb5b60e8659f5fc859b2af0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"alert_deliveries\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"channel_id\" uuid NOT NULL, \"breach_id\" uuid NOT NULL, \"transition\" character varying(12) NOT NULL, \"reminder\" integer NOT NULL DEFAULT '0', \"idempotency_key\" character varying(200) NOT NULL, \"payload\" jsonb NOT NULL, \"status\" character varying(10) NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"delivered_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_b3d51c95891264fb62df41582ad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"alert_deliveries_pending_idx\" ON \"alert_deliveries\"  (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"alert_deliveries_channel_key\" ON \"alert_deliveries\"  (\"channel_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE TABLE \"breach_events\" (\"id\" BIGSERIAL NOT NULL, \"breach_id\" uuid NOT NULL, \"transition\" character varying(12) NOT NULL, \"reminder\" integer NOT NULL DEFAULT '0', \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"detail\" jsonb, CONSTRAINT \"PK_bebe13b99017448d3258a05c66a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"breach_events_key\" ON \"breach_events\"  (\"breach_id\", \"transition\", \"reminder\") ");
    await queryRunner.query("CREATE TABLE \"silences\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"starts_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"ends_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"carrier\" character varying(64), \"corridor\" character varying(5), \"severity\" character varying(10), \"policy_id\" uuid, \"reason\" text NOT NULL, \"created_by\" character varying(320) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b4439bdeda8c2240b661f157884\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"breaches\" ADD CONSTRAINT \"FK_5db3a54107d0db41ca3b557a736\" FOREIGN KEY (\"policy_id\") REFERENCES \"sla_policies\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ADD CONSTRAINT \"FK_b68bf9b4404d9c1469433f0a95b\" FOREIGN KEY (\"channel_id\") REFERENCES \"notification_channels\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ADD CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\" FOREIGN KEY (\"breach_id\") REFERENCES \"breaches\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"breach_events\" ADD CONSTRAINT \"FK_d30bb89afa2a2411a944eb13746\" FOREIGN KEY (\"breach_id\") REFERENCES \"breaches\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"breach_events\" DROP CONSTRAINT \"FK_d30bb89afa2a2411a944eb13746\"");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" DROP CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\"");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" DROP CONSTRAINT \"FK_b68bf9b4404d9c1469433f0a95b\"");
    await queryRunner.query("ALTER TABLE \"breaches\" DROP CONSTRAINT \"FK_5db3a54107d0db41ca3b557a736\"");
    await queryRunner.query("DROP TABLE \"silences\"");
    await queryRunner.query("DROP INDEX \"public\".\"breach_events_key\"");
    await queryRunner.query("DROP TABLE \"breach_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"alert_deliveries_channel_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"alert_deliveries_pending_idx\"");
    await queryRunner.query("DROP TABLE \"alert_deliveries\"");
    await queryRunner.query("DROP TABLE \"notification_channels\"");
    await queryRunner.query("DROP INDEX \"public\".\"breaches_one_active_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"breaches_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"breaches_carrier_idx\"");
    await queryRunner.query("DROP TABLE \"breaches\"");
    await queryRunner.query("DROP INDEX \"public\".\"sla_policies_contract_name_key\"");
    await queryRunner.query("DROP TABLE \"sla_policies\"");
  }
}
