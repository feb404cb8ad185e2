import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { roleOf } from './auth/resolve-session.util';
import { type Session, SessionContext } from './auth/session.context';
import { useAuth } from './auth/use-auth.hook';
import { AppRoutes } from './shell/app-routes.component';
import { SignInPage } from './sign-in/sign-in-page.component';

export function App() {
  const auth = useAuth();
  const { state, signOut, expire } = auth;

  const session = useMemo<Session | null>(() => {
    if (state.phase !== 'signed-in') {
      return null;
    }
    const role = roleOf(state.identity);
    const carrier = state.identity.kind === 'user' && role === 'carrier' ? state.identity.user.carrier : null;
    return { token: state.token, identity: state.identity, role, canEdit: role === 'admin', carrier, onUnauthorized: expire, signOut };
  }, [state, expire, signOut]);

  if (state.phase === 'checking') {
    return (
      <main className="sign-in" aria-busy="true">
        <p className="sign-in__card" role="status">
          Checking your sign-in…
        </p>
      </main>
    );
  }
  // Signing in keeps the address: a shared link opens its page after sign-in.
  if (session === null) {
    return (
      <SignInPage
        notice={state.phase === 'signed-out' ? state.notice : null}
        onPasswordSignIn={auth.signInWithPassword}
        onTokenSignIn={auth.signInWithToken}
      />
    );
  }
  return (
    <SessionContext value={session}>
      <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '') || undefined}>
        {/* A new token starts fresh pages: no figures or errors carried over from another session. */}
        <AppRoutes key={session.token} />
      </BrowserRouter>
    </SessionContext>
  );
}
