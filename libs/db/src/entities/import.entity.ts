import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One CSV bulk import: its progress is updated after every committed chunk, readable while it runs. */
@Entity({ name: 'imports' })
@Index('imports_carrier_started_idx', ['carrierId', 'startedAt'])
export class ImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ name: 'rows_read', type: 'int', default: 0 })
  rowsRead!: number;

  @Column({ type: 'int', default: 0 })
  accepted!: number;

  @Column({ type: 'int', default: 0 })
  rejected!: number;

  @Column({ type: 'int', default: 0 })
  batches!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  // Written by the process running the import; a running import without a recent one is failed (its process died).
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;
}

/** A rejected line of an import with every reason, downloadable as CSV. */
@Entity({ name: 'import_rejections' })
export class ImportRejectionEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ type: 'int' })
  line!: number;

  @Column({ type: 'jsonb' })
  errors!: string[];
}
