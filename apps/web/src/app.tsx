import { useCallback, useState } from 'react';
import { clearAdminToken, readAdminToken, saveAdminToken } from './auth/admin-token.store';
import { IngestHealthPage } from './ingest-health/ingest-health.page';
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

  if (token === null) {
    return <SignInForm onSignIn={signIn} notice={notice} />;
  }
  return (
    <IngestHealthPage
      // A new token starts a fresh page: no samples or errors carried over from another session.
      key={token}
      token={token}
      onUnauthorized={() => returnToSignIn('The API did not accept that token. Sign in again.')}
      onSignOut={() => returnToSignIn(null)}
    />
  );
}
