import type { UserRole } from '@lanewatch/domain';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
// Emails are stored lower-cased, so the unique key is case-insensitive without an expression index.
@Check('CHK_users_email_lower_case', `"email" = lower("email")`)
@Check('CHK_users_role', `"role" IN ('admin', 'viewer', 'carrier')`)
// A carrier user is bound to exactly one carrier; admins and viewers to none.
@Check('CHK_users_carrier_binding', `("role" = 'carrier') = ("carrier_id" IS NOT NULL)`)
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  // argon2id in PHC format (algorithm, parameters and salt travel with the hash).
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  // The carrier a `carrier` user sees (contracts.md §3); null for admins and viewers.
  @Column({ name: 'carrier_id', type: 'int', nullable: true })
  carrierId!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
