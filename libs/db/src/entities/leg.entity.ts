import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'legs' })
@Unique('legs_carrier_tracking_key', ['carrierId', 'trackingNumber'])
@Index('legs_shipment_idx', ['shipmentId'])
@Index('legs_unlinked_idx', ['id'], { where: 'shipment_id IS NULL' })
export class LegEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  // In the primary key for Citus (docs/scaling.md): every key of a distributed table holds its
  // distribution column. The id alone stays unique (one sequence) and leads the key for lookups by id.
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ name: 'tracking_number', type: 'varchar', length: 64 })
  trackingNumber!: string;

  @Column({ name: 'shipment_id', type: 'uuid', nullable: true })
  shipmentId!: string | null;

  @Column({ name: 'parent_leg_id', type: 'bigint', nullable: true })
  parentLegId!: string | null;

  @Column({ name: 'linked_at', type: 'timestamptz', nullable: true })
  linkedAt!: Date | null;

  // Maintained by the worker so status counts never scan events.
  @Column({ name: 'event_count', type: 'int', default: 0 })
  eventCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
