import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Partitioned by month on occurred_at (see the migration): the partition key is part of every unique key.
// An event's identity is unique through event_identities alone (EventsIdentityOnce1796520000000).
@Entity({ name: 'events' })
@Index('events_leg_idx', ['legId', 'occurredAt'])
@Index('events_carrier_code_idx', ['carrierId', 'rawCode', 'id'])
@Index('events_handover_leg_idx', ['handoverLegId'], { where: 'handover_leg_id IS NOT NULL' })
// A derivation's hand-over edges from its legs (loadLinkComponent): only the hand-over events, not every event of a leg.
@Index('events_handover_from_idx', ['legId', 'handoverLegId', 'occurredAt'], { where: `milestone = 'HANDED_OVER' AND handover_leg_id IS NOT NULL` })
export class EventEntity {
  @PrimaryColumn({ type: 'bigint', default: () => `nextval('event_ids')` })
  id!: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  // In the primary key for Citus (docs/scaling.md): every key of a distributed table holds its distribution column.
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  @Column({ name: 'tracking_number', type: 'varchar', length: 64 })
  trackingNumber!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  milestone!: string | null;

  // 'explicit' when the carrier sent a milestone (it wins over the code map), 'code_map' when mapped.
  @Column({ name: 'milestone_source', type: 'varchar', length: 10, nullable: true })
  milestoneSource!: string | null;

  @Column({ name: 'raw_code', type: 'varchar', length: 200, nullable: true })
  rawCode!: string | null;

  @Column({ name: 'offset_minutes', type: 'smallint' })
  offsetMinutes!: number;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200, nullable: true })
  eventId!: string | null;

  @Column({ type: 'bytea' })
  identity!: Buffer;

  @Column({ name: 'location_country', type: 'char', length: 2, nullable: true })
  locationCountry!: string | null;

  @Column({ name: 'location_city', type: 'varchar', length: 200, nullable: true })
  locationCity!: string | null;

  @Column({ name: 'location_facility', type: 'varchar', length: 200, nullable: true })
  locationFacility!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subtype!: string | null;

  @Column({ name: 'handover_carrier_id', type: 'int', nullable: true })
  handoverCarrierId!: number | null;

  @Column({ name: 'handover_tracking_number', type: 'varchar', length: 64, nullable: true })
  handoverTrackingNumber!: string | null;

  @Column({ name: 'handover_leg_id', type: 'bigint', nullable: true })
  handoverLegId!: string | null;

  @Column({ type: 'jsonb' })
  raw!: unknown;
}
