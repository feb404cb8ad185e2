import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ensureDatabase, isPostgresReachable, isRedisReachable, probePostgres, probeRedis, provisionServices, withDatabaseName } from './index';

// Closed ports stand in for a fresh machine that has neither PostgreSQL nor Redis.
const CLOSED_POSTGRES = 'postgres://postgres@127.0.0.1:1/lanewatch_provision';
const CLOSED_REDIS = 'redis://127.0.0.1:1';

async function query<T>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function ping(redisUrl: string): Promise<string> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

describe('provisionServices on a machine without PostgreSQL or Redis', () => {
  jest.setTimeout(240_000);
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lw-provision-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL and a private Redis, and stop() shuts both down', async () => {
    const services = await provisionServices({ databaseUrl: CLOSED_POSTGRES, redisUrl: CLOSED_REDIS, dataDir, log: () => undefined });
    try {
      expect(services.embeddedPostgres).toBe(true);
      expect(services.embeddedRedis).toBe(true);
      expect(new URL(services.databaseUrl).pathname).toBe('/lanewatch_provision');
      expect(await query<{ one: number }>(services.databaseUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(await ping(services.redisUrl)).toBe('PONG');
      await query(services.databaseUrl, 'CREATE TABLE survives_restart (id int)');
    } finally {
      await services.stop();
    }

    expect(await isPostgresReachable(services.databaseUrl, 500)).toBe(false);
    expect(await isRedisReachable(services.redisUrl, 500)).toBe(false);
  });

  it('reuses the initialised data directory on the next run instead of running initdb again', async () => {
    const logs: string[] = [];
    const services = await provisionServices({
      databaseUrl: CLOSED_POSTGRES,
      redisUrl: CLOSED_REDIS,
      dataDir,
      log: (message) => logs.push(message),
    });
    try {
      expect(logs.some((line) => line.startsWith('Reusing the embedded PostgreSQL data'))).toBe(true);
      expect(await query(services.databaseUrl, "SELECT to_regclass('survives_restart') IS NOT NULL AS present")).toEqual([{ present: true }]);

      // ensureDatabase against the same server: create when missing, recreate gives an empty database.
      const scratchUrl = withDatabaseName(services.databaseUrl, 'lanewatch_scratch');
      await ensureDatabase(scratchUrl);
      await query(scratchUrl, 'CREATE TABLE scratch (id int)');
      await ensureDatabase(scratchUrl);
      expect(await query(scratchUrl, "SELECT to_regclass('scratch') IS NOT NULL AS present")).toEqual([{ present: true }]);
      await ensureDatabase(scratchUrl, { recreate: true });
      expect(await query(scratchUrl, "SELECT to_regclass('scratch') IS NOT NULL AS present")).toEqual([{ present: false }]);
    } finally {
      await services.stop();
    }
  });
});

describe('probes', () => {
  it('report closed ports as unreachable with the cause, without waiting for the timeout', async () => {
    const started = Date.now();
    const [postgres, redis] = await Promise.all([probePostgres(CLOSED_POSTGRES, 5_000), probeRedis(CLOSED_REDIS, 5_000)]);

    expect(postgres).toEqual({ status: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') });
    expect(redis).toEqual({ status: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
