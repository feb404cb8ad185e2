import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// contracts.md §3: the issued statement of one carrier and month, frozen with the fingerprint of its
// inputs. Later changes never touch it: they become revisions (statement_revisions).
@Entity({ name: 'statements' })
@Index('statements_carrier_month_key', ['carrierId', 'month'], { unique: true })
export class StatementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'carrier_id', type: 'int' })
  carrierId!: number;

  // YYYY-MM in the contract's time zone.
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  // The issued revision's number: 1 at the first issue, one more at every re-issue.
  @Column({ type: 'int' })
  revision!: number;

  // sha256 (hex) of the canonical inputs of the issued revision.
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'varchar', length: 320 })
  issuedBy!: string;
}
