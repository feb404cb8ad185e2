import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BatchKind = 'events' | 'remap' | 'relink';
export type BatchStatus = 'pending' | 'processed' | 'failed';

// The durable inbox: a row is committed before 202 is answered; the queue only carries its id.
@Entity({ name: 'ingest_batches' })
@Index('ingest_batches_pending_idx', ['receivedAt'], { where: `status = 'pending'` })
// The retention purge takes the oldest processed batches (purgeProcessedBatches).
@Index('ingest_batches_processed_idx', ['processedAt'], { where: `status = 'processed'` })
export class IngestBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: BatchKind;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: BatchStatus;

  @Column({ name: 'carrier_id', type: 'int', nullable: true })
  carrierId!: number | null;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'event_count', type: 'int', default: 0 })
  eventCount!: number;

  @Column({ name: 'request_duplicates', type: 'int', default: 0 })
  requestDuplicates!: number;

  @Column({ name: 'rejected_count', type: 'int', default: 0 })
  rejectedCount!: number;

  @Column({ name: 'stored_count', type: 'int', nullable: true })
  storedCount!: number | null;

  @Column({ name: 'duplicate_count', type: 'int', nullable: true })
  duplicateCount!: number | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
