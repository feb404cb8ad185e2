import { useState } from 'react';
import { UnauthorizedError } from '../api/api-client';
import { useSession } from '../auth/session.context';

// Deleting asks first, then reloads the list; a failure is shown once above the table.
export function useDeleteAction({ remove, onDeleted }: { remove: (id: string, token: string) => Promise<void>; onDeleted: () => void }) {
  const { token, onUnauthorized } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function run(id: string, question: string): Promise<void> {
    if (!window.confirm(question)) {
      return;
    }
    setBusyId(id);
    setError(null);
    try {
      await remove(id, token);
      onDeleted();
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      setError(reason instanceof Error ? reason.message : 'Could not delete');
    } finally {
      setBusyId(null);
    }
  }

  return { error, busyId, run: (id: string, question: string) => void run(id, question) };
}
