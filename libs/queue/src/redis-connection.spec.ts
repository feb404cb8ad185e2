import { QueueKeys } from 'bullmq';
import Redis, { Cluster, Command } from 'ioredis';
import { appKeyPrefix, hashTagOf, queueConnection, redisClient } from './redis-connection';
import { ALERTS_QUEUE, INGEST_QUEUE, SLA_QUEUE } from './queues';

// ioredis's own slot computation (what its cluster client routes by) is the oracle.
const slotOf = (key: string) => new Command('get', [key]).getSlot();
const nodes = [
  { host: 'redis-1', port: 7000 },
  { host: 'redis-2', port: 7001 },
];

describe('queueConnection', () => {
  it('gives BullMQ plain options for one Redis server, so each queue and worker opens and closes its own sockets', async () => {
    const connection = queueConnection({ redisUrl: 'rediss://lane:p%40ss@redis.internal:6380/2' });
    expect(connection.options).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'lane',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
    await connection.close();
  });

  it('gives BullMQ one lazy Cluster client with REDIS_URL credentials on every node when cluster nodes are set', async () => {
    const connection = queueConnection({ redisUrl: 'rediss://lane:secret@ignored:6379', redisClusterNodes: nodes });
    const cluster = connection.options as Cluster;
    expect(cluster).toBeInstanceOf(Cluster);
    expect(Reflect.get(cluster, 'startupNodes')).toEqual(nodes);
    expect(cluster.options.redisOptions).toMatchObject({ username: 'lane', password: 'secret', tls: {}, maxRetriesPerRequest: null });
    // Lazy: nothing connects until BullMQ uses it, so building it here touched no network.
    expect(cluster.status).toBe('wait');
    await connection.close();
    expect(cluster.status).toBe('end');
  });
});

describe('redisClient', () => {
  it('is a plain client for one server and a Cluster for seed nodes, with the options applied per node', () => {
    const single = redisClient({ redisUrl: 'redis://127.0.0.1:6379' }, { lazyConnect: true, maxRetriesPerRequest: 1 });
    expect(single).toBeInstanceOf(Redis);
    single.disconnect();
    const cluster = redisClient({ redisUrl: 'redis://:pw@ignored:6379', redisClusterNodes: nodes }, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as Cluster).options).toMatchObject({ lazyConnect: true, enableOfflineQueue: false, redisOptions: { password: 'pw', maxRetriesPerRequest: 1 } });
    cluster.disconnect();
  });
});

describe('keys on a Redis Cluster', () => {
  it('reads the hash tag as Redis does: the first non-empty {…}, else the whole key', () => {
    for (const key of ['{lanewatch}:ingest:wait', 'plain:key', 'a{}b{c}', 'x{y', '{a}{b}', 'p{q}r']) {
      expect({ key, same: slotOf(hashTagOf(key)) === slotOf(key) }).toEqual({ key, same: true });
    }
    expect([hashTagOf('{lanewatch}:ingest:wait'), hashTagOf('a{}b{c}'), hashTagOf('{a}{b}')]).toEqual(['lanewatch', 'a{}b{c}', 'a']);
  });

  it('puts every key of every queue in one slot under a hash-tagged prefix, which a plain prefix does not', () => {
    const slots = (prefix: string) => new Set([INGEST_QUEUE, SLA_QUEUE, ALERTS_QUEUE].flatMap((queue) => Object.values(new QueueKeys(prefix).getKeys(queue)).map(slotOf)));
    expect(slots('{lanewatch}').size).toBe(1);
    expect(slots('{lwtest01}').size).toBe(1);
    expect(slots('lanewatch').size).toBeGreaterThan(1);
  });

  it('names the API’s own keys without the hash tag, so they spread over the slots and keep their old names', () => {
    expect(appKeyPrefix('{lanewatch}')).toBe('lanewatch');
    expect(appKeyPrefix('lwtest01')).toBe('lwtest01');
    const limits = ['carrier-a', 'carrier-b', 'carrier-c', 'carrier-d'].map((carrier) => slotOf(`${appKeyPrefix('{lanewatch}')}:ingest-rate:${carrier}`));
    expect(new Set(limits).size).toBeGreaterThan(1);
  });
});
