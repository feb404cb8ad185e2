import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

// Mutes matching alerts in [from, to) without hiding the breach (sla.md §4).
@Entity({ name: 'silences' })
export class SilenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  carrier!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  corridor!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  severity!: string | null;

  @Column({ name: 'policy_id', type: 'uuid', nullable: true })
  policyId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
