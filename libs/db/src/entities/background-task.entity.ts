import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BackgroundTaskKind = 'remap' | 'rebuild';
export type BackgroundTaskStatus = 'running' | 'completed' | 'failed';

// Long work that runs beside ingestion (a code-map re-map, a KPI rebuild into shadow tables), with
// its progress for the command line and the ingest health page.
@Entity({ name: 'background_tasks' })
@Index('background_tasks_recent_idx', ['startedAt'])
export class BackgroundTaskEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: BackgroundTaskKind;

  @Column({ type: 'varchar', length: 16 })
  status!: BackgroundTaskStatus;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  // Units of work (events re-mapped, shipments rebuilt): done of total.
  @Column({ type: 'bigint', default: 0 })
  total!: string;

  @Column({ type: 'bigint', default: 0 })
  done!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  // Where to go on after a restart (the task's own cursor).
  @Column({ type: 'jsonb', default: () => "'{}'" })
  state!: unknown;
}
