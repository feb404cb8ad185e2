import { Column, Entity, PrimaryColumn } from 'typeorm';

// Per-carrier, per-code count of stored events with no milestone (the data-quality view).
@Entity({ name: 'unmapped_codes' })
export class UnmappedCodeEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ name: 'raw_code', type: 'varchar', length: 200 })
  rawCode!: string;

  @Column({ name: 'event_count', type: 'int' })
  eventCount!: number;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
