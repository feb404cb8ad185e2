import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

// Every value each sender claimed for a shipment attribute, on the leg whose event or registration
// carried it, once per value with the latest event time it was claimed at. A shipment's attributes
// are those of the latest event time over its legs' claims (events.md §3, §9), then the latest
// receipt, so a repeat or a replay never rolls a value back, and attributes follow legs when links
// change, whatever order things arrived in.
@Entity({ name: 'attribute_claims' })
@Unique('attribute_claims_key', ['legId', 'field', 'carrierId', 'value'])
export class ShipmentAttributeChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  // In the key: the table's Citus distribution column (libs/db distribution.ts, docs/scaling.md).
  @PrimaryColumn({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  @Column({ type: 'varchar', length: 20 })
  field!: string;

  @Column({ type: 'text' })
  value!: string;

  // The latest event time that carried the value; a registration's is its time of receipt.
  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  // When the claim of observed_at arrived.
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  // The carrier whose event or registration sent it; 0 for the admin token's registrations.
  @Column({ name: 'carrier_id', type: 'int', default: 0 })
  carrierId!: number;

  @Column({ type: 'varchar', length: 80 })
  source!: string;
}
