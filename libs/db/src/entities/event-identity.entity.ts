import { Column, Entity, PrimaryColumn } from 'typeorm';

// events.md §6 identity, enforced across all partitions (a partitioned unique key must include
// occurred_at, but the same eventId re-sent with another occurredAt is still the same event).
@Entity({ name: 'event_identities' })
export class EventIdentityEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ type: 'bytea' })
  identity!: Buffer;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
