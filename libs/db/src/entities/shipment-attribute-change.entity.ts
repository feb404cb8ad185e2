import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Every received attribute value that changed the shipment; the latest received wins.
@Entity({ name: 'shipment_attribute_history' })
@Index('shipment_attribute_history_lookup_idx', ['shipmentId', 'field', 'receivedAt'])
export class ShipmentAttributeChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'varchar', length: 20 })
  field!: string;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 80 })
  source!: string;
}
