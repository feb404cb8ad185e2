import type { ConnectionOptions } from 'bullmq';
import Redis, { Cluster, type RedisOptions } from 'ioredis';

/** Where Redis is: one server (`redisUrl`), or a cluster's seed nodes with `redisUrl` giving credentials and TLS. */
export interface RedisTarget {
  redisUrl: string;
  redisClusterNodes?: readonly { host: string; port: number }[];
}

/** What the API's own keys (limits, replay guard) are written through. */
export type RedisClient = Redis | Cluster;

/** BullMQ's connection, and how to let it go once every queue and worker using it is closed. */
export interface QueueConnection {
  readonly options: ConnectionOptions;
  close(): Promise<void>;
}

export function redisConnectionOptions(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const { username, password, tls } = redisCredentials(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username,
    password,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls,
    // BullMQ workers need blocking commands that never give up on a reconnect.
    maxRetriesPerRequest: null,
  };
}

function redisCredentials(redisUrl: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const url = new URL(redisUrl);
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Standalone: connection options, and each Queue and Worker opens (and closes) its own sockets. Cluster:
 * one ioredis Cluster shared by the process's queues (BullMQ duplicates it for a worker's blocking
 * connection) and never closed by BullMQ, hence `close`. Lazy: BullMQ connects it when first used.
 */
export function queueConnection(target: RedisTarget): QueueConnection {
  if (!target.redisClusterNodes?.length) return { options: redisConnectionOptions(target.redisUrl), close: async () => undefined };
  const cluster = new Cluster([...target.redisClusterNodes], {
    lazyConnect: true,
    redisOptions: { ...redisCredentials(target.redisUrl), maxRetriesPerRequest: null },
  });
  return { options: cluster, close: () => quit(cluster) };
}

/** A client for plain commands; `options` apply to every node of a cluster. */
export function redisClient(target: RedisTarget, options: RedisOptions): RedisClient {
  if (!target.redisClusterNodes?.length) return new Redis(target.redisUrl, options);
  const { enableOfflineQueue, lazyConnect, ...perNode } = options;
  return new Cluster([...target.redisClusterNodes], { enableOfflineQueue, lazyConnect, redisOptions: { ...redisCredentials(target.redisUrl), ...perNode } });
}

async function quit(client: RedisClient): Promise<void> {
  if (client.status === 'end' || client.status === 'wait') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

/**
 * The part of a key Redis Cluster hashes into its slot: the text between the first `{` and the next `}`
 * when that is not empty, else the whole key (cluster specification, "hash tags").
 */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * Prefix of the API's own keys: the queue prefix without its hash tag. Each of those keys is used alone
 * (one key per command or script), so on a cluster they may spread over every slot instead of crowding
 * into the queues' one; with the default `{lanewatch}` they keep the names they had before it (`lanewatch:…`).
 */
export function appKeyPrefix(queuePrefix: string): string {
  return queuePrefix.replace(/[{}]/g, '');
}
