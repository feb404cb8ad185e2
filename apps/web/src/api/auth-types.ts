import { asRecord, oneOf, text } from './parse.util';

export const USER_ROLES = ['admin', 'viewer', 'carrier'] as const;
export type UserRole = (typeof USER_ROLES)[number];

// `carrier`: the code of the carrier a carrier user is bound to (and sees alone); null otherwise.
export type SignedInUser = { id: string; email: string; name: string; role: UserRole; carrier: string | null };

export type LoginResult = { token: string; expiresAt: string; user: SignedInUser };

export type CurrentUser = { user: SignedInUser; expiresAt: string };

function parseUser(value: unknown, path: string): SignedInUser {
  const record = asRecord(value, path);
  const id = record.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new TypeError(`${path}.id must be a string or a number`);
  }
  return {
    id: String(id),
    email: text(record, 'email', path),
    name: typeof record.name === 'string' && record.name !== '' ? record.name : text(record, 'email', path),
    role: oneOf(record, 'role', USER_ROLES, path),
    carrier: typeof record.carrier === 'string' && record.carrier !== '' ? record.carrier : null,
  };
}

export function parseLoginResult(body: unknown): LoginResult {
  const record = asRecord(body, 'login');
  return { token: text(record, 'token', 'login'), expiresAt: text(record, 'expiresAt', 'login'), user: parseUser(record.user, 'login.user') };
}

export function parseCurrentUser(body: unknown): CurrentUser {
  const record = asRecord(body, 'me');
  return { user: parseUser(record.user, 'me.user'), expiresAt: text(record, 'expiresAt', 'me') };
}
