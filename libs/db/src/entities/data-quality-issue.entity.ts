import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'data_quality_issues' })
@Unique('data_quality_issues_kind_leg_key', ['kind', 'legId'])
@Index('data_quality_issues_shipment_idx', ['shipmentId'])
export class DataQualityIssueEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ name: 'carrier_id', type: 'int', nullable: true })
  carrierId!: number | null;

  // In the key: the table's Citus distribution column (libs/db distribution.ts, docs/scaling.md).
  @PrimaryColumn({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  @Column({ name: 'shipment_id', type: 'uuid', nullable: true })
  shipmentId!: string | null;

  @Column({ type: 'jsonb' })
  details!: unknown;

  // Every leg the issue involves (the claiming legs too), so it shows on each shipment it touches.
  @Column({ name: 'related_leg_ids', type: 'bigint', array: true, default: () => "'{}'" })
  relatedLegIds!: string[];

  @CreateDateColumn({ name: 'detected_at', type: 'timestamptz' })
  detectedAt!: Date;
}
