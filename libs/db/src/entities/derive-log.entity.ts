import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// The legs each derivation changed and its transaction: a rebuild derives again the journeys its
// snapshot did not see derived (docs/architecture.md). Kept for minutes, then trimmed.
@Entity({ name: 'derive_log' })
@Index('derive_log_logged_idx', ['loggedAt'])
export class DeriveLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  xid!: string;

  @Column({ name: 'leg_ids', type: 'bigint', array: true })
  legIds!: string[];

  @Column({ name: 'logged_at', type: 'timestamptz', default: () => 'now()' })
  loggedAt!: Date;
}
