import { Column, Entity, Index } from 'typeorm';
import { KpiCellKey } from './kpi-cell-key';

// Pre-aggregated KPI cells (kpis.md §3-4): per UTC day (tier 0) and per 15 minutes (tier 1, read only
// for the partial days at a window's edges), per level, carrier, corridor, service level and metric
// family. Read by every KPI query; raw events and facts are never scanned to answer one.
@Entity({ name: 'kpi_rollups' })
@Index('kpi_rollups_read_idx', ['level', 'tier', 'bucketStart'])
export class KpiRollupEntity extends KpiCellKey {
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
}
