import { Column, Entity, PrimaryColumn } from 'typeorm';

// What every ingest request answered (accepted, repeated within the request, rejected), summed per
// UTC hour of receipt and carrier. ingest_batches only holds requests that stored something, so a
// request whose events were all rejected would leave no trace there; these counters see every one.
// carrier_id 0 holds rejected events of admin requests whose carrier is missing or unknown (a
// sentinel rather than NULL so the pair stays a primary key for the upsert).
@Entity({ name: 'ingest_counts' })
export class IngestCountEntity {
  @PrimaryColumn({ type: 'timestamptz' })
  hour!: Date;

  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ type: 'bigint', default: 0 })
  accepted!: string;

  @Column({ type: 'bigint', default: 0 })
  duplicates!: string;

  @Column({ type: 'bigint', default: 0 })
  rejected!: string;
}
