import { type FormEvent, useId, useState } from 'react';

type SignInFormProps = { onSignIn: (token: string) => void; notice: string | null };

export function SignInForm({ onSignIn, notice }: SignInFormProps) {
  const inputId = useId();
  const hintId = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed === '') {
      setError('Enter the admin token.');
      return;
    }
    onSignIn(trimmed);
  }

  return (
    <main className="sign-in">
      <form className="sign-in__card" onSubmit={handleSubmit} noValidate aria-labelledby="sign-in-heading">
        <p className="page-header__product">Lanewatch</p>
        <h1 id="sign-in-heading">Sign in</h1>
        {notice ? (
          <p className="banner banner--error" role="alert">
            {notice}
          </p>
        ) : null}
        <label htmlFor={inputId}>Admin token</label>
        <input
          id={inputId}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            setError(null);
          }}
          aria-describedby={hintId}
          aria-invalid={error !== null}
          autoFocus
        />
        <p id={hintId} className="sign-in__hint">
          {error ?? 'The value of LANEWATCH_ADMIN_TOKEN. It is kept for this browser tab only.'}
        </p>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
