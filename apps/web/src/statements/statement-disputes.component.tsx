import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/api-errors';
import { useSession } from '../auth/session.context';
import { type AuditEntry, decideDispute, type Dispute, openDispute } from './statements-api';

const problemOf = (error: unknown) => (error instanceof ApiError && error.reasons.length > 0 ? error.reasons.join(' ') : error instanceof Error ? error.message : String(error));

/** A parcel's "Dispute" control: a reason, sent as a dispute of this month's statement. */
export function DisputeParcel({ carrier, month, trackingNumber, onDone }: { carrier: string; month: string; trackingNumber: string; onDone: () => void }) {
  const { token } = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="button--quiet" onClick={() => setOpen(true)} aria-label={`Dispute ${trackingNumber}`}>
        Dispute
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await openDispute({ token, carrier, month, parcel: trackingNumber, reason });
      setOpen(false);
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Dispute ${trackingNumber}`}>
      <label htmlFor={id}>Why should {trackingNumber} not count?</label> <input id={id} value={reason} onChange={(event) => setReason(event.target.value)} required />{' '}
      <button type="submit">Send dispute</button>
      {problem ? (
        <span role="alert" className="field__error">
          {problem}
        </span>
      ) : null}
    </form>
  );
}

function Decision({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const { token } = useSession();
  const id = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (decision: 'accept' | 'reject') => {
    try {
      await decideDispute({ token, id: dispute.id, decision, note });
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <span>
      <label htmlFor={id}>Decision note</label> <input id={id} value={note} onChange={(event) => setNote(event.target.value)} />{' '}
      <button type="button" onClick={() => void decide('accept')}>
        Accept
      </button>{' '}
      <button type="button" className="button--quiet" onClick={() => void decide('reject')}>
        Reject
      </button>
      {problem ? (
        <span role="alert" className="field__error">
          {problem}
        </span>
      ) : null}
    </span>
  );
}

/** The month's disputes and their outcomes; an admin decides the open ones with a note. */
export function DisputesSection({ disputes, onChanged }: { disputes: Dispute[]; onChanged: () => void }) {
  const { role } = useSession();
  return (
    <section className="panel" aria-label="Disputes">
      <h2>Disputes</h2>
      {disputes.length === 0 ? <p className="panel__placeholder">No parcel is disputed.</p> : null}
      <ul>
        {disputes.map((dispute) => (
          <li key={dispute.id} data-testid={`dispute-${dispute.trackingNumber}`}>
            <strong>{dispute.trackingNumber}</strong>: {dispute.reason} — <span>{dispute.status}</span> (by {dispute.openedBy}
            {dispute.decidedBy ? `; decided by ${dispute.decidedBy}${dispute.note ? `: ${dispute.note}` : ''}` : ''}){' '}
            {dispute.status === 'open' && role === 'admin' ? <Decision dispute={dispute} onDone={onChanged} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who issued, disputed or decided, when and why (contracts.md §3). */
export function AuditSection({ entries }: { entries: AuditEntry[] }) {
  return (
    <section className="panel" aria-label="Audit log">
      <h2>Audit log</h2>
      {entries.length === 0 ? <p className="panel__placeholder">Nothing issued, disputed or decided yet.</p> : null}
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.at.replace('T', ' ').slice(0, 19)} UTC — {entry.actor}: {entry.action}
            {entry.reason ? ` (${entry.reason})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
