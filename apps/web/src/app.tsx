import { useCallback, useMemo, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { clearAdminToken, readAdminToken, saveAdminToken } from './auth/admin-token.store';
import { type Session, SessionContext } from './auth/session.context';
import { AppRoutes } from './shell/app-routes.component';
import { SignInForm } from './sign-in/sign-in-form.component';

export function App() {
  const [token, setToken] = useState<string | null>(readAdminToken);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((value: string) => {
    saveAdminToken(value);
    setNotice(null);
    setToken(value);
  }, []);

  const returnToSignIn = useCallback((message: string | null) => {
    clearAdminToken();
    setNotice(message);
    setToken(null);
  }, []);

  const session = useMemo<Session | null>(
    () =>
      token === null
        ? null
        : {
            token,
            onUnauthorized: () => returnToSignIn('The API did not accept that token. Sign in again.'),
            signOut: () => returnToSignIn(null),
          },
    [token, returnToSignIn],
  );

  // Signing in keeps the address: a shared link opens its page after sign-in.
  if (session === null) {
    return <SignInForm onSignIn={signIn} notice={notice} />;
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
