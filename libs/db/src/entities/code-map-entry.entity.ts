import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'code_map_entries' })
export class CodeMapEntryEntity {
  @PrimaryColumn({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  @PrimaryColumn({ name: 'raw_code', type: 'varchar', length: 200 })
  rawCode!: string;

  @Column({ type: 'varchar', length: 32 })
  milestone!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
