import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// kpis.md §1 facts of every shipment that is not merged into another, kept by the worker.
@Entity({ name: 'shipment_facts' })
@Index('shipment_facts_delivered_idx', ['deliveredAt'])
export class ShipmentFactEntity {
  @PrimaryColumn({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'varchar', length: 5, nullable: true })
  corridor!: string | null;

  @Column({ name: 'service_level', type: 'varchar', length: 200, nullable: true })
  serviceLevel!: string | null;

  @Column({ name: 'promised_by', type: 'timestamptz', nullable: true })
  promisedBy!: Date | null;

  @Column({ name: 'first_scan_at', type: 'timestamptz', nullable: true })
  firstScanAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'transit_days', type: 'float8', nullable: true })
  transitDays!: number | null;

  @Column({ name: 'customs_start_at', type: 'timestamptz', nullable: true })
  customsStartAt!: Date | null;

  @Column({ name: 'customs_released_at', type: 'timestamptz', nullable: true })
  customsReleasedAt!: Date | null;

  @Column({ name: 'customs_hold_hours', type: 'float8', nullable: true })
  customsHoldHours!: number | null;

  @Column({ name: 'export_customs_start_at', type: 'timestamptz', nullable: true })
  exportCustomsStartAt!: Date | null;

  @Column({ name: 'export_customs_cleared_at', type: 'timestamptz', nullable: true })
  exportCustomsClearedAt!: Date | null;

  @Column({ name: 'export_customs_hold_hours', type: 'float8', nullable: true })
  exportCustomsHoldHours!: number | null;

  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ name: 'first_attempt_delivered', type: 'boolean', nullable: true })
  firstAttemptDelivered!: boolean | null;

  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime!: boolean | null;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  terminal!: boolean;

  // The exact rollup contributions these facts made (packed), taken back when they change.
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rollup!: unknown[];
}
