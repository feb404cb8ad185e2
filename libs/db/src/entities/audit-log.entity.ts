import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Who did what, when and why, for every statement issue, dispute and decision (contracts.md §3) and
// every invoiced amount entered. Rows are only ever inserted.
@Entity({ name: 'audit_log' })
@Index('audit_log_at_idx', ['at'])
@Index('audit_log_carrier_month_idx', ['carrierId', 'month', 'at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 320 })
  actor!: string;

  // statement.issued, dispute.opened, dispute.accepted, dispute.rejected, invoice.entered.
  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'carrier_id', type: 'int', nullable: true })
  carrierId!: number | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  month!: string | null;

  // The statement or dispute acted on.
  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
