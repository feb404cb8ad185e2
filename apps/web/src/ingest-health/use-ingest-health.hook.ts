import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchHealth, fetchIngestStatus, UnauthorizedError } from '../api/api-client';
import type { HealthReport, IngestStatus } from '../api/api-types';

export const POLL_INTERVAL_MS = 5000;

export type IngestHealthState = {
  status: IngestStatus | null;
  statusError: string | null;
  health: HealthReport | null;
  healthError: string | null;
  lastUpdatedAt: number | null;
  // True until the first status request settles, so the page can tell "loading" from "failed".
  loading: boolean;
};

type UseIngestHealthOptions = {
  token: string;
  paused: boolean;
  onUnauthorized: () => void;
  intervalMs?: number;
  now?: () => number;
};

const INITIAL_STATE: IngestHealthState = {
  status: null,
  statusError: null,
  health: null,
  healthError: null,
  lastUpdatedAt: null,
  loading: true,
};

function describeFailure(reason: unknown): string {
  return reason instanceof Error ? reason.message : 'Unknown error';
}

function isAbort(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'AbortError';
}

export function useIngestHealth({
  token,
  paused,
  onUnauthorized,
  intervalMs = POLL_INTERVAL_MS,
  now = Date.now,
}: UseIngestHealthOptions): IngestHealthState & { refresh: () => void } {
  const [state, setState] = useState<IngestHealthState>(INITIAL_STATE);
  const [refreshCount, setRefreshCount] = useState(0);
  // Kept in refs so a new callback identity from the parent does not restart the polling loop.
  const onUnauthorizedRef = useRef(onUnauthorized);
  const nowRef = useRef(now);
  useEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
    nowRef.current = now;
  });

  const loadOnce = useCallback(
    async (signal: AbortSignal): Promise<void> => {
      const [status, health] = await Promise.allSettled([
        fetchIngestStatus({ token, signal }),
        fetchHealth({ token, signal }),
      ]);
      if (signal.aborted) {
        return;
      }
      if (
        (status.status === 'rejected' && status.reason instanceof UnauthorizedError) ||
        (health.status === 'rejected' && health.reason instanceof UnauthorizedError)
      ) {
        onUnauthorizedRef.current();
        return;
      }
      const at = nowRef.current();
      setState((previous) => {
        const next: IngestHealthState = { ...previous, loading: false };
        if (status.status === 'fulfilled') {
          next.status = status.value;
          next.statusError = null;
          next.lastUpdatedAt = at;
        } else if (!isAbort(status.reason)) {
          next.statusError = describeFailure(status.reason);
        }
        if (health.status === 'fulfilled') {
          next.health = health.value;
          next.healthError = null;
        } else if (!isAbort(health.reason)) {
          // A stale "ok" would be misleading when we cannot reach the health endpoint.
          next.health = null;
          next.healthError = describeFailure(health.reason);
        }
        return next;
      });
    },
    [token],
  );

  useEffect(() => {
    if (paused) {
      return undefined;
    }
    const controller = new AbortController();
    let timer: number | undefined;
    // Schedule the next poll only after the previous one settled, so a slow API never piles up requests.
    const tick = async (): Promise<void> => {
      await loadOnce(controller.signal);
      if (!controller.signal.aborted) {
        timer = window.setTimeout(tick, intervalMs);
      }
    };
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [loadOnce, paused, intervalMs, refreshCount]);

  // While polling, a manual refresh restarts the loop (fetch now, next poll 5 s later); while
  // paused it fetches once and stays paused.
  const manualLoad = useRef<AbortController | null>(null);
  useEffect(() => () => manualLoad.current?.abort(), []);
  const refresh = useCallback(() => {
    if (!paused) {
      setRefreshCount((count) => count + 1);
      return;
    }
    manualLoad.current?.abort();
    const controller = new AbortController();
    manualLoad.current = controller;
    void loadOnce(controller.signal);
  }, [paused, loadOnce]);

  return { ...state, refresh };
}
