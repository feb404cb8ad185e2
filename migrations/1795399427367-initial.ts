import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795399427367 implements MigrationInterface {
  name = 'Initial1795399427367';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"carrier_keys\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"carrier_id\" integer NOT NULL, \"key_hash\" character(64) NOT NULL, \"key_prefix\" character varying(24) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_e2cb7199f71ea65af29ef9a78cb\" UNIQUE (\"key_hash\"), CONSTRAINT \"PK_911b7df73c05bf4df7119087106\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_0a7d5f21af63f6a28f5a67199f\" ON \"carrier_keys\"  (\"carrier_id\") ");
    await queryRunner.query("CREATE TABLE \"carriers\" (\"id\" SERIAL NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(200) NOT NULL, \"kind\" character varying(40) NOT NULL, \"webhook_secret_salt\" character varying(64) NOT NULL, \"webhook_secret_hash\" character(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_9d11f19275a058bd81035a8ee9a\" UNIQUE (\"code\"), CONSTRAINT \"PK_fe886e72b3d9f67da3ce70f4368\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"code_map_entries\" (\"carrier_id\" integer NOT NULL, \"raw_code\" character varying(200) NOT NULL, \"milestone\" character varying(32) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7a6ede7e39fc6401c3947aa23ed\" PRIMARY KEY (\"carrier_id\", \"raw_code\"))");
    await queryRunner.query("CREATE TABLE \"data_quality_issues\" (\"id\" BIGSERIAL NOT NULL, \"kind\" character varying(40) NOT NULL, \"carrier_id\" integer, \"leg_id\" bigint NOT NULL, \"shipment_id\" uuid, \"details\" jsonb NOT NULL, \"detected_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"data_quality_issues_kind_leg_key\" UNIQUE (\"kind\", \"leg_id\"), CONSTRAINT \"PK_225a3c200e9d045d97876354194\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"data_quality_issues_shipment_idx\" ON \"data_quality_issues\"  (\"shipment_id\") ");
    await queryRunner.query("CREATE TABLE \"event_identities\" (\"carrier_id\" integer NOT NULL, \"identity\" bytea NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_83ca017f3d6656b4eaae7034fd9\" PRIMARY KEY (\"carrier_id\", \"identity\"))");
    // Hand-added: TypeORM cannot express partitioning. Events are partitioned by month on occurred_at;
    // the monthly partitions live in their own schema so schema diffs of public ignore them.
    await queryRunner.query("CREATE SCHEMA IF NOT EXISTS \"event_partitions\"");
    await queryRunner.query("CREATE SEQUENCE \"event_ids\" AS bigint");
    await queryRunner.query("CREATE TABLE \"events\" (\"id\" bigint NOT NULL DEFAULT nextval('event_ids'), \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"carrier_id\" integer NOT NULL, \"leg_id\" bigint NOT NULL, \"tracking_number\" character varying(64) NOT NULL, \"milestone\" character varying(32), \"milestone_source\" character varying(10), \"raw_code\" character varying(200), \"offset_minutes\" smallint NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"batch_id\" uuid NOT NULL, \"event_id\" character varying(200), \"identity\" bytea NOT NULL, \"location_country\" character(2), \"location_city\" character varying(200), \"location_facility\" character varying(200), \"message\" character varying(1000), \"reason\" character varying(200), \"subtype\" character varying(200), \"handover_carrier_id\" integer, \"handover_tracking_number\" character varying(64), \"handover_leg_id\" bigint, \"raw\" jsonb NOT NULL, CONSTRAINT \"events_identity_key\" UNIQUE (\"carrier_id\", \"identity\", \"occurred_at\"), CONSTRAINT \"PK_1145f4b8a32d90e916ced5e0f9f\" PRIMARY KEY (\"id\", \"occurred_at\")) PARTITION BY RANGE (\"occurred_at\")");
    await queryRunner.query("CREATE INDEX \"events_handover_leg_idx\" ON \"events\"  (\"handover_leg_id\") WHERE handover_leg_id IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"events_carrier_code_idx\" ON \"events\"  (\"carrier_id\", \"raw_code\") ");
    await queryRunner.query("CREATE INDEX \"events_leg_idx\" ON \"events\"  (\"leg_id\", \"occurred_at\") ");
    await queryRunner.query("CREATE TABLE \"ingest_batches\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'pending', \"carrier_id\" integer, \"source\" character varying(40) NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"payload\" jsonb NOT NULL, \"event_count\" integer NOT NULL DEFAULT '0', \"request_duplicates\" integer NOT NULL DEFAULT '0', \"rejected_count\" integer NOT NULL DEFAULT '0', \"stored_count\" integer, \"duplicate_count\" integer, \"attempts\" integer NOT NULL DEFAULT '0', \"error\" text, \"processed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_184779a7b0f00cff933f3121f38\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ingest_batches_pending_idx\" ON \"ingest_batches\"  (\"received_at\") WHERE status = 'pending'");
    await queryRunner.query("CREATE TABLE \"legs\" (\"id\" BIGSERIAL NOT NULL, \"carrier_id\" integer NOT NULL, \"tracking_number\" character varying(64) NOT NULL, \"shipment_id\" uuid, \"parent_leg_id\" bigint, \"linked_at\" TIMESTAMP WITH TIME ZONE, \"event_count\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"legs_carrier_tracking_key\" UNIQUE (\"carrier_id\", \"tracking_number\"), CONSTRAINT \"PK_bf462bbf1244c07cb9f559090a9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"legs_unlinked_idx\" ON \"legs\"  (\"id\") WHERE shipment_id IS NULL");
    await queryRunner.query("CREATE INDEX \"legs_shipment_idx\" ON \"legs\"  (\"shipment_id\") ");
    await queryRunner.query("CREATE TABLE \"shipment_attribute_history\" (\"id\" BIGSERIAL NOT NULL, \"shipment_id\" uuid NOT NULL, \"field\" character varying(20) NOT NULL, \"value\" text, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"source\" character varying(80) NOT NULL, CONSTRAINT \"PK_a5b6b3086aa4a40f282ceed8ec9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"shipment_attribute_history_lookup_idx\" ON \"shipment_attribute_history\"  (\"shipment_id\", \"field\", \"received_at\") ");
    await queryRunner.query("CREATE TABLE \"shipments\" (\"id\" uuid NOT NULL, \"root_leg_id\" bigint NOT NULL, \"merged_into_id\" uuid, \"origin\" character(2), \"destination\" character(2), \"service_level\" character varying(200), \"promised_by\" TIMESTAMP WITH TIME ZONE, \"order_ref\" character varying(200), \"carrier_estimate\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_d1a5a6d7b33bbfb3fe85a46909e\" UNIQUE (\"root_leg_id\"), CONSTRAINT \"PK_6deda4532ac542a93eab214b564\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"shipments_merged_into_idx\" ON \"shipments\"  (\"merged_into_id\") WHERE merged_into_id IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"unmapped_codes\" (\"carrier_id\" integer NOT NULL, \"raw_code\" character varying(200) NOT NULL, \"event_count\" integer NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_09e6d76c76e53d155ff295fafec\" PRIMARY KEY (\"carrier_id\", \"raw_code\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"unmapped_codes\"");
    await queryRunner.query("DROP INDEX \"public\".\"shipments_merged_into_idx\"");
    await queryRunner.query("DROP TABLE \"shipments\"");
    await queryRunner.query("DROP INDEX \"public\".\"shipment_attribute_history_lookup_idx\"");
    await queryRunner.query("DROP TABLE \"shipment_attribute_history\"");
    await queryRunner.query("DROP INDEX \"public\".\"legs_shipment_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"legs_unlinked_idx\"");
    await queryRunner.query("DROP TABLE \"legs\"");
    await queryRunner.query("DROP INDEX \"public\".\"ingest_batches_pending_idx\"");
    await queryRunner.query("DROP TABLE \"ingest_batches\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_leg_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_carrier_code_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"events_handover_leg_idx\"");
    await queryRunner.query("DROP TABLE \"events\"");
    await queryRunner.query("DROP SEQUENCE \"event_ids\"");
    await queryRunner.query("DROP SCHEMA \"event_partitions\" CASCADE");
    await queryRunner.query("DROP TABLE \"event_identities\"");
    await queryRunner.query("DROP INDEX \"public\".\"data_quality_issues_shipment_idx\"");
    await queryRunner.query("DROP TABLE \"data_quality_issues\"");
    await queryRunner.query("DROP TABLE \"code_map_entries\"");
    await queryRunner.query("DROP TABLE \"carriers\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_0a7d5f21af63f6a28f5a67199f\"");
    await queryRunner.query("DROP TABLE \"carrier_keys\"");
  }
}
