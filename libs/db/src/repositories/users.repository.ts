import type { UserRole } from '@lanewatch/domain';
import type { UserEntity } from '../entities/user.entity';
import type { UserSessionEntity } from '../entities/user-session.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type UserRow = ColumnsOf<UserEntity, 'id' | 'email' | 'display_name' | 'role' | 'carrier_id' | 'created_at' | 'disabled_at'> & {
  carrier_code: string | null;
};

export type UserWithPasswordRow = UserRow & ColumnsOf<UserEntity, 'password_hash'>;

// A subquery rather than a join: the same list serves INSERT/UPDATE ... RETURNING.
const USER_COLUMNS = 'u.id, u.email, u.display_name, u.role, u.carrier_id, (SELECT c.code FROM carriers c WHERE c.id = u.carrier_id) AS carrier_code, u.created_at, u.disabled_at';

/** Inserts a user; null when the email is taken. `email` must already be lower-cased. */
export async function insertUser(
  runner: SqlRunner,
  user: { email: string; displayName: string; role: UserRole; passwordHash: string; carrierId?: number | null },
): Promise<UserRow | null> {
  const inserted = await rows<UserRow>(
    runner,
    `INSERT INTO users AS u (email, display_name, role, password_hash, carrier_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [user.email, user.displayName, user.role, user.passwordHash, user.carrierId ?? null],
  );
  return inserted[0] ?? null;
}

export async function findUserByEmail(runner: SqlRunner, email: string): Promise<UserWithPasswordRow | null> {
  const found = await rows<UserWithPasswordRow>(runner, `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1`, [email]);
  return found[0] ?? null;
}

export async function findUserById(runner: SqlRunner, id: number): Promise<UserRow | null> {
  const found = await rows<UserRow>(runner, `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return found[0] ?? null;
}

export async function listUsers(runner: SqlRunner): Promise<UserRow[]> {
  return rows<UserRow>(runner, `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.id`);
}

export async function countActiveUsersWithRole(runner: SqlRunner, role: UserRole): Promise<number> {
  const [row] = await rows<{ count: number }>(runner, `SELECT count(*)::int AS count FROM users WHERE role = $1 AND disabled_at IS NULL`, [role]);
  return row.count;
}

/**
 * Changes only the fields given. `disabledAt`: a date disables (keeping an earlier date), null
 * enables. `carrierId`: a carrier binds, null unbinds (with the role, or the check refuses it).
 * Null when there is no such user.
 */
export async function updateUser(
  runner: SqlRunner,
  id: number,
  changes: { displayName?: string; role?: UserRole; passwordHash?: string; disabledAt?: Date | null; carrierId?: number | null },
): Promise<UserRow | null> {
  const updated = await rows<UserRow>(
    runner,
    `UPDATE users AS u SET
        display_name = COALESCE($2, u.display_name),
        role = COALESCE($3, u.role),
        password_hash = COALESCE($4, u.password_hash),
        disabled_at = CASE WHEN NOT $5::boolean THEN u.disabled_at WHEN $6::timestamptz IS NULL THEN NULL ELSE COALESCE(u.disabled_at, $6) END,
        carrier_id = CASE WHEN $7::boolean THEN $8::int ELSE u.carrier_id END
      WHERE u.id = $1
      RETURNING ${USER_COLUMNS}`,
    [
      id,
      changes.displayName ?? null,
      changes.role ?? null,
      changes.passwordHash ?? null,
      changes.disabledAt !== undefined,
      changes.disabledAt ?? null,
      changes.carrierId !== undefined,
      changes.carrierId ?? null,
    ],
  );
  return updated[0] ?? null;
}

export async function insertSession(
  runner: SqlRunner,
  session: { tokenHash: string; userId: number; now: Date; expiresAt: Date },
): Promise<ColumnsOf<UserSessionEntity, 'id' | 'expires_at'>> {
  const [inserted] = await rows<ColumnsOf<UserSessionEntity, 'id' | 'expires_at'>>(
    runner,
    `INSERT INTO user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)
     RETURNING id, expires_at`,
    [session.tokenHash, session.userId, session.now, session.expiresAt],
  );
  return inserted;
}

export type SessionUserRow = ColumnsOf<UserSessionEntity, 'expires_at' | 'last_seen_at' | 'user_id'> &
  ColumnsOf<UserEntity, 'role' | 'carrier_id'> & {
    session_id: string;
    carrier_code: string | null;
  };

/** The session with this token hash, when it is neither revoked nor expired and its user is enabled. */
export async function activeSessionByTokenHash(runner: SqlRunner, tokenHash: string, now: Date): Promise<SessionUserRow | null> {
  const found = await rows<SessionUserRow>(
    runner,
    `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, u.id AS user_id, u.role, u.carrier_id, c.code AS carrier_code
       FROM user_sessions s JOIN users u ON u.id = s.user_id LEFT JOIN carriers c ON c.id = u.carrier_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [tokenHash, now],
  );
  return found[0] ?? null;
}

/** Moves a live session's expiry; a revoked one stays revoked. */
export async function extendSession(runner: SqlRunner, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await runner.query(
    `UPDATE user_sessions SET last_seen_at = $2, expires_at = GREATEST(expires_at, $3) WHERE id = $1 AND revoked_at IS NULL`,
    [sessionId, now, expiresAt],
  );
}

export async function revokeSession(runner: SqlRunner, sessionId: string, now: Date): Promise<void> {
  await runner.query(`UPDATE user_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, now]);
}

export async function revokeSessionsOfUser(runner: SqlRunner, userId: number, now: Date): Promise<number> {
  const revoked = await rows<ColumnsOf<UserSessionEntity, 'id'>>(
    runner,
    `UPDATE user_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id`,
    [userId, now],
  );
  return revoked.length;
}

/** Removes a user's sessions that ended (expired or revoked) before `before`, so the table does not grow without bound. */
export async function deleteEndedSessions(runner: SqlRunner, userId: number, before: Date): Promise<void> {
  await runner.query(`DELETE FROM user_sessions WHERE user_id = $1 AND (expires_at < $2 OR revoked_at < $2)`, [userId, before]);
}
