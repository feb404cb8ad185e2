import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'shipments' })
@Index('shipments_merged_into_idx', ['mergedIntoId'], { where: 'merged_into_id IS NOT NULL' })
export class ShipmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  // The leg it was registered or created with (events.md §4: the first leg).
  @Column({ name: 'root_leg_id', type: 'bigint', unique: true })
  rootLegId!: string;

  // Set when its first leg turned out to be a later leg of another shipment (the hand-over arrived late).
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  origin!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  destination!: string | null;

  @Column({ name: 'service_level', type: 'varchar', length: 200, nullable: true })
  serviceLevel!: string | null;

  @Column({ name: 'promised_by', type: 'timestamptz', nullable: true })
  promisedBy!: Date | null;

  @Column({ name: 'order_ref', type: 'varchar', length: 200, nullable: true })
  orderRef!: string | null;

  @Column({ name: 'carrier_estimate', type: 'timestamptz', nullable: true })
  carrierEstimate!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
