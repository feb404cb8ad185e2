import { type FormEvent, useCallback, useId, useState } from 'react';
import { ApiError } from '../api/api-errors';
import { USER_ROLES, type UserRole } from '../api/auth-types';
import type { CarrierSummary } from '../api/data-quality-types';
import { fetchCarrierList } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { UserRow } from './user-row.component';
import { createUser, fetchUsers, type NewUser } from './users-api';

const ROLE_WORDS: Record<UserRole, string> = {
  admin: 'admin — changes everything',
  viewer: 'viewer — reads every carrier',
  carrier: "carrier — reads only its carrier's pages",
};

// Admins list users, create them, change their role or carrier and disable them; a carrier user is bound to a carrier picked from the registry.
export function UsersPage() {
  const { token, onUnauthorized, canEdit } = useSession();
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => fetchUsers({ token, signal }), [token]);
  const users = useApiQuery({ requestKey: `users-${version}`, load, onUnauthorized });
  const [status, setStatus] = useState<string | null>(null);
  const loadCarriers = useCallback((signal: AbortSignal) => fetchCarrierList({ token, signal }), [token]);
  const carriers = useApiQuery({ requestKey: canEdit ? 'carriers' : null, load: loadCarriers, onUnauthorized }).data ?? [];
  return (
    <>
      <title>Users — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-header__subtitle">Who signs in to the dashboard. Carrier users see only their own carrier.</p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        {canEdit ? <NewUserForm carriers={carriers} onCreated={() => setVersion((value) => value + 1)} /> : null}
        {status !== null ? <p role="status">{status}</p> : null}
        <QueryState query={users} what="the users">
          {(data) => (
            <section className="panel" aria-label="Users">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Carrier</th>
                    <th scope="col">State</th>
                    {canEdit ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.map((user) => (
                    <UserRow
                      key={`${user.id}|${user.role}|${user.carrier ?? ''}|${user.disabledAt ?? ''}`}
                      user={user}
                      carriers={carriers}
                      canEdit={canEdit}
                      onChanged={(message) => {
                        setStatus(message);
                        setVersion((value) => value + 1);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </QueryState>
      </main>
    </>
  );
}

function NewUserForm({ carriers, onCreated }: { carriers: readonly CarrierSummary[]; onCreated: () => void }) {
  const { token } = useSession();
  const ids = { email: useId(), name: useId(), role: useId(), carrier: useId(), password: useId() };
  const [draft, setDraft] = useState<NewUser>({ email: '', name: '', role: 'viewer', carrier: null, password: '' });
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const set = (change: Partial<NewUser>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    try {
      const user = await createUser({ token, user: draft });
      setProblems([]);
      setDone(`Created ${user.role} user ${user.email}${user.carrier ? ` of ${user.carrier}` : ''}.`);
      setDraft({ email: '', name: '', role: 'viewer', carrier: null, password: '' });
      onCreated();
    } catch (error) {
      setProblems(error instanceof ApiError && error.reasons.length > 0 ? error.reasons : [error instanceof Error ? error.message : String(error)]);
    }
  };

  return (
    <section className="panel" aria-label="New user">
      <h2>New user</h2>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} type="email" value={draft.email} onChange={(event) => set({ email: event.target.value })} required />
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={draft.name} onChange={(event) => set({ name: event.target.value })} required />
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={draft.role} onChange={(event) => set({ role: event.target.value as UserRole })}>
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_WORDS[role]}
            </option>
          ))}
        </select>
        {draft.role === 'carrier' ? (
          <>
            <label htmlFor={ids.carrier}>Carrier</label>
            <select id={ids.carrier} value={draft.carrier ?? ''} onChange={(event) => set({ carrier: event.target.value || null })} required>
              <option value="">Pick its carrier…</option>
              {carriers.map((carrier) => (
                <option key={carrier.code} value={carrier.code}>
                  {carrier.name === carrier.code ? carrier.code : `${carrier.name} (${carrier.code})`}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} type="password" autoComplete="new-password" value={draft.password} onChange={(event) => set({ password: event.target.value })} required />
        <button type="submit">Create user</button>
      </form>
      {problems.length > 0 ? (
        <div className="banner banner--error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}
