import { type FormEvent, useId, useState } from 'react';
import { acknowledgeBreach } from '../api/dashboard-api';
import type { BreachDetail } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { UnauthorizedError } from '../api/api-client';

type AcknowledgeFormProps = { breachId: string; onAcknowledged: (breach: BreachDetail) => void };

const MAX_NOTE_LENGTH = 2000;

export function AcknowledgeForm({ breachId, onAcknowledged }: AcknowledgeFormProps) {
  const { token, onUnauthorized } = useSession();
  const noteId = useId();
  const hintId = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAcknowledged(await acknowledgeBreach({ token, id: breachId, note: note.trim() }));
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      // A 403 (a viewer) or 409 (already acknowledged or resolved) says what happened; show it as is.
      setError(reason instanceof Error ? reason.message : 'Could not acknowledge the breach');
      setBusy(false);
    }
  }

  return (
    <form className="panel acknowledge-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${noteId}-heading`}>
      <h2 id={`${noteId}-heading`}>Acknowledge</h2>
      <div className="field">
        <label htmlFor={noteId}>Note</label>
        <textarea
          id={noteId}
          rows={3}
          maxLength={MAX_NOTE_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-describedby={hintId}
        />
        <p id={hintId} className="panel__note">
          What is being done about it. Reminders stop; the breach still resolves by itself.
        </p>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Acknowledging…' : 'Acknowledge breach'}
      </button>
    </form>
  );
}
