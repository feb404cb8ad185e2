import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// An administrator's decision on a leg's link (events.md §9): the leg follows the hand-over from
// parent_leg_id only (null: from no leg); contradicting claims are listed and ignored.
@Entity({ name: 'leg_link_pins' })
@Index('leg_link_pins_parent_idx', ['parentLegId'])
export class LegLinkPinEntity {
  @PrimaryColumn({ name: 'leg_id', type: 'bigint' })
  legId!: string;

  @Column({ name: 'parent_leg_id', type: 'bigint', nullable: true })
  parentLegId!: string | null;

  @Column({ name: 'pinned_at', type: 'timestamptz' })
  pinnedAt!: Date;

  @Column({ name: 'pinned_by', type: 'varchar', length: 80 })
  pinnedBy!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;
}
