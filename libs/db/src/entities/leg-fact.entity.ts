import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// kpis.md §2 facts of every linked leg: what its carrier is accountable for.
@Entity({ name: 'leg_facts' })
@Index('leg_facts_shipment_idx', ['shipmentId'])
// The exception report reads the legs that started in a window; the watchlist the open ones.
@Index('leg_facts_start_idx', ['legStartAt'])
@Index('leg_facts_open_idx', ['lastEventAt'], { where: 'closed_at IS NULL' })
export class LegFactEntity {
  @PrimaryColumn({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ type: 'varchar', length: 5, nullable: true })
  corridor!: string | null;

  @Column({ name: 'service_level', type: 'varchar', length: 200, nullable: true })
  serviceLevel!: string | null;

  @Column({ name: 'leg_start_at', type: 'timestamptz', nullable: true })
  legStartAt!: Date | null;

  @Column({ name: 'leg_end_at', type: 'timestamptz', nullable: true })
  legEndAt!: Date | null;

  @Column({ name: 'leg_transit_days', type: 'float8', nullable: true })
  legTransitDays!: number | null;

  @Column({ name: 'customs_start_at', type: 'timestamptz', nullable: true })
  customsStartAt!: Date | null;

  @Column({ name: 'customs_released_at', type: 'timestamptz', nullable: true })
  customsReleasedAt!: Date | null;

  @Column({ name: 'customs_hold_hours', type: 'float8', nullable: true })
  customsHoldHours!: number | null;

  @Column({ name: 'export_customs_hold_hours', type: 'float8', nullable: true })
  exportCustomsHoldHours!: number | null;

  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ name: 'first_attempt_delivered', type: 'boolean', nullable: true })
  firstAttemptDelivered!: boolean | null;

  // The shipment's deliveredAt, on the leg credited with the delivery (the on-time window instant).
  @Column({ name: 'credited_delivered_at', type: 'timestamptz', nullable: true })
  creditedDeliveredAt!: Date | null;

  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime!: boolean | null;

  // Hand-over gap (kpis.md §2): from the previous leg's hand-over to this leg's first scan.
  @Column({ name: 'previous_carrier_id', type: 'int', nullable: true })
  previousCarrierId!: number | null;

  @Column({ name: 'handover_gap_hours', type: 'float8', nullable: true })
  handoverGapHours!: number | null;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  terminal!: boolean;

  // When the leg stopped being its carrier's to answer for (its own delivery or hand-over, the
  // shipment's end, the next leg's first scan); null while open (watchlist).
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'last_mapped_at', type: 'timestamptz', nullable: true })
  lastMappedAt!: Date | null;

  @Column({ name: 'exception_at', type: 'timestamptz', nullable: true })
  exceptionAt!: Date | null;

  @Column({ name: 'exception_category', type: 'varchar', length: 20, nullable: true })
  exceptionCategory!: string | null;

  @Column({ name: 'exception_open', type: 'boolean', default: false })
  exceptionOpen!: boolean;

  // Null only on rows written before exception facts existed: the worker then rebuilds (kpisNeedRebuild).
  @Column({ name: 'failed_attempts', type: 'int', nullable: true })
  failedAttempts!: number | null;

  @Column({ name: 'failure_reason', type: 'varchar', length: 200, nullable: true })
  failureReason!: string | null;

  // On the leg credited with a late delivery: why it was late (lateReasonOf).
  @Column({ name: 'late_reason', type: 'varchar', length: 240, nullable: true })
  lateReason!: string | null;

  // clockDays on each contract of the carrier (contracts.md §1), by contract name; legs without an end have none.
  @Column({ name: 'clock_days', type: 'jsonb', default: () => "'{}'" })
  clockDays!: Record<string, number>;

  // The exact rollup contributions these facts made (packed), taken back when they change.
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rollup!: unknown[];
}
