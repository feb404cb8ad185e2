import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { IngestStatus } from '@lanewatch/domain';
import { createTestDatabase } from './test-database';

const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}


/**
 * The real product for a spec file: its own database, its own queue prefix, the API and the
 * worker as separate Node processes talking to the real PostgreSQL and Redis.
 */
export class LanewatchApp {
  readonly adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  readonly queuePrefix = `lwtest${randomBytes(4).toString('hex')}`;
  private api?: ChildProcess;
  private readonly workers = new Set<ChildProcess>();
  private readonly logs: string[] = [];

  private constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
    readonly port: number,
    private readonly dropDatabase: () => Promise<void>,
    private readonly extraEnv: Record<string, string>,
  ) {}

  static async start(options: { env?: Record<string, string>; worker?: boolean } = {}): Promise<LanewatchApp> {
    const database = await createTestDatabase();
    const redisUrl = options.env?.REDIS_URL ?? process.env.LANEWATCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const app = new LanewatchApp(database.url, redisUrl, await freePort(), database.drop, options.env ?? {});
    await app.startApi();
    if (options.worker !== false) await app.startWorker();
    return app;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return {
      ...(process.env as Record<string, string>),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      LANEWATCH_ADMIN_TOKEN: this.adminToken,
      LANEWATCH_SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
      PORT: String(this.port),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: this.queuePrefix,
      SWEEPER_INTERVAL_MS: '1000',
      SWEEPER_GRACE_MS: '1000',
      WORKER_LOCK_MS: '3000',
      ...this.extraEnv,
    };
  }

  private spawnService(name: 'api' | 'worker', extraEnv: Record<string, string> = {}): ChildProcess {
    // LANEWATCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): node flags for worker processes, to profile them.
    const nodeArgs = name === 'worker' ? (process.env.LANEWATCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
    const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', `apps/${name}/src/main.ts`], {
      cwd: ROOT,
      env: { ...this.env(), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.logs.push(`[${name}] ${chunk.toString()}`);
      if (this.logs.length > 400) this.logs.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  async startApi(): Promise<void> {
    this.api = this.spawnService('api');
    await this.waitFor(async () => (await fetch(`${this.apiUrl}/api/v1/health`).catch(() => null))?.status !== undefined, 60_000, 'the API to listen');
  }

  /** The API process id while it runs: a hostile request must leave it alive and the same. */
  get apiPid(): number | null {
    return this.api && this.api.exitCode === null && this.api.signalCode === null ? (this.api.pid ?? null) : null;
  }

  /** kill -9 the API: what a crash or a lost machine does to the requests it was serving. */
  async killApi(): Promise<void> {
    const api = this.api;
    if (!api || api.exitCode !== null || api.signalCode !== null) return;
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGKILL');
    await exited;
  }

  /** `env` for this worker only (e.g. LOG_LEVEL=debug to see the batches it processes in its own output). */
  async startWorker(options: { env?: Record<string, string> } = {}): Promise<ChildProcess> {
    const worker = this.spawnService('worker', options.env);
    this.workers.add(worker);
    worker.once('exit', () => this.workers.delete(worker));
    return worker;
  }

  /** kill -9: no shutdown hook runs, the transaction in flight is cut off. With a count, only that many workers. */
  async killWorkers(signal: NodeJS.Signals = 'SIGKILL', count = Infinity): Promise<void> {
    const victims = [...this.workers].slice(0, count);
    const exits = victims.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    for (const worker of victims) worker.kill(signal);
    await Promise.all(exits);
  }

  /** Worker processes running now. */
  get workerCount(): number {
    return this.workers.size;
  }

  /** kill -9 the API and start a new one on the same port: the requests in flight are cut off. */
  async restartApi(): Promise<void> {
    await this.killApi();
    await this.startApi();
  }

  recentLogs(): string {
    return this.logs.join('');
  }

  async request(method: string, path: string, options: { token?: string | null; body?: unknown; rawBody?: string } = {}) {
    const token = options.token === undefined ? this.adminToken : options.token;
    const send = () =>
      fetch(`${this.apiUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // After a long pause (a slow oracle) the client may reuse a kept-alive socket the server has
      // just closed; a GET is safe to send again, anything else must surface.
      // (Jest runs specs in another realm: the TypeError is recognised by its text, not instanceof.)
      const closed = /other side closed/.test(String((error as { cause?: unknown } | null)?.cause));
      if (method !== 'GET' || !closed) throw error;
      response = await send();
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as Record<string, unknown> & unknown[] };
  }

  async createCarrier(code: string, kind = 'postal'): Promise<{ apiKey: string; webhookSecret: string }> {
    const response = await this.request('POST', '/api/v1/carriers', { body: { code, name: code.toUpperCase(), kind } });
    if (response.status !== 201) throw new Error(`create carrier ${code}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as unknown as { apiKey: string; webhookSecret: string };
  }

  async status(): Promise<IngestStatus> {
    const response = await this.request('GET', '/api/v1/ingest/status');
    return response.body as unknown as IngestStatus;
  }

  /** Waits until every committed batch is processed (pendingBatches 0). */
  async waitForIdle(timeoutMs = 120_000): Promise<IngestStatus> {
    let last: IngestStatus | undefined;
    await this.waitFor(
      async () => {
        last = await this.status();
        return last.pendingBatches === 0;
      },
      timeoutMs,
      'the pipeline to drain',
    );
    return last as IngestStatus;
  }

  async sql<T = Record<string, unknown>>(query: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(query, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Deletes this app's queue keys: what a Redis flush does to it, without touching anyone else's keys. */
  async flushQueue(): Promise<number> {
    // No retries: an app started against an unreachable Redis must still stop promptly.
    const redis = new Redis(this.redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    await redis.connect();
    let deleted = 0;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.queuePrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return deleted;
  }

  async waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n--- recent logs ---\n${this.recentLogs()}`);
  }

  async stop(): Promise<void> {
    await this.killWorkers('SIGTERM').catch(() => undefined);
    if (this.api && this.api.exitCode === null) {
      const exited = new Promise((resolve) => this.api?.once('exit', resolve));
      this.api.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (this.api.exitCode === null) this.api.kill('SIGKILL');
    }
    await this.flushQueue().catch(() => undefined);
    await this.dropDatabase();
  }
}
