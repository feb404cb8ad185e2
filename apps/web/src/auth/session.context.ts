import { createContext, useContext } from 'react';

// What a signed-in page needs: the token for API calls, and the ways back to sign-in. When user
// login replaces the admin token, only the provider in app.tsx changes.
export type Session = {
  token: string;
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
