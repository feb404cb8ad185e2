import Redis from 'ioredis';
import { Client, DatabaseError } from 'pg';

export const PROBE_TIMEOUT_MS = 2_000;

// 'rejected' means a server answered but refused us (credentials, TLS, pg_hba): falling back to
// an embedded server would hide a misconfiguration the user asked for explicitly.
export type ProbeResult = { status: 'reachable' } | { status: 'unreachable' | 'rejected'; detail: string };

const UNDEFINED_DATABASE = '3D000';

function errorDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Aggregate errors (IPv4 and IPv6 both refused) carry the useful part in the code only.
    return error.message !== '' ? error.message : code ?? error.name;
  }
  return String(error);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function probePostgres(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that drops us after the probe must not crash the process with an unhandled 'error'.
  client.on('error', () => undefined);
  const attempt = client.connect().then(
    (): ProbeResult => ({ status: 'reachable' }),
    (error: unknown): ProbeResult => {
      // The server answered; the database is simply not created yet.
      if (error instanceof DatabaseError && error.code === UNDEFINED_DATABASE) return { status: 'reachable' };
      if (error instanceof DatabaseError) return { status: 'rejected', detail: errorDetail(error) };
      return { status: 'unreachable', detail: errorDetail(error) };
    },
  );
  try {
    return await withTimeout(attempt, timeoutMs + 500, () => ({ status: 'unreachable', detail: `no answer within ${timeoutMs} ms` }));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probeRedis(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // One attempt only: a probe must not turn into a reconnect storm against a closed port.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableReadyCheck: false,
  });
  // ioredis rejects connect() with a bare "Connection is closed."; the cause arrives as an 'error' event.
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  const attempt = (async (): Promise<ProbeResult> => {
    try {
      await client.connect();
      const answer = await client.ping();
      return answer === 'PONG' ? { status: 'reachable' } : { status: 'rejected', detail: `PING answered ${answer}` };
    } catch (error) {
      // ReplyError: the server answered with an error (NOAUTH, WRONGPASS, …).
      if (error instanceof Error && error.name === 'ReplyError') return { status: 'rejected', detail: error.message };
      return { status: 'unreachable', detail: errorDetail(lastError ?? error) };
    }
  })();
  try {
    return await withTimeout(attempt, timeoutMs + 500, () => ({ status: 'unreachable', detail: `no answer within ${timeoutMs} ms` }));
  } finally {
    // On an already-closed stream, disconnect() arms a 2 s timer that keeps test runners alive.
    if (client.status !== 'end') client.disconnect();
  }
}

// True when a PostgreSQL server answers and accepts these credentials (the database may still be missing).
export async function isPostgresReachable(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return (await probePostgres(url, timeoutMs)).status === 'reachable';
}

// True when Redis answers PING with PONG.
export async function isRedisReachable(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return (await probeRedis(url, timeoutMs)).status === 'reachable';
}
