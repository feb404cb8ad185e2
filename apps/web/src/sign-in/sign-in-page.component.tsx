import { useState } from 'react';
import { PasswordSignInForm } from './password-sign-in-form.component';
import { TokenSignInForm } from './sign-in-form.component';

type SignInPageProps = {
  notice: string | null;
  onPasswordSignIn: (credentials: { email: string; password: string }) => Promise<void>;
  onTokenSignIn: (token: string) => Promise<string | null>;
};

export function SignInPage({ notice, onPasswordSignIn, onTokenSignIn }: SignInPageProps) {
  const [withToken, setWithToken] = useState(false);
  return (
    <main className="sign-in">
      <div className="sign-in__card">
        <p className="page-header__product">Lanewatch</p>
        <h1 id="sign-in-heading">Sign in</h1>
        {notice ? (
          <p className="banner banner--error" role="alert">
            {notice}
          </p>
        ) : null}
        {withToken ? <TokenSignInForm onSignIn={onTokenSignIn} /> : <PasswordSignInForm onSignIn={onPasswordSignIn} />}
        <button type="button" className="button--quiet sign-in__switch" onClick={() => setWithToken((value) => !value)}>
          {withToken ? 'Sign in with email and password' : 'Operators: sign in with the admin token'}
        </button>
      </div>
    </main>
  );
}
