import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyStateAndTestDeliveries1796431685729 implements MigrationInterface {
  name = 'PolicyStateAndTestDeliveries1796431685729';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sla_policies\" ADD \"last_evaluated_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"sla_policies\" ADD \"last_evaluation\" jsonb");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" DROP CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\"");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ALTER COLUMN \"breach_id\" DROP NOT NULL");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ADD CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\" FOREIGN KEY (\"breach_id\") REFERENCES \"breaches\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" DROP CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\"");
    // A channel test belongs to no breach: its records cannot survive the NOT NULL.
    await queryRunner.query("DELETE FROM \"alert_deliveries\" WHERE \"breach_id\" IS NULL");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ALTER COLUMN \"breach_id\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"alert_deliveries\" ADD CONSTRAINT \"FK_1893865620a7aa9d9777d782c54\" FOREIGN KEY (\"breach_id\") REFERENCES \"breaches\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sla_policies\" DROP COLUMN \"last_evaluation\"");
    await queryRunner.query("ALTER TABLE \"sla_policies\" DROP COLUMN \"last_evaluated_at\"");
  }
}
