import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlaPolicyEntity } from './sla-policy.entity';

// sla.md §3. The partial unique index is the final guard of "one active breach per policy and scope".
@Entity({ name: 'breaches' })
@Index('breaches_one_active_key', ['policyId', 'scopeKey'], { unique: true, where: "status IN ('open', 'acknowledged')" })
@Index('breaches_status_idx', ['status', 'openedAt'])
@Index('breaches_carrier_idx', ['carrier', 'openedAt'])
export class BreachEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId!: string;

  @ManyToOne(() => SlaPolicyEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'policy_id' })
  policy?: SlaPolicyEntity;

  @Column({ name: 'scope_key', type: 'text' })
  scopeKey!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  carrier!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  corridor!: string | null;

  @Column({ name: 'service_level', type: 'varchar', length: 200, nullable: true })
  serviceLevel!: string | null;

  // Snapshot of the policy at opening: a later edit does not rewrite what was breached.
  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  @Column({ type: 'varchar', length: 3 })
  op!: string;

  @Column({ type: 'float8' })
  threshold!: number;

  @Column({ type: 'varchar', length: 10 })
  severity!: string;

  @Column({ type: 'float8' })
  value!: number;

  @Column({ name: 'worst_value', type: 'float8' })
  worstValue!: number;

  @Column({ type: 'int' })
  sample!: number;

  @Column({ name: 'window_from', type: 'timestamptz' })
  windowFrom!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  // When the metric went to the wrong side, from sla_evaluations (null for breaches older than them).
  @Column({ name: 'wrong_side_since', type: 'timestamptz', nullable: true })
  wrongSideSince!: Date | null;

  @Column({ name: 'last_evaluated_at', type: 'timestamptz' })
  lastEvaluatedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 320, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_note', type: 'text', nullable: true })
  acknowledgedNote!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  // The worst parcels of the window that drove the value (tracking numbers link to the journey).
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;
}
