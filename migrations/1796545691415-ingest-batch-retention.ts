import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Processed batches leave the inbox after INGEST_BATCH_RETENTION_DAYS (their events are stored with
 * their raw payloads): what they counted goes to ingest_batch_totals, per carrier and source, and the
 * purge finds the oldest processed batches by a partial index. Before, every payload stayed forever and
 * the ingest status summed the whole inbox on every call and metrics scrape.
 */
export class IngestBatchRetention1796545691415 implements MigrationInterface {
  name = 'IngestBatchRetention1796545691415';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ingest_batch_totals\" (\"carrier_id\" integer NOT NULL, \"source\" character varying(40) NOT NULL, \"processed\" bigint NOT NULL DEFAULT '0', \"events_stored\" bigint NOT NULL DEFAULT '0', \"duplicates\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"PK_2c636114c5d394f8069850394c0\" PRIMARY KEY (\"carrier_id\", \"source\"))");
    await queryRunner.query("CREATE INDEX \"ingest_batches_processed_idx\" ON \"ingest_batches\"  (\"processed_at\") WHERE status = 'processed'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ingest_batches_processed_idx\"");
    await queryRunner.query("DROP TABLE \"ingest_batch_totals\"");
  }
}
