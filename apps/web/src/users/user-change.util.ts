import type { UserRole } from '../api/auth-types';
import type { UserAccount } from './users-api';

// What the Users page sends to PATCH /users/{id}: only what changed, and a carrier exactly when the
// role ends up `carrier` (the API refuses a carrier on any other role, and a carrier user without one).

export type RoleDraft = { role: UserRole; carrier: string | null };
export type UserChange = { role?: UserRole; carrier?: string | null; disabled?: boolean };

/** The change of role or carrier, null when nothing changed; a problem when a carrier user would have no carrier. */
export function roleChange(user: Pick<UserAccount, 'role' | 'carrier'>, draft: RoleDraft): { ok: true; change: UserChange | null } | { ok: false; problem: string } {
  const carrier = draft.role === 'carrier' ? draft.carrier : null;
  if (draft.role === 'carrier' && (carrier === null || carrier === '')) return { ok: false, problem: 'A carrier user needs its carrier.' };
  const change: UserChange = {};
  if (draft.role !== user.role) change.role = draft.role;
  if (carrier !== user.carrier) change.carrier = carrier;
  return { ok: true, change: Object.keys(change).length === 0 ? null : change };
}

/** The status line after a change, as the table will show it. */
export function changedInWords(user: Pick<UserAccount, 'email' | 'role' | 'carrier' | 'disabledAt'>): string {
  if (user.disabledAt !== null) return `Disabled ${user.email}: their sessions ended.`;
  return `${user.email} is now ${user.role === 'carrier' ? `a carrier user of ${user.carrier ?? '?'}` : `${user.role === 'admin' ? 'an' : 'a'} ${user.role}`}.`;
}
