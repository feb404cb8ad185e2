import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlaPolicyEntity } from './sla-policy.entity';

// One row per policy, scope instance and evaluation instant: what the metric was, so a breach can say
// since when it has been on the wrong side and draw its trend (issue 15).
@Entity({ name: 'sla_evaluations' })
@Index('sla_evaluations_key', ['policyId', 'scopeKey', 'evaluatedAt'], { unique: true })
export class SlaEvaluationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId!: string;

  @ManyToOne(() => SlaPolicyEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'policy_id' })
  policy?: SlaPolicyEntity;

  @Column({ name: 'scope_key', type: 'text' })
  scopeKey!: string;

  // The instant asked for (the clock for the scheduled job); the window ends at it floored to a quarter hour.
  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt!: Date;

  @Column({ name: 'window_to', type: 'timestamptz' })
  windowTo!: Date;

  @Column({ type: 'float8', nullable: true })
  value!: number | null;

  @Column({ type: 'int' })
  sample!: number;

  @Column({ type: 'varchar', length: 20 })
  verdict!: string;

  // The value past the threshold, whatever the sample: the verdict may wait for minSample, this does not.
  @Column({ name: 'wrong_side', type: 'boolean', nullable: true })
  wrongSide!: boolean | null;
}
