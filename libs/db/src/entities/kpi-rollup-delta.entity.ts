import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// What the write path changed in the rollups, appended instead of rewriting cells: a signed partial
// cell per quarter hour with every dimension kept. The compactor folds them into kpi_rollups shard by
// shard (libs/domain rollup-deltas) in the background; until then every read adds them in, so an
// answer reflects every derived fact at once (libs/db kpi-query.repository).
@Entity({ name: 'kpi_rollup_deltas' })
@Index('kpi_rollup_deltas_shard_idx', ['shard', 'id'])
@Index('kpi_rollup_deltas_read_idx', ['level', 'family', 'bucketStart'])
export class KpiRollupDeltaEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'smallint' })
  shard!: number;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  // e: from stored events (feed, re-map); f: from derived facts. A rebuild keeps the e-deltas its
  // snapshot did not see and derives the journeys of the f-deltas again (docs/architecture.md).
  @Column({ type: 'char', length: 1 })
  origin!: string;

  // The writing transaction, to tell what a rebuild's snapshot saw.
  @Column({ type: 'bigint' })
  xid!: string;

  @Column({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart!: Date;

  @Column({ type: 'char', length: 1 })
  level!: string;

  // In the key: the table's Citus distribution column (libs/db distribution.ts, docs/scaling.md).
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ name: 'peer_carrier_id', type: 'int' })
  peerCarrierId!: number;

  @Column({ type: 'varchar', length: 5 })
  corridor!: string;

  @Column({ name: 'service_level', type: 'varchar', length: 200 })
  serviceLevel!: string;

  @Column({ type: 'varchar', length: 12 })
  family!: string;

  @Column({ type: 'smallint' })
  sign!: number;

  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'int' })
  successes!: number;

  @Column({ type: 'float8' })
  mean!: number;

  @Column({ type: 'float8' })
  m2!: number;

  @Column({ type: 'bytea', nullable: true })
  histogram!: Buffer | null;
}
