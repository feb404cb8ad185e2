import { type FormEvent, useId, useState } from 'react';
import { describeLoginError } from './sign-in-error.util';

type PasswordSignInFormProps = { onSignIn: (credentials: { email: string; password: string }) => Promise<void> };

export function PasswordSignInForm({ onSignIn }: PasswordSignInFormProps) {
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Enter your email and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn({ email: email.trim(), password });
    } catch (reason) {
      setError(describeLoginError(reason));
      setBusy(false);
    }
  }

  return (
    <form className="sign-in__form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label="Sign in with email and password">
      <label htmlFor={emailId}>Email</label>
      <input
        id={emailId}
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        aria-describedby={error ? errorId : undefined}
        autoFocus
      />
      <label htmlFor={passwordId}>Password</label>
      <input
        id={passwordId}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error !== null}
      />
      {error ? (
        <p id={errorId} className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
