import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BreachEntity } from './breach.entity';

// A breach's transitions: opened, acknowledged, resolved, reminder (numbered from 1).
@Entity({ name: 'breach_events' })
@Index('breach_events_key', ['breachId', 'transition', 'reminder'], { unique: true })
export class BreachEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'breach_id', type: 'uuid' })
  breachId!: string;

  @ManyToOne(() => BreachEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'breach_id' })
  breach?: BreachEntity;

  @Column({ type: 'varchar', length: 12 })
  transition!: string;

  // 0 for every transition but reminders, so the unique key holds for them too.
  @Column({ type: 'int', default: 0 })
  reminder!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;
}
