import { createContext, useContext } from 'react';
import type { UserRole } from '../api/auth-types';
import type { Identity } from './resolve-session.util';

// What a signed-in page needs: the token for API calls, who is signed in, and the ways back to sign-in.
export type Session = {
  token: string;
  identity: Identity;
  role: UserRole;
  // Viewers read everything and change nothing; pages hide the controls (the API refuses anyway).
  canEdit: boolean;
  // A carrier user's own carrier: its pages are the only ones it sees (contracts.md §3). Null for admins and viewers.
  carrier: string | null;
  onUnauthorized: () => void;
  signOut: () => void;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) {
    throw new Error('useSession must be used inside a signed-in page');
  }
  return session;
}
