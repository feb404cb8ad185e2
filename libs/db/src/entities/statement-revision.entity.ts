import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StatementEntity } from './statement.entity';

// Every issued revision of a statement, and every draft that later inputs produced (one per distinct
// fingerprint), with its difference from the issued revision it would replace.
@Entity({ name: 'statement_revisions' })
@Index('statement_revisions_fingerprint_key', ['statementId', 'kind', 'fingerprint'], { unique: true })
export class StatementRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'statement_id', type: 'uuid' })
  statementId!: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'statement_id' })
  statement?: StatementEntity;

  @Column({ type: 'int' })
  revision!: number;

  // 'issued' or 'draft'.
  @Column({ type: 'varchar', length: 10 })
  kind!: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  difference!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 320, nullable: true })
  createdBy!: string | null;
}
