import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A carrier's saved CSV column mapping for bulk imports (one per carrier, replaced as a whole). */
@Entity({ name: 'import_mappings' })
export class ImportMappingEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @Column({ type: 'jsonb' })
  mapping!: unknown;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
