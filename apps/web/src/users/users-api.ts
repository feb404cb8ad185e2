import { type RequestOptions, sendJson } from '../api/api-client';
import { USER_ROLES, type UserRole } from '../api/auth-types';
import type { UserChange } from './user-change.util';
import { asArray, asRecord, oneOf, optionalText, text } from '../api/parse.util';

export type UserAccount = { id: string; email: string; name: string; role: UserRole; carrier: string | null; disabledAt: string | null };

export type NewUser = { email: string; name: string; role: UserRole; carrier: string | null; password: string };

function parseUser(value: unknown, path: string): UserAccount {
  const record = asRecord(value, path);
  return {
    id: String(record.id),
    email: text(record, 'email', path),
    name: text(record, 'name', path),
    role: oneOf(record, 'role', USER_ROLES, path),
    carrier: optionalText(record, 'carrier', path),
    disabledAt: optionalText(record, 'disabledAt', path),
  };
}

export function fetchUsers(options: RequestOptions): Promise<UserAccount[]> {
  return sendJson({ ...options, method: 'GET', path: '/users', parse: (body) => asArray(body, 'users').map((item, index) => parseUser(item, `users[${index}]`)) });
}

/** A carrier user names its carrier; the API refuses a carrier for the other roles. */
export function createUser({ user, ...options }: RequestOptions & { user: NewUser }): Promise<UserAccount> {
  const { carrier, ...rest } = user;
  const body = user.role === 'carrier' ? { ...rest, carrier } : rest;
  return sendJson({ ...options, method: 'POST', path: '/users', body, parse: (value) => parseUser(value, 'user'), acceptedStatuses: [201] });
}

/** PATCH /users/{id}: role, carrier or disabled (disabling ends the user's sessions). */
export function updateUser({ id, change, ...options }: RequestOptions & { id: string; change: UserChange }): Promise<UserAccount> {
  return sendJson({ ...options, method: 'PATCH', path: `/users/${encodeURIComponent(id)}`, body: change, parse: (value) => parseUser(value, 'user') });
}
