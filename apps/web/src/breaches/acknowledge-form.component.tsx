import { type FormEvent, useId, useState } from 'react';
import { acknowledgeBreach, unacknowledgeBreach } from '../api/dashboard-api';
import type { BreachDetail } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { ApiError, UnauthorizedError } from '../api/api-client';

const NOTE_REQUIRED = 'Write what is being done about it: the note is what the next person reads.';

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
    if (note.trim() === '') {
      setError(NOTE_REQUIRED);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onAcknowledged(await acknowledgeBreach({ token, id: breachId, note: note.trim() }));
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      // A 400 names the note; a 403 (a viewer) or 409 (already acknowledged or resolved) says what happened.
      setError(reason instanceof ApiError && reason.status === 400 ? NOTE_REQUIRED : reason instanceof Error ? reason.message : 'Could not acknowledge the breach');
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
          aria-required="true"
          aria-invalid={error === NOTE_REQUIRED}
          aria-describedby={error === NOTE_REQUIRED ? `${hintId} ${hintId}-error` : hintId}
        />
        <p id={hintId} className="panel__note">
          What is being done about it (required). Reminders stop; the breach still resolves by itself.
        </p>
        {error === NOTE_REQUIRED ? (
          <p id={`${hintId}-error`} className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {error && error !== NOTE_REQUIRED ? (
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

// An acknowledgement made by mistake (or for the wrong breach) is taken back: open again, reminders resume.
export function UndoAcknowledgement({ breachId, onUndone }: { breachId: string; onUndone: (breach: BreachDetail) => void }) {
  const { token, onUnauthorized } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function undo(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onUndone(await unacknowledgeBreach({ token, id: breachId }));
    } catch (reason) {
      if (reason instanceof UnauthorizedError) return onUnauthorized();
      setError(reason instanceof Error ? reason.message : 'Could not undo the acknowledgement');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel acknowledge-form">
      <p className="panel__note">Acknowledged by mistake? Undoing it opens the breach again and reminders resume.</p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button--quiet" disabled={busy} onClick={() => void undo()}>
        {busy ? 'Undoing…' : 'Undo acknowledgement'}
      </button>
    </div>
  );
}
