import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Legs whose journey must be derived again (link, attributes, facts, rollup deltas): written by the
// batch that stored their events, taken by any worker's derivation (docs/architecture.md).
@Entity({ name: 'link_queue' })
@Index('link_queue_leg_idx', ['legId'])
export class LinkQueueEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  // In the key: the table's Citus distribution column (libs/db distribution.ts, docs/scaling.md).
  @PrimaryColumn({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  // The batch that asked, so the ingest status counts it pending until its legs are derived.
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  // New events of the leg that batch stored: added to the leg's count when it is derived.
  @Column({ type: 'int', default: 0 })
  events!: number;

  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'now()' })
  enqueuedAt!: Date;
}
