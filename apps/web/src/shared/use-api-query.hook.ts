import { useCallback, useEffect, useRef, useState } from 'react';
import { UnauthorizedError } from '../api/api-client';

export type ApiQueryState<T> = {
  data: T | null;
  error: string | null;
  // True while the answer for the current key is outstanding, including after a retry.
  loading: boolean;
  retry: () => void;
};

type UseApiQueryOptions<T> = {
  // Identifies the request; a new key aborts the previous request and starts another. null: nothing to load.
  requestKey: string | null;
  load: (signal: AbortSignal) => Promise<T>;
  onUnauthorized: () => void;
};

type Settled<T> = { key: string; data: T | null; error: string | null };

function isAbort(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'AbortError';
}

// Results are stored with the key they answer, so an answer for an older range is never shown
// under a newer one, and "loading" is simply "no answer for this key yet".
export function useApiQuery<T>({ requestKey, load, onUnauthorized }: UseApiQueryOptions<T>): ApiQueryState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Refs so new callback identities from the caller do not restart the request.
  const loadRef = useRef(load);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    loadRef.current = load;
    onUnauthorizedRef.current = onUnauthorized;
  });

  const fullKey = requestKey === null ? null : `${attempt}|${requestKey}`;

  useEffect(() => {
    if (fullKey === null) {
      return undefined;
    }
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setSettled({ key: fullKey, data, error: null });
        }
      },
      (reason: unknown) => {
        if (controller.signal.aborted || isAbort(reason)) {
          return;
        }
        if (reason instanceof UnauthorizedError) {
          onUnauthorizedRef.current();
          return;
        }
        setSettled({ key: fullKey, data: null, error: reason instanceof Error ? reason.message : 'Unknown error' });
      },
    );
    return () => controller.abort();
  }, [fullKey]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  const current = settled !== null && settled.key === fullKey ? settled : null;
  return {
    data: current?.data ?? null,
    error: current?.error ?? null,
    loading: fullKey !== null && current === null,
    retry,
  };
}
