import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

// An accepted event the database still refused (events.md §8): set aside alone with its reason,
// so the rest of its batch is stored. The event is kept as JSON text, which holds whatever jsonb would not.
@Entity({ name: 'dead_letters' })
@Index('dead_letters_carrier_idx', ['carrierId', 'createdAt'])
@Unique('dead_letters_batch_position_key', ['batchId', 'position'])
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  // In the key: the table's Citus distribution column (libs/db distribution.ts, docs/scaling.md).
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  // The event's position in its batch, so one batch's dead letters are recorded once however often it runs.
  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'carrier_id', type: 'int', nullable: true })
  carrierId!: number | null;

  @Column({ name: 'tracking_number', type: 'varchar', length: 64, nullable: true })
  trackingNumber!: string | null;

  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'varchar', length: 2000 })
  error!: string;

  @Column({ type: 'varchar', length: 5, nullable: true })
  sqlstate!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
