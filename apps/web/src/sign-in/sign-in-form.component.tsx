import { type FormEvent, useId, useState } from 'react';

type TokenSignInFormProps = { onSignIn: (token: string) => Promise<string | null> };

// For operators: the admin token of the deployment. Carrier keys are refused after the check.
export function TokenSignInForm({ onSignIn }: TokenSignInFormProps) {
  const inputId = useId();
  const hintId = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed === '') {
      setError('Enter the admin token.');
      return;
    }
    setBusy(true);
    const refusal = await onSignIn(trimmed);
    setBusy(false);
    setError(refusal);
  }

  return (
    <form className="sign-in__form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label="Sign in with the admin token">
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
      />
      <p id={hintId} className="sign-in__hint" role={error ? 'alert' : undefined}>
        {error ?? 'The value of LANEWATCH_ADMIN_TOKEN. It is kept for this browser tab only.'}
      </p>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Sign in with token'}
      </button>
    </form>
  );
}
