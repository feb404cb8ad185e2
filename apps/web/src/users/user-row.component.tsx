import { useId, useState } from 'react';
import { ApiError } from '../api/api-errors';
import { USER_ROLES, type UserRole } from '../api/auth-types';
import type { CarrierSummary } from '../api/data-quality-types';
import { useSession } from '../auth/session.context';
import { changedInWords, roleChange, type UserChange } from './user-change.util';
import { updateUser, type UserAccount } from './users-api';

type Mode = 'view' | 'edit' | 'confirm-disable';

function problemsOf(error: unknown): readonly string[] {
  return error instanceof ApiError && error.reasons.length > 0 ? error.reasons : [error instanceof Error ? error.message : String(error)];
}

// One user of the table; an admin changes its role or carrier in place, and disables it after a confirm
// (disabling ends its sessions at once), or enables it again.
export function UserRow({ user, carriers, canEdit, onChanged }: { user: UserAccount; carriers: readonly CarrierSummary[]; canEdit: boolean; onChanged: (status: string) => void }) {
  const { token } = useSession();
  const ids = { role: useId(), carrier: useId() };
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState<{ role: UserRole; carrier: string | null }>({ role: user.role, carrier: user.carrier });
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);

  const send = async (change: UserChange) => {
    setBusy(true);
    try {
      const updated = await updateUser({ token, id: user.id, change });
      setProblems([]);
      setMode('view');
      onChanged(changedInWords(updated));
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const result = roleChange(user, draft);
    if (!result.ok) return setProblems([result.problem]);
    if (result.change === null) return setMode('view');
    void send(result.change);
  };
  const disabled = user.disabledAt !== null;

  return (
    <tr data-user={user.email}>
      <td>{user.name}</td>
      <td>{user.email}</td>
      {mode === 'edit' ? (
        <>
          <td>
            <label htmlFor={ids.role} className="visually-hidden">{`Role of ${user.email}`}</label>
            <select id={ids.role} value={draft.role} onChange={(event) => setDraft((current) => ({ ...current, role: event.target.value as UserRole }))}>
              {USER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </td>
          <td>
            {draft.role === 'carrier' ? (
              <>
                <label htmlFor={ids.carrier} className="visually-hidden">{`Carrier of ${user.email}`}</label>
                <select id={ids.carrier} value={draft.carrier ?? ''} onChange={(event) => setDraft((current) => ({ ...current, carrier: event.target.value || null }))}>
                  <option value="">Pick its carrier…</option>
                  {carriers.map((carrier) => (
                    <option key={carrier.code} value={carrier.code}>
                      {carrier.code}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              '—'
            )}
          </td>
        </>
      ) : (
        <>
          <td>{user.role}</td>
          <td>{user.carrier ?? '—'}</td>
        </>
      )}
      <td>{disabled ? 'disabled' : 'enabled'}</td>
      {canEdit ? (
        <td>
          {mode === 'view' ? (
            <div className="row-actions">
              <button type="button" onClick={() => setMode('edit')} aria-label={`Change ${user.email}`}>
                Change
              </button>
              {disabled ? (
                <button type="button" disabled={busy} onClick={() => void send({ disabled: false })} aria-label={`Enable ${user.email}`}>
                  Enable
                </button>
              ) : (
                <button type="button" onClick={() => setMode('confirm-disable')} aria-label={`Disable ${user.email}`}>
                  Disable
                </button>
              )}
            </div>
          ) : null}
          {mode === 'edit' ? (
            <div className="row-actions">
              <button type="button" disabled={busy} onClick={save}>
                Save
              </button>
              <button type="button" onClick={() => (setMode('view'), setProblems([]), setDraft({ role: user.role, carrier: user.carrier }))}>
                Cancel
              </button>
            </div>
          ) : null}
          {mode === 'confirm-disable' ? (
            <div role="group" aria-label={`Confirm disabling ${user.email}`}>
              <p>{`Disable ${user.email}? They are signed out at once and cannot sign in until enabled again.`}</p>
              <button type="button" disabled={busy} onClick={() => void send({ disabled: true })}>
                Yes, disable
              </button>
              <button type="button" onClick={() => setMode('view')}>
                Keep enabled
              </button>
            </div>
          ) : null}
          {problems.length > 0 ? (
            <div className="banner banner--error" role="alert">
              {problems.map((problem) => (
                <p key={problem}>{problem}</p>
              ))}
            </div>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
