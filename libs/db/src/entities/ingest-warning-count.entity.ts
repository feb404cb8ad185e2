import { Column, Entity, PrimaryColumn } from 'typeorm';

// Warnings the format adapters raised (events kept with less than the payload said), summed per UTC
// hour of receipt, carrier and kind. The kinds are the few of FEED_WARNING_KINDS, so a busy hour is a
// handful of rows per carrier however many warnings it had; the messages themselves go back to the
// sender in the response and are not kept.
@Entity({ name: 'ingest_warning_counts' })
export class IngestWarningCountEntity {
  @PrimaryColumn({ type: 'timestamptz' })
  hour!: Date;

  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @Column({ type: 'bigint', default: 0 })
  count!: string;
}
