import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Pre-aggregated KPI cells (kpis.md §3-4): per UTC month (tier 2), ISO week (tier 3), day (tier 0)
// and 15 minutes (tier 1, read only for the partial days at a window's edges), per level, carrier,
// corridor, service level and metric family. Partitioned by tier (see the migration): the quarter
// hours apart from the coarser cells that every read sums. Read by every KPI query; raw events and
// facts are never scanned to answer one. Empty strings stand for "none" so the key can be a primary key.
//
// Each cell is also kept with its corridor, its service level or both summed away (`keeps`), so
// a read grouped by carrier sums one cell per carrier and day instead of one per lane: the number
// of cells a read touches depends on the window and the groups, not on how many lanes carry
// traffic (kpis.md §3: shipments without a corridor count in those sums, as they do in /kpis).
@Entity({ name: 'kpi_rollups' })
@Index('kpi_rollups_read_idx', ['level', 'keeps', 'tier', 'family', 'bucketStart'])
export class KpiRollupEntity {
  @PrimaryColumn({ type: 'smallint' })
  tier!: number;

  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart!: Date;

  @PrimaryColumn({ type: 'char', length: 1 })
  level!: string;

  // Bit 1: the cell keeps its corridor; bit 2: its service level (3 = both, the finest cell).
  @PrimaryColumn({ type: 'smallint', default: 3 })
  keeps!: number;

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

  // Values (transit, customs) or trials (first attempt, on time).
  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'int', default: 0 })
  successes!: number;

  // Welford moments of the values; merged across cells with Chan's formula at read time.
  @Column({ type: 'float8', default: 0 })
  mean!: number;

  @Column({ type: 'float8', default: 0 })
  m2!: number;

  // The cell's mergeable histogram (packHistogram), for families with percentiles.
  @Column({ type: 'bytea', nullable: true })
  histogram!: Buffer | null;
}
