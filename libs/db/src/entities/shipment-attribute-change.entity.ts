import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

// Every value each sender claimed for a shipment attribute, once per value with the latest event time
// it was claimed at. The value of the latest event time wins (events.md §3, §9), then the latest
// receipt, so a repeat or a replay never rolls a value back.
@Entity({ name: 'shipment_attribute_history' })
@Unique('shipment_attribute_history_claim_key', ['shipmentId', 'field', 'carrierId', 'value'])
export class ShipmentAttributeChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

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
