import { PrimaryColumn } from 'typeorm';

// The key of a KPI rollup cell, shared by its moments row and its histogram bucket rows. Empty
// strings stand for "none" so the key can be a primary key.
export abstract class KpiCellKey {
  @PrimaryColumn({ type: 'smallint' })
  tier!: number;

  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart!: Date;

  @PrimaryColumn({ type: 'char', length: 1 })
  level!: string;

  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  // The carrier that handed over, for hand-over cells (level h); 0 elsewhere.
  @PrimaryColumn({ name: 'peer_carrier_id', type: 'int', default: 0 })
  peerCarrierId!: number;

  @PrimaryColumn({ type: 'varchar', length: 5 })
  corridor!: string;

  @PrimaryColumn({ name: 'service_level', type: 'varchar', length: 200 })
  serviceLevel!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  family!: string;
}
