import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { KpiCellKey } from './kpi-cell-key';

// The mergeable histogram of a rollup cell, one row per non-empty bucket, summed at read time.
@Entity({ name: 'kpi_rollup_buckets' })
@Index('kpi_rollup_buckets_read_idx', ['level', 'tier', 'bucketStart'])
export class KpiRollupBucketEntity extends KpiCellKey {
  @PrimaryColumn({ type: 'int' })
  bucket!: number;

  @Column({ type: 'int' })
  count!: number;
}
