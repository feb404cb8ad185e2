import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrustedScalableWritePath1796418928343 implements MigrationInterface {
  name = 'TrustedScalableWritePath1796418928343';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"events_carrier_code_idx\"");
    await queryRunner.query("CREATE TABLE \"background_tasks\" (\"id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"status\" character varying(16) NOT NULL, \"label\" character varying(200) NOT NULL, \"total\" bigint NOT NULL DEFAULT '0', \"done\" bigint NOT NULL DEFAULT '0', \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"error\" text, \"state\" jsonb NOT NULL DEFAULT '{}', CONSTRAINT \"PK_48b29126ddce0228e3734c433e8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"background_tasks_recent_idx\" ON \"background_tasks\"  (\"started_at\") ");
    await queryRunner.query("CREATE TABLE \"dead_letters\" (\"id\" BIGSERIAL NOT NULL, \"batch_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"carrier_id\" integer, \"tracking_number\" character varying(64), \"event\" text NOT NULL, \"error\" character varying(2000) NOT NULL, \"sqlstate\" character varying(5), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"dead_letters_batch_position_key\" UNIQUE (\"batch_id\", \"position\"), CONSTRAINT \"PK_084e63809483fb0a9c48aae607f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"dead_letters_carrier_idx\" ON \"dead_letters\"  (\"carrier_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"leg_link_pins\" (\"leg_id\" bigint NOT NULL, \"parent_leg_id\" bigint, \"pinned_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"pinned_by\" character varying(80) NOT NULL, \"note\" character varying(1000), CONSTRAINT \"PK_102ad2859f99cc6567120e9b7bc\" PRIMARY KEY (\"leg_id\"))");
    await queryRunner.query("CREATE INDEX \"leg_link_pins_parent_idx\" ON \"leg_link_pins\"  (\"parent_leg_id\") ");
    await queryRunner.query("CREATE TABLE \"kpi_rollup_deltas\" (\"id\" BIGSERIAL NOT NULL, \"shard\" smallint NOT NULL, \"batch_id\" uuid, \"bucket_start\" TIMESTAMP WITH TIME ZONE NOT NULL, \"level\" character(1) NOT NULL, \"carrier_id\" integer NOT NULL, \"peer_carrier_id\" integer NOT NULL, \"corridor\" character varying(5) NOT NULL, \"service_level\" character varying(200) NOT NULL, \"family\" character varying(12) NOT NULL, \"sign\" smallint NOT NULL, \"count\" integer NOT NULL, \"successes\" integer NOT NULL, \"mean\" double precision NOT NULL, \"m2\" double precision NOT NULL, \"histogram\" bytea, CONSTRAINT \"PK_379013d2362ca727f05193a8d76\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"kpi_rollup_deltas_shard_idx\" ON \"kpi_rollup_deltas\"  (\"shard\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"kpi_rollup_deltas_read_idx\" ON \"kpi_rollup_deltas\"  (\"level\", \"family\", \"bucket_start\") ");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" ADD \"origin\" character(1) NOT NULL");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" ADD \"xid\" bigint NOT NULL");
    await queryRunner.query("CREATE TABLE \"derive_log\" (\"id\" BIGSERIAL NOT NULL, \"xid\" bigint NOT NULL, \"leg_ids\" bigint array NOT NULL, \"logged_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5736d6a042c08fafab1afe1e005\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"derive_log_logged_idx\" ON \"derive_log\"  (\"logged_at\") ");
    await queryRunner.query("CREATE TABLE \"link_queue\" (\"id\" BIGSERIAL NOT NULL, \"leg_id\" bigint NOT NULL, \"batch_id\" uuid, \"events\" integer NOT NULL DEFAULT '0', \"enqueued_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_f1401f48d784a022fe15c436553\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"link_queue_leg_idx\" ON \"link_queue\"  (\"leg_id\") ");
    await queryRunner.query("CREATE TABLE \"attribute_claims\" (\"id\" BIGSERIAL NOT NULL, \"leg_id\" bigint NOT NULL, \"field\" character varying(20) NOT NULL, \"value\" text NOT NULL, \"observed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"carrier_id\" integer NOT NULL DEFAULT '0', \"source\" character varying(80) NOT NULL, CONSTRAINT \"attribute_claims_key\" UNIQUE (\"leg_id\", \"field\", \"carrier_id\", \"value\"), CONSTRAINT \"PK_1e9d36b212f1485bec09182aa9a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" ADD \"related_leg_ids\" bigint array NOT NULL DEFAULT '{}'");
    // Conflicts recorded before: the contested leg and every claiming leg named in their details.
    await queryRunner.query(
      "UPDATE \"data_quality_issues\" SET \"related_leg_ids\" = ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[\"leg_id\", (\"details\"->'winner'->>'fromLegId')::bigint] || ARRAY(SELECT (l->>'fromLegId')::bigint FROM jsonb_array_elements(\"details\"->'losers') l)) x WHERE x IS NOT NULL) WHERE \"kind\" = 'leg_claimed_twice'",
    );
    // Attribute values kept per shipment become claims on the shipment's first leg, by their sender
    // (a carrier's registration or batch; else the admin token, 0), at their receipt, once per value.
    await queryRunner.query(
      "INSERT INTO \"attribute_claims\" (\"leg_id\", \"field\", \"value\", \"observed_at\", \"received_at\", \"carrier_id\", \"source\") " +
        "SELECT DISTINCT ON (s.\"root_leg_id\", h.\"field\", sender.id, h.\"value\") s.\"root_leg_id\", h.\"field\", h.\"value\", h.\"received_at\", h.\"received_at\", sender.id, h.\"source\" " +
        "FROM \"shipment_attribute_history\" h JOIN \"shipments\" s ON s.\"id\" = h.\"shipment_id\" " +
        "CROSS JOIN LATERAL (SELECT COALESCE((SELECT c.\"id\" FROM \"carriers\" c WHERE h.\"source\" = 'api:' || c.\"code\"), (SELECT b.\"carrier_id\" FROM \"ingest_batches\" b WHERE h.\"source\" = 'batch:' || b.\"id\"::text), 0) AS id) sender " +
        "WHERE h.\"value\" IS NOT NULL ORDER BY s.\"root_leg_id\", h.\"field\", sender.id, h.\"value\", h.\"received_at\" DESC, h.\"id\" DESC",
    );
    await queryRunner.query("DROP TABLE \"shipment_attribute_history\"");
    // Quarter-hour cells are kept whole only (keptCopies): their summed-away copies go.
    await queryRunner.query("DELETE FROM \"kpi_rollups\" WHERE \"tier\" = 1 AND \"keeps\" <> 3");
    // A derivation locks the legs of the journeys it changes, in key order (libs/db link-queue.repository).
    await queryRunner.query(
      "CREATE FUNCTION lanewatch_lock_legs(leg_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$ DECLARE k int; BEGIN " +
        "FOREACH k IN ARRAY ARRAY(SELECT DISTINCT (id % 2147483647)::int FROM unnest(leg_ids) AS id ORDER BY 1) LOOP " +
        "PERFORM pg_advisory_xact_lock(7426010, k); END LOOP; END $$",
    );
    await queryRunner.query("CREATE INDEX \"events_carrier_code_idx\" ON \"events\"  (\"carrier_id\", \"raw_code\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older code reads summed-away quarter-hour copies this one does not keep: rollups and facts
    // go, and the worker rebuilds them from the events at start (kpisNeedRebuild).
    await queryRunner.query("DELETE FROM \"kpi_rollups\"");
    await queryRunner.query("DELETE FROM \"leg_facts\"");
    await queryRunner.query("DELETE FROM \"shipment_facts\"");
    await queryRunner.query("DROP FUNCTION lanewatch_lock_legs(bigint[])");
    // Claims go back to per-shipment values (the leg's shipment at the time), at their receipt.
    await queryRunner.query(
      "CREATE TABLE \"shipment_attribute_history\" (\"id\" BIGSERIAL NOT NULL, \"shipment_id\" uuid NOT NULL, \"field\" character varying(20) NOT NULL, \"value\" text, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"source\" character varying(80) NOT NULL, CONSTRAINT \"PK_a5b6b3086aa4a40f282ceed8ec9\" PRIMARY KEY (\"id\"))",
    );
    await queryRunner.query("CREATE INDEX \"shipment_attribute_history_lookup_idx\" ON \"shipment_attribute_history\" (\"shipment_id\", \"field\", \"received_at\")");
    await queryRunner.query(
      "INSERT INTO \"shipment_attribute_history\" (\"shipment_id\", \"field\", \"value\", \"received_at\", \"source\") " +
        "SELECT l.\"shipment_id\", c.\"field\", c.\"value\", c.\"received_at\", c.\"source\" FROM \"attribute_claims\" c JOIN \"legs\" l ON l.\"id\" = c.\"leg_id\" " +
        "WHERE l.\"shipment_id\" IS NOT NULL ORDER BY c.\"observed_at\", c.\"received_at\", c.\"id\"",
    );
    await queryRunner.query("DROP INDEX \"public\".\"events_carrier_code_idx\"");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" DROP COLUMN \"related_leg_ids\"");
    await queryRunner.query("DROP TABLE \"attribute_claims\"");
    await queryRunner.query("DROP INDEX \"public\".\"link_queue_leg_idx\"");
    await queryRunner.query("DROP TABLE \"link_queue\"");
    await queryRunner.query("DROP INDEX \"public\".\"derive_log_logged_idx\"");
    await queryRunner.query("DROP TABLE \"derive_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollup_deltas_read_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"kpi_rollup_deltas_shard_idx\"");
    await queryRunner.query("DROP TABLE \"kpi_rollup_deltas\"");
    await queryRunner.query("DROP INDEX \"public\".\"leg_link_pins_parent_idx\"");
    await queryRunner.query("DROP TABLE \"leg_link_pins\"");
    await queryRunner.query("DROP INDEX \"public\".\"dead_letters_carrier_idx\"");
    await queryRunner.query("DROP TABLE \"dead_letters\"");
    await queryRunner.query("DROP INDEX \"public\".\"background_tasks_recent_idx\"");
    await queryRunner.query("DROP TABLE \"background_tasks\"");
    await queryRunner.query("CREATE INDEX \"events_carrier_code_idx\" ON \"events\" USING btree (\"carrier_id\", \"raw_code\") ");
  }
}
