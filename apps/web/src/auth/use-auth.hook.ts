import { useCallback, useEffect, useState } from 'react';
import { fetchIngestStatus } from '../api/api-client';
import { fetchCurrentUser, login, logout } from '../api/dashboard-api';
import { type Identity, REJECTED_TOKEN_MESSAGE, resolveSession } from './resolve-session.util';
import { clearStoredToken, readStoredToken, saveStoredToken } from './session-token.store';

export type AuthState =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; token: string; identity: Identity };

function checkToken(token: string) {
  return resolveSession({
    fetchMe: () => fetchCurrentUser({ token }),
    probeAllCarriersRead: () => fetchIngestStatus({ token }),
  });
}

export type Auth = {
  state: AuthState;
  signInWithPassword: (credentials: { email: string; password: string }) => Promise<void>;
  // Resolves to a refusal message, or null when signed in.
  signInWithToken: (token: string) => Promise<string | null>;
  signOut: () => void;
  expire: () => void;
};

export function useAuth(): Auth {
  const [state, setState] = useState<AuthState>(() => (readStoredToken() === null ? { phase: 'signed-out', notice: null } : { phase: 'checking' }));

  // A reload keeps the tab's token; it is checked again, since it may have expired meanwhile.
  useEffect(() => {
    const stored = readStoredToken();
    if (stored === null) {
      return undefined;
    }
    let cancelled = false;
    void checkToken(stored).then((result) => {
      if (cancelled) {
        return;
      }
      if (result.ok) {
        setState({ phase: 'signed-in', token: stored, identity: result.identity });
      } else {
        clearStoredToken();
        setState({ phase: 'signed-out', notice: result.message });
      }
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const signInWithPassword = useCallback(async (credentials: { email: string; password: string }) => {
    const result = await login(credentials);
    saveStoredToken(result.token);
    setState({ phase: 'signed-in', token: result.token, identity: { kind: 'user', user: result.user } });
  }, []);

  const signInWithToken = useCallback(async (token: string) => {
    const result = await checkToken(token);
    if (!result.ok) {
      return result.message;
    }
    saveStoredToken(token);
    setState({ phase: 'signed-in', token, identity: result.identity });
    return null;
  }, []);

  const signOut = useCallback(() => {
    if (state.phase === 'signed-in' && state.identity.kind === 'user') {
      // Ends the session on the server too; signing out locally does not wait for it.
      void logout({ token: state.token }).catch(() => undefined);
    }
    clearStoredToken();
    setState({ phase: 'signed-out', notice: null });
  }, [state]);

  const expire = useCallback(() => {
    clearStoredToken();
    setState({ phase: 'signed-out', notice: REJECTED_TOKEN_MESSAGE });
  }, []);

  return { state, signInWithPassword, signInWithToken, signOut, expire };
}
