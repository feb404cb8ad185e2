import { MigrationInterface, QueryRunner } from 'typeorm';

export class CitusReadyKeys1796431294613 implements MigrationInterface {
  name = 'CitusReadyKeys1796431294613';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" DROP CONSTRAINT \"PK_225a3c200e9d045d97876354194\"");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" ADD CONSTRAINT \"PK_c4b0b9244ddc807ec00a7a3ca4a\" PRIMARY KEY (\"id\", \"leg_id\")");
    await queryRunner.query("ALTER TABLE \"dead_letters\" DROP CONSTRAINT \"PK_084e63809483fb0a9c48aae607f\"");
    await queryRunner.query("ALTER TABLE \"dead_letters\" ADD CONSTRAINT \"PK_6dfe432c0de6bf5482d5ff921d4\" PRIMARY KEY (\"id\", \"batch_id\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" DROP CONSTRAINT \"PK_379013d2362ca727f05193a8d76\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" ADD CONSTRAINT \"PK_a37b246c027c6c008f709275527\" PRIMARY KEY (\"id\", \"carrier_id\")");
    await queryRunner.query("ALTER TABLE \"link_queue\" DROP CONSTRAINT \"PK_f1401f48d784a022fe15c436553\"");
    await queryRunner.query("ALTER TABLE \"link_queue\" ADD CONSTRAINT \"PK_cc87949655b49d8fb7f6e0ad103\" PRIMARY KEY (\"id\", \"leg_id\")");
    await queryRunner.query("ALTER TABLE \"attribute_claims\" DROP CONSTRAINT \"PK_1e9d36b212f1485bec09182aa9a\"");
    await queryRunner.query("ALTER TABLE \"attribute_claims\" ADD CONSTRAINT \"PK_c11fcd062255512a199b12e179b\" PRIMARY KEY (\"id\", \"leg_id\")");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"attribute_claims\" DROP CONSTRAINT \"PK_c11fcd062255512a199b12e179b\"");
    await queryRunner.query("ALTER TABLE \"attribute_claims\" ADD CONSTRAINT \"PK_1e9d36b212f1485bec09182aa9a\" PRIMARY KEY (\"id\")");
    await queryRunner.query("ALTER TABLE \"link_queue\" DROP CONSTRAINT \"PK_cc87949655b49d8fb7f6e0ad103\"");
    await queryRunner.query("ALTER TABLE \"link_queue\" ADD CONSTRAINT \"PK_f1401f48d784a022fe15c436553\" PRIMARY KEY (\"id\")");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" DROP CONSTRAINT \"PK_a37b246c027c6c008f709275527\"");
    await queryRunner.query("ALTER TABLE \"kpi_rollup_deltas\" ADD CONSTRAINT \"PK_379013d2362ca727f05193a8d76\" PRIMARY KEY (\"id\")");
    await queryRunner.query("ALTER TABLE \"dead_letters\" DROP CONSTRAINT \"PK_6dfe432c0de6bf5482d5ff921d4\"");
    await queryRunner.query("ALTER TABLE \"dead_letters\" ADD CONSTRAINT \"PK_084e63809483fb0a9c48aae607f\" PRIMARY KEY (\"id\")");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" DROP CONSTRAINT \"PK_c4b0b9244ddc807ec00a7a3ca4a\"");
    await queryRunner.query("ALTER TABLE \"data_quality_issues\" ADD CONSTRAINT \"PK_225a3c200e9d045d97876354194\" PRIMARY KEY (\"id\")");
  }
}
