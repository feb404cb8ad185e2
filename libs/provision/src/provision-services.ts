import path from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.util';
import { startEmbeddedPostgres } from './embedded-postgres.launcher';
import { ensureDatabase } from './ensure-database.util';
import { startPrivateRedis } from './private-redis.launcher';
import { probePostgres, probeRedis } from './reachability.util';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  databaseNameOf,
  parsePostgresUrl,
  parseRedisUrl,
  redactUrl,
} from './service-url.util';

export interface ProvisionedServices {
  databaseUrl: string;
  redisUrl: string;
  embeddedPostgres: boolean;
  embeddedRedis: boolean;
  stop(): Promise<void>;
}

export interface ProvisionOptions {
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  log?: (message: string) => void;
}

function defaultLog(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

/**
 * Uses the PostgreSQL and Redis at the candidate URLs when they answer, and otherwise starts private
 * ones with their data under `dataDir`. stop() stops only what this call started.
 */
export async function provisionServices(options: ProvisionOptions): Promise<ProvisionedServices> {
  const log = options.log ?? defaultLog;
  const dataDir = path.resolve(options.dataDir);
  const postgresCandidate = options.databaseUrl ?? DEFAULT_DATABASE_URL;
  const redisCandidate = options.redisUrl ?? DEFAULT_REDIS_URL;
  parsePostgresUrl(postgresCandidate);
  parseRedisUrl(redisCandidate);
  const databaseName = databaseNameOf(postgresCandidate);

  const [postgresProbe, redisProbe] = await Promise.all([probePostgres(postgresCandidate), probeRedis(redisCandidate)]);
  // An explicitly configured server that refuses us is a mistake to report, not to paper over.
  if (postgresProbe.status === 'rejected' && options.databaseUrl !== undefined) {
    throw new Error(`PostgreSQL at ${redactUrl(postgresCandidate)} refused the connection: ${postgresProbe.detail}. Fix DATABASE_URL.`);
  }
  if (redisProbe.status === 'rejected' && options.redisUrl !== undefined) {
    throw new Error(`Redis at ${redactUrl(redisCandidate)} refused the connection: ${redisProbe.detail}. Fix REDIS_URL.`);
  }

  const stops: Array<() => Promise<void>> = [];
  let lock: DataDirLock | undefined;
  const stopAll = async (): Promise<void> => {
    // Reverse order of starting; keep going if one fails so nothing is left running.
    const errors: unknown[] = [];
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => errors.push(error));
    }
    await lock?.release();
    lock = undefined;
    if (errors.length > 0) throw errors[0];
  };
  const lockDataDir = async (): Promise<DataDirLock> => {
    lock ??= await acquireDataDirLock(dataDir, log);
    return lock;
  };

  try {
    let databaseUrl: string;
    let embeddedPostgres = false;
    if (postgresProbe.status === 'reachable') {
      log(`Using PostgreSQL at ${redactUrl(postgresCandidate)}`);
      databaseUrl = postgresCandidate;
    } else {
      const why = postgresProbe.status === 'rejected' ? 'refused the connection' : 'is not reachable';
      log(`PostgreSQL at ${redactUrl(postgresCandidate)} ${why} (${postgresProbe.detail}); using an embedded PostgreSQL`);
      const server = await startEmbeddedPostgres({ dataDir, databaseName, lock: await lockDataDir(), log });
      stops.push(server.stop);
      databaseUrl = server.databaseUrl;
      embeddedPostgres = true;
    }
    await ensureDatabase(databaseUrl);

    let redisUrl: string;
    let embeddedRedis = false;
    if (redisProbe.status === 'reachable') {
      log(`Using Redis at ${redactUrl(redisCandidate)}`);
      redisUrl = redisCandidate;
    } else {
      const why = redisProbe.status === 'rejected' ? 'refused the connection' : 'is not reachable';
      log(`Redis at ${redactUrl(redisCandidate)} ${why} (${redisProbe.detail}); starting a private redis-server`);
      const server = await startPrivateRedis({ dataDir, lock: await lockDataDir(), log });
      stops.push(server.stop);
      redisUrl = server.redisUrl;
      embeddedRedis = true;
    }

    let stopped: Promise<void> | undefined;
    return {
      databaseUrl,
      redisUrl,
      embeddedPostgres,
      embeddedRedis,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
