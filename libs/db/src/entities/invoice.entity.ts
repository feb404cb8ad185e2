import { Column, Entity, PrimaryColumn } from 'typeorm';

// The invoiced amount of one carrier and month as entered (API or CSV); a month without a row falls
// back to parcels × the contract's rate per parcel (contracts.md §2).
@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  // Exact: read back as text, never as a float.
  @Column({ type: 'numeric', precision: 20, scale: 6 })
  amount!: string;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  // api or csv.
  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt!: Date;

  @Column({ name: 'entered_by', type: 'varchar', length: 320 })
  enteredBy!: string;
}
