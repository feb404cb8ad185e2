import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShipmentAndLegFacts1795403424232 implements MigrationInterface {
  name = 'ShipmentAndLegFacts1795403424232';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"leg_facts\" (\"leg_id\" bigint NOT NULL, \"shipment_id\" uuid NOT NULL, \"carrier_id\" integer NOT NULL, \"corridor\" character varying(5), \"service_level\" character varying(200), \"leg_start_at\" TIMESTAMP WITH TIME ZONE, \"leg_end_at\" TIMESTAMP WITH TIME ZONE, \"leg_transit_days\" double precision, \"customs_start_at\" TIMESTAMP WITH TIME ZONE, \"customs_released_at\" TIMESTAMP WITH TIME ZONE, \"customs_hold_hours\" double precision, \"export_customs_hold_hours\" double precision, \"first_attempt_at\" TIMESTAMP WITH TIME ZONE, \"first_attempt_delivered\" boolean, \"credited_delivered_at\" TIMESTAMP WITH TIME ZONE, \"on_time\" boolean, \"previous_carrier_id\" integer, \"handover_gap_hours\" double precision, \"last_event_at\" TIMESTAMP WITH TIME ZONE, \"terminal\" boolean NOT NULL DEFAULT false, CONSTRAINT \"PK_8c8d86683fd390da34189c38cad\" PRIMARY KEY (\"leg_id\"))");
    await queryRunner.query("CREATE INDEX \"leg_facts_shipment_idx\" ON \"leg_facts\"  (\"shipment_id\") ");
    await queryRunner.query("CREATE TABLE \"shipment_facts\" (\"shipment_id\" uuid NOT NULL, \"corridor\" character varying(5), \"service_level\" character varying(200), \"promised_by\" TIMESTAMP WITH TIME ZONE, \"first_scan_at\" TIMESTAMP WITH TIME ZONE, \"delivered_at\" TIMESTAMP WITH TIME ZONE, \"transit_days\" double precision, \"customs_start_at\" TIMESTAMP WITH TIME ZONE, \"customs_released_at\" TIMESTAMP WITH TIME ZONE, \"customs_hold_hours\" double precision, \"export_customs_start_at\" TIMESTAMP WITH TIME ZONE, \"export_customs_cleared_at\" TIMESTAMP WITH TIME ZONE, \"export_customs_hold_hours\" double precision, \"first_attempt_at\" TIMESTAMP WITH TIME ZONE, \"first_attempt_delivered\" boolean, \"on_time\" boolean, \"last_event_at\" TIMESTAMP WITH TIME ZONE, \"terminal\" boolean NOT NULL DEFAULT false, CONSTRAINT \"PK_0b1860770504e32adee373f4e8b\" PRIMARY KEY (\"shipment_id\"))");
    await queryRunner.query("CREATE INDEX \"shipment_facts_delivered_idx\" ON \"shipment_facts\"  (\"delivered_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"shipment_facts_delivered_idx\"");
    await queryRunner.query("DROP TABLE \"shipment_facts\"");
    await queryRunner.query("DROP INDEX \"public\".\"leg_facts_shipment_idx\"");
    await queryRunner.query("DROP TABLE \"leg_facts\"");
  }
}
