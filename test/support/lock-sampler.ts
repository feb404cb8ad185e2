import { Client } from 'pg';

/** Worker backends seen across all samples, counted once per backend per sample. */
export interface LockShare {
  samples: number;
  /** Worker backends inside a statement or a transaction (state other than idle). */
  busy: number;
  /** Busy ones waiting on a heavyweight lock (row, tuple, transaction id, advisory, relation). */
  waiting: number;
  /** Waiting ones whose blocker is a backend of another worker process. */
  waitingOnOtherWorker: number;
  /** Waiting ones blocked only by a backend of their own process. */
  waitingOnSameWorker: number;
  /** Waiting on another worker, by pg_locks.locktype of the lock waited for (advisory: by key, or first key of two). */
  byLockType: Record<string, number>;
}

interface Backend {
  app: string;
  state: string | null;
  wait_type: string | null;
  lock_type: string | null;
  blockers: string[] | null;
}

// Worker connections are named `lanewatch-worker/<pid>@<host>` (apps/worker/src/main.ts).
const processOf = (app: string): string => /^lanewatch-worker\/(\d+)@/.exec(app)?.[1] ?? app;

/**
 * Samples pg_stat_activity with pg_locks every `intervalMs` from its own connection, until stopped:
 * for every worker backend of this database, whether it is busy, whether it waits on a lock, and
 * whose backends hold what it waits for (pg_blocking_pids).
 */
export function sampleWorkerLocks(databaseUrl: string, intervalMs = 50): { stop(): Promise<LockShare> } {
  const share: LockShare = { samples: 0, busy: 0, waiting: 0, waitingOnOtherWorker: 0, waitingOnSameWorker: 0, byLockType: {} };
  const client = new Client({ connectionString: databaseUrl, application_name: 'lanewatch-test-lock-sampler' });
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query<Backend>(
          `SELECT a.application_name AS app, a.state, a.wait_event_type AS wait_type,
                  (SELECT CASE WHEN l.locktype <> 'advisory' THEN l.locktype
                               WHEN l.objsubid = 2 THEN 'advisory ' || l.classid || ',*'
                               ELSE 'advisory ' || ((l.classid::bigint << 32) | l.objid::bigint) END
                     FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) AS lock_type,
                  CASE WHEN a.wait_event_type = 'Lock'
                       THEN (SELECT array_agg(b.application_name) FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))) END AS blockers
             FROM pg_stat_activity a
            WHERE a.datname = current_database() AND a.application_name LIKE 'lanewatch-worker/%'`,
        );
        share.samples += 1;
        for (const backend of rows) {
          if (backend.state === null || backend.state === 'idle') continue;
          share.busy += 1;
          if (backend.wait_type !== 'Lock') continue;
          share.waiting += 1;
          const own = processOf(backend.app);
          const blockers = (backend.blockers ?? []).filter((app) => app.startsWith('lanewatch-worker/'));
          if (blockers.some((app) => processOf(app) !== own)) {
            share.waitingOnOtherWorker += 1;
            const type = backend.lock_type ?? 'unknown';
            share.byLockType[type] = (share.byLockType[type] ?? 0) + 1;
          } else if (blockers.length > 0) {
            share.waitingOnSameWorker += 1;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return share;
    },
  };
}

export function describeLockShare(share: LockShare): string {
  const percent = (part: number) => (share.busy === 0 ? 'n/a' : `${((100 * part) / share.busy).toFixed(1)} %`);
  const types = Object.entries(share.byLockType)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return (
    `${share.samples} samples, ${share.busy} busy worker backend samples; waiting on a lock held by another worker ` +
    `${share.waitingOnOtherWorker} (${percent(share.waitingOnOtherWorker)}${types ? `: ${types}` : ''}), ` +
    `by the same worker ${share.waitingOnSameWorker} (${percent(share.waitingOnSameWorker)}), on any lock ${share.waiting} (${percent(share.waiting)})`
  );
}
