import { hashPassword } from '@lanewatch/crypto';
import type { UserCreation } from '@lanewatch/domain';
import { findCarrierByCode } from './carrier.repository';
import type { SqlRunner } from './sql-runner';
import { insertUser, type UserRow } from './users.repository';

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
