import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A carrier's dispute of one parcel on its statement of a month (contracts.md §3). An accepted parcel
// leaves that month's consequences; nothing is deleted. At most one open or accepted dispute per parcel.
@Entity({ name: 'disputes' })
@Index('disputes_one_live_key', ['carrierId', 'month', 'shipmentId'], { unique: true, where: "status IN ('open', 'accepted')" })
@Index('disputes_carrier_month_idx', ['carrierId', 'month'])
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ name: 'tracking_number', type: 'varchar', length: 64 })
  trackingNumber!: string;

  @Column({ type: 'text' })
  reason!: string;

  // open, accepted or rejected.
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'opened_by', type: 'varchar', length: 320 })
  openedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 320, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;
}
