import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// sla.md §1. Scope fields hold a value, "*" (fan out per value seen) or null (aggregate).
@Entity({ name: 'sla_policies' })
@Index('sla_policies_contract_name_key', ['contract', 'name'], { unique: true, where: 'contract IS NOT NULL' })
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  // Set when the policy was loaded from a contract file (lanewatch sla apply).
  @Column({ type: 'varchar', length: 200, nullable: true })
  contract!: string | null;

  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  carrier!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  corridor!: string | null;

  @Column({ name: 'service_level', type: 'varchar', length: 200, nullable: true })
  serviceLevel!: string | null;

  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  @Column({ type: 'varchar', length: 3 })
  op!: string;

  @Column({ type: 'float8' })
  threshold!: number;

  @Column({ name: 'window_days', type: 'int' })
  windowDays!: number;

  @Column({ name: 'min_sample', type: 'int' })
  minSample!: number;

  @Column({ type: 'varchar', length: 10 })
  severity!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  // Validated by parseSlaPolicy before it is stored: {shortWindowDays, longWindowDays} or null.
  @Column({ name: 'burn_rate', type: 'jsonb', nullable: true })
  burnRate!: { shortWindowDays: number; longWindowDays: number } | null;

  @Column({ name: 'wilson_guard', type: 'boolean', default: false })
  wilsonGuard!: boolean;

  // The latest evaluation's instant and summary (state, value, sample), for the policy list.
  @Column({ name: 'last_evaluated_at', type: 'timestamptz', nullable: true })
  lastEvaluatedAt!: Date | null;

  @Column({ name: 'last_evaluation', type: 'jsonb', nullable: true })
  lastEvaluation!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
