import { MigrationInterface, QueryRunner } from 'typeorm';

export class CarrierTrust1796417199493 implements MigrationInterface {
  name = 'CarrierTrust1796417199493';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"shipment_attribute_history_lookup_idx\"");
    await queryRunner.query("CREATE TABLE \"dead_letters\" (\"id\" BIGSERIAL NOT NULL, \"batch_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"carrier_id\" integer, \"tracking_number\" character varying(64), \"event\" text NOT NULL, \"error\" character varying(2000) NOT NULL, \"sqlstate\" character varying(5), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"dead_letters_batch_position_key\" UNIQUE (\"batch_id\", \"position\"), CONSTRAINT \"PK_084e63809483fb0a9c48aae607f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"dead_letters_carrier_idx\" ON \"dead_letters\"  (\"carrier_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"leg_link_pins\" (\"leg_id\" bigint NOT NULL, \"parent_leg_id\" bigint, \"pinned_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"pinned_by\" character varying(80) NOT NULL, \"note\" character varying(1000), CONSTRAINT \"PK_102ad2859f99cc6567120e9b7bc\" PRIMARY KEY (\"leg_id\"))");
    await queryRunner.query("CREATE INDEX \"leg_link_pins_parent_idx\" ON \"leg_link_pins\"  (\"parent_leg_id\") ");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" ADD \"related_leg_ids\" bigint array NOT NULL DEFAULT '{}'");
    // Conflicts recorded before: the contested leg and every claiming leg named in their details.
    await queryRunner.query(
      "UPDATE \"data_quality_issues\" SET \"related_leg_ids\" = ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[\"leg_id\", (\"details\"->'winner'->>'fromLegId')::bigint] || ARRAY(SELECT (l->>'fromLegId')::bigint FROM jsonb_array_elements(\"details\"->'losers') l)) x WHERE x IS NOT NULL) WHERE \"kind\" = 'leg_claimed_twice'",
    );
    // Values kept before had no event time: they count at their receipt, as they did.
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ADD \"observed_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("UPDATE \"shipment_attribute_history\" SET \"observed_at\" = \"received_at\"");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ALTER COLUMN \"observed_at\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ADD \"carrier_id\" integer NOT NULL DEFAULT '0'");
    // The sender, from the source each value was kept with: a carrier's registration or its batch.
    await queryRunner.query("UPDATE \"shipment_attribute_history\" h SET \"carrier_id\" = c.id FROM \"carriers\" c WHERE h.\"source\" = 'api:' || c.code");
    await queryRunner.query("UPDATE \"shipment_attribute_history\" h SET \"carrier_id\" = b.carrier_id FROM \"ingest_batches\" b WHERE h.\"source\" = 'batch:' || b.id::text AND b.carrier_id IS NOT NULL");
    await queryRunner.query("DELETE FROM \"shipment_attribute_history\" WHERE \"value\" IS NULL");
    // One row per sender and value: its latest receipt.
    await queryRunner.query(
      "DELETE FROM \"shipment_attribute_history\" h USING \"shipment_attribute_history\" newer WHERE newer.\"shipment_id\" = h.\"shipment_id\" AND newer.\"field\" = h.\"field\" AND newer.\"carrier_id\" = h.\"carrier_id\" AND newer.\"value\" = h.\"value\" AND (newer.\"received_at\", newer.\"id\") > (h.\"received_at\", h.\"id\")",
    );
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ALTER COLUMN \"value\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ADD CONSTRAINT \"shipment_attribute_history_claim_key\" UNIQUE (\"shipment_id\", \"field\", \"carrier_id\", \"value\")");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" DROP CONSTRAINT \"shipment_attribute_history_claim_key\"");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" ALTER COLUMN \"value\" DROP NOT NULL");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" DROP COLUMN \"carrier_id\"");
    await queryRunner.query("ALTER TABLE \"shipment_attribute_history\" DROP COLUMN \"observed_at\"");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" DROP COLUMN \"related_leg_ids\"");
    await queryRunner.query("DROP INDEX \"public\".\"leg_link_pins_parent_idx\"");
    await queryRunner.query("DROP TABLE \"leg_link_pins\"");
    await queryRunner.query("DROP INDEX \"public\".\"dead_letters_carrier_idx\"");
    await queryRunner.query("DROP TABLE \"dead_letters\"");
    await queryRunner.query("CREATE INDEX \"shipment_attribute_history_lookup_idx\" ON \"shipment_attribute_history\" USING btree (\"shipment_id\", \"field\", \"received_at\") ");
  }
}
