import { insertUser, SqlRunner, UserRow } from '@lanewatch/db';
import type { UserCreation, UserRole } from '@lanewatch/domain';
import { hashPassword } from './user-credentials';

export interface UserView {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  createdAt: Date;
  disabledAt: Date | null;
}

export function toUserView(row: UserRow): UserView {
  return { id: row.id, email: row.email, name: row.display_name, role: row.role, createdAt: row.created_at, disabledAt: row.disabled_at };
}

/**
 * Hashes the password and stores the user: shared by the API, the CLI and the demo, so every
 * path hashes the same way. Null when the email is taken.
 */
export async function createUserAccount(runner: SqlRunner, creation: UserCreation): Promise<UserRow | null> {
  return insertUser(runner, {
    email: creation.email,
    displayName: creation.name,
    role: creation.role,
    passwordHash: await hashPassword(creation.password),
  });
}
