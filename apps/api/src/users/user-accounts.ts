import { findCarrierByCode, insertUser, SqlRunner, UserRow } from '@lanewatch/db';
import type { UserCreation, UserRole } from '@lanewatch/domain';
import { hashPassword } from './user-credentials';

export interface UserView {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  /** The code of the carrier a `carrier` user is bound to; null for admins and viewers. */
  carrier: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    carrier: row.carrier_code,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export type UserCreationResult = { ok: true; user: UserRow } | { ok: false; problem: string };

/** The message for a carrier code that names no registered carrier. */
export const unknownCarrierProblem = (code: string) => `carrier '${code}' is not registered; register it first (POST /api/v1/carriers)`;

/**
 * Hashes the password and stores the user: shared by the API, the CLI and the demo, so every
 * path hashes the same way. A carrier user's carrier must be registered; the email must be free.
 */
export async function createUserAccount(runner: SqlRunner, creation: UserCreation): Promise<UserCreationResult> {
  let carrierId: number | null = null;
  if (creation.carrier) {
    const carrier = await findCarrierByCode(runner, creation.carrier);
    if (!carrier) return { ok: false, problem: unknownCarrierProblem(creation.carrier) };
    carrierId = carrier.id;
  }
  const user = await insertUser(runner, {
    email: creation.email,
    displayName: creation.name,
    role: creation.role,
    passwordHash: await hashPassword(creation.password),
    carrierId,
  });
  return user ? { ok: true, user } : { ok: false, problem: `a user with email '${creation.email}' already exists` };
}
