import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BreachEntity } from './breach.entity';
import { NotificationChannelEntity } from './notification-channel.entity';

// One row per transition per channel: the unique key makes each one delivered at most once from here.
@Entity({ name: 'alert_deliveries' })
@Index('alert_deliveries_channel_key', ['channelId', 'idempotencyKey'], { unique: true })
@Index('alert_deliveries_pending_idx', ['status', 'createdAt'])
export class AlertDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => NotificationChannelEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannelEntity;

  // Null for a channel test ("send test"): it belongs to no breach.
  @Column({ name: 'breach_id', type: 'uuid', nullable: true })
  breachId!: string | null;

  @ManyToOne(() => BreachEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'breach_id' })
  breach?: BreachEntity;

  // opened | resolved | reminder | test
  @Column({ type: 'varchar', length: 12 })
  transition!: string;

  @Column({ type: 'int', default: 0 })
  reminder!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  // The alert as it was at the transition, so a retry sends the same facts.
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: string;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
