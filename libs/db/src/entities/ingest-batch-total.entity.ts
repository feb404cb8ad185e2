import { Column, Entity, PrimaryColumn } from 'typeorm';

// What purged inbox rows counted. A processed batch leaves ingest_batches once it is older than
// INGEST_BATCH_RETENTION_DAYS (its events are stored, raw payload included); what it counted moves here
// in the same statement, per carrier (0 for an admin batch naming several) and source (the format or
// route it came by), so the ingest status and "has this carrier posted in this format" stay as they were
// while the inbox holds only the retention window.
@Entity({ name: 'ingest_batch_totals' })
export class IngestBatchTotalEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ type: 'bigint', default: 0 })
  processed!: string;

  @Column({ name: 'events_stored', type: 'bigint', default: 0 })
  eventsStored!: string;

  @Column({ type: 'bigint', default: 0 })
  duplicates!: string;
}
