import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const hasProtocol = (value: string, protocols: string[]) => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const protocolsMessage = (name: string, protocols: string[]) => `${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`;

const urlWithProtocols = (name: string, protocols: string[]) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .refine((value) => hasProtocol(value, protocols), protocolsMessage(name, protocols));

// The same for a URL that may be left out: absent or empty is undefined.
const optionalUrlWithProtocols = (name: string, protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      if (hasProtocol(value, protocols)) return value;
      ctx.addIssue({ code: 'custom', message: protocolsMessage(name, protocols) });
      return z.NEVER;
    });

const intInRange = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

// Hours may be fractional (0.5 is half an hour); the upper bound keeps a typo from making sessions eternal.
const hoursInRange = (name: string, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a number of hours above 0 and at most ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const booleanFlag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim().toLowerCase() ?? '';
      if (text === '') return fallback;
      if (text === 'true' || text === 'false') return text === 'true';
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
      return z.NEVER;
    });

// Plain spellings only: ipaddr.js would also read `11` or `0x7f.1` as IPv4 addresses.
const isAddressOrRange = (entry: string) => {
  const [address, bits, ...rest] = entry.split('/');
  const plain = ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address);
  return plain && rest.length === 0 && (bits === undefined || ipaddr.isValidCIDR(entry));
};

// Express's named ranges, as proxy-addr knows them.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which peers may tell the client's address in X-Forwarded-For: none (the default: the socket's
 * address counts), a number of proxy hops in front of the API, or the proxies' addresses and ranges.
 * `true` (believe any peer) is refused: a client could then pick its own address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    const text = value?.trim() ?? '';
    if (text === '' || text === 'false' || text === '0') return false;
    if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !PROXY_RANGE_NAMES.includes(entry) && !isAddressOrRange(entry));
    if (invalid.length === 0) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `TRUST_PROXY must be a number of proxy hops from 0 to 10, or a comma-separated list of proxy addresses, CIDR ranges or ${PROXY_RANGE_NAMES.join('/')} (not ${invalid.map((entry) => JSON.stringify(entry)).join(', ')})`,
    });
    return z.NEVER;
  });

const isHostName = (text: string) => /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(text);

// Seed nodes of a Redis Cluster, `host:port` (IPv6 in brackets); the client discovers the rest.
const redisClusterNodes = z
  .string()
  .optional()
  .transform((value, ctx): { host: string; port: number }[] | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const entries = value.split(',').map((entry) => entry.trim());
    const nodes = entries.map((entry) => {
      const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/i.exec(entry);
      const host = match?.[1] ?? match?.[2] ?? '';
      const port = Number(match?.[3]);
      const hostValid = match?.[1] !== undefined ? ipaddr.IPv6.isValid(host) : ipaddr.IPv4.isValidFourPartDecimal(host) || isHostName(host);
      return hostValid && port >= 1 && port <= 65535 ? { host, port } : null;
    });
    const invalid = entries.filter((_entry, index) => nodes[index] === null);
    if (invalid.length === 0) return nodes as { host: string; port: number }[];
    ctx.addIssue({
      code: 'custom',
      message: `REDIS_CLUSTER_NODES must be a comma-separated list of host:port ([v6 address]:port for IPv6) (not ${invalid.map((entry) => JSON.stringify(entry)).join(', ')})`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  PORT: intInRange('PORT', 1, 65535, 3000),
  DATABASE_URL: urlWithProtocols('DATABASE_URL', ['postgres:', 'postgresql:']),
  REDIS_URL: urlWithProtocols('REDIS_URL', ['redis:', 'rediss:']),
  LANEWATCH_ADMIN_TOKEN: z
    .string({ error: 'LANEWATCH_ADMIN_TOKEN is required' })
    .min(16, 'LANEWATCH_ADMIN_TOKEN must be at least 16 characters'),
  // Webhook secrets are derived from this key, so the database never holds them (see carrier-credentials).
  LANEWATCH_SECRET_KEY: z
    .string({ error: 'LANEWATCH_SECRET_KEY is required' })
    .min(32, 'LANEWATCH_SECRET_KEY must be at least 32 characters'),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'debug'], { error: 'LOG_LEVEL must be one of error, warn, info, debug' })
    .default('info'),
  WEB_DIST_DIR: z.string().optional(),
  // Braces make it a Redis Cluster hash tag: BullMQ needs every key of a queue in one slot (docs/scaling.md).
  QUEUE_PREFIX: z
    .string()
    .regex(/^(\{[a-z0-9_-]{1,40}\}|[a-z0-9_-]{1,40})$/, 'QUEUE_PREFIX must be 1-40 characters of a-z 0-9 _ -, optionally in braces (a hash tag: {lanewatch})')
    .default('{lanewatch}'),
  REDIS_CLUSTER_NODES: redisClusterNodes,
  DATABASE_READ_URL: optionalUrlWithProtocols('DATABASE_READ_URL', ['postgres:', 'postgresql:']),
  INGEST_RATE_LIMIT_PER_MINUTE: intInRange('INGEST_RATE_LIMIT_PER_MINUTE', 1, 1_000_000, 1200),
  // CSV import bounds (bytes): they keep one upload's memory and time bounded whatever it holds.
  IMPORT_MAX_FILE_BYTES: intInRange('IMPORT_MAX_FILE_BYTES', 1024, 2 ** 40, 64 * 1024 * 1024),
  IMPORT_MAX_ROW_BYTES: intInRange('IMPORT_MAX_ROW_BYTES', 256, 64 * 1024 * 1024, 64 * 1024),
  IMPORT_MAX_FIELD_BYTES: intInRange('IMPORT_MAX_FIELD_BYTES', 64, 64 * 1024 * 1024, 16 * 1024),
  // A running import writes a heartbeat this often; one silent for 6 beats belongs to a stopped process.
  IMPORT_HEARTBEAT_MS: intInRange('IMPORT_HEARTBEAT_MS', 100, 600_000, 10_000),
  // Node's time for a whole request to arrive (its default); an import's upload must arrive within it too.
  HTTP_REQUEST_TIMEOUT_MS: intInRange('HTTP_REQUEST_TIMEOUT_MS', 70_000, 86_400_000, 300_000),
  SWEEPER_INTERVAL_MS: intInRange('SWEEPER_INTERVAL_MS', 500, 3_600_000, 30_000),
  VACUUM_INTERVAL_MS: intInRange('VACUUM_INTERVAL_MS', 1_000, 86_400_000, 60_000),
  // Days a processed batch stays in the inbox (its events are stored); 0 keeps every batch.
  INGEST_BATCH_RETENTION_DAYS: intInRange('INGEST_BATCH_RETENTION_DAYS', 0, 36_500, 30),
  // How long a committed batch may wait before the sweeper re-enqueues it.
  SWEEPER_GRACE_MS: intInRange('SWEEPER_GRACE_MS', 0, 3_600_000, 10_000),
  WORKER_CONCURRENCY: intInRange('WORKER_CONCURRENCY', 1, 64, 2),
  // How often an idle worker looks for legs to derive and rollup deltas to fold (it is also woken by its own batches).
  DERIVATION_IDLE_MS: intInRange('DERIVATION_IDLE_MS', 10, 60_000, 200),
  // Storing first under a backlog: derivation waits while this many batches are pending (0: never waits)…
  DERIVATION_DEFER_BACKLOG: intInRange('DERIVATION_DEFER_BACKLOG', 0, 100_000, 4),
  // …for at most this long at a time, so facts lag a backlog that never ends by no more than this.
  DERIVATION_MAX_DEFER_MS: intInRange('DERIVATION_MAX_DEFER_MS', 0, 3_600_000, 30_000),
  // A job whose worker died is retried once its lock expires; shorter means faster recovery, more lock renewals.
  WORKER_LOCK_MS: intInRange('WORKER_LOCK_MS', 1000, 600_000, 30_000),
  KEY_ROTATION_GRACE_HOURS: intInRange('KEY_ROTATION_GRACE_HOURS', 0, 720, 24),
  // Tries per batch (exponential back-off from 1 s) before it is marked failed and kept with its error.
  INGEST_JOB_ATTEMPTS: intInRange('INGEST_JOB_ATTEMPTS', 1, 50, 8),
  // A user session ends this long after its last request (sliding).
  SESSION_TTL_HOURS: hoursInRange('SESSION_TTL_HOURS', 720, 12),
  // How often every enabled SLA policy is evaluated (ingestion also triggers a debounced evaluation).
  SLA_EVALUATION_INTERVAL_MS: intInRange('SLA_EVALUATION_INTERVAL_MS', 1000, 86_400_000, 60_000),
  // Reminders for open, unacknowledged breaches; 0 turns them off.
  SLA_REMINDER_MINUTES: intInRange('SLA_REMINDER_MINUTES', 0, 10_080, 60),
  // Consecutive failed deliveries after which a notification channel is marked unhealthy.
  ALERT_UNHEALTHY_AFTER_FAILURES: intInRange('ALERT_UNHEALTHY_AFTER_FAILURES', 1, 1000, 5),
  // Tries per alert delivery (exponential back-off from ALERT_BACKOFF_MS).
  ALERT_DELIVERY_ATTEMPTS: intInRange('ALERT_DELIVERY_ATTEMPTS', 1, 50, 10),
  ALERT_BACKOFF_MS: intInRange('ALERT_BACKOFF_MS', 10, 600_000, 1000),
  // Alert webhooks reach only public addresses unless this opens loopback and private ranges (on-premises receivers).
  ALERT_ALLOW_PRIVATE_TARGETS: booleanFlag('ALERT_ALLOW_PRIVATE_TARGETS', false),
  TRUST_PROXY: trustProxy,
  // Sign-in attempts per 15 minutes (a success gives its attempt back), and per minute for everyone together.
  LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS: intInRange('LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS', 1, 10_000, 10),
  LOGIN_ATTEMPTS_PER_ADDRESS: intInRange('LOGIN_ATTEMPTS_PER_ADDRESS', 1, 100_000, 100),
  LOGIN_ATTEMPTS_PER_EMAIL: intInRange('LOGIN_ATTEMPTS_PER_EMAIL', 1, 100_000, 50),
  LOGIN_ATTEMPTS_PER_MINUTE: intInRange('LOGIN_ATTEMPTS_PER_MINUTE', 1, 1_000_000, 600),
  SMTP_URL: optionalUrlWithProtocols('SMTP_URL', ['smtp:', 'smtps:']),
  SMTP_FROM: z.string().trim().default('lanewatch@localhost'),
  // A bearer for Prometheus alone: it reads /api/v1/metrics and a worker's /metrics, nothing else.
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      if (value.length >= 16 && /^\S+$/.test(value)) return value;
      ctx.addIssue({ code: 'custom', message: 'METRICS_TOKEN must be at least 16 characters without spaces' });
      return z.NEVER;
    }),
  // Unset: the worker serves no metrics; 0 picks a free port (logged).
  WORKER_METRICS_PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const parsed = Number(value);
      if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 65535) return parsed;
      ctx.addIssue({ code: 'custom', message: 'WORKER_METRICS_PORT must be an integer from 0 to 65535' });
      return z.NEVER;
    }),
  // Loopback by default: the worker's metrics need no token unless METRICS_TOKEN is set.
  WORKER_METRICS_HOST: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = value?.trim() ?? '';
      if (text === '') return '127.0.0.1';
      if (ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text) || isHostName(text)) return text;
      ctx.addIssue({ code: 'custom', message: 'WORKER_METRICS_HOST must be an IP address or a host name' });
      return z.NEVER;
    }),
});

export type LanewatchConfig = {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  adminToken: string;
  secretKey: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  webDistDir?: string;
  queuePrefix: string;
  /** Set: Redis is a cluster reached through these seed nodes (REDIS_URL then gives only credentials and TLS). */
  redisClusterNodes?: { host: string; port: number }[];
  /** Set: the dashboard's KPI reads go to this (a read replica). */
  databaseReadUrl?: string;
  ingestRateLimitPerMinute: number;
  importMaxFileBytes: number;
  importMaxRowBytes: number;
  importMaxFieldBytes: number;
  importHeartbeatMs: number;
  httpRequestTimeoutMs: number;
  sweeperIntervalMs: number;
  vacuumIntervalMs: number;
  ingestBatchRetentionDays: number;
  sweeperGraceMs: number;
  workerConcurrency: number;
  derivationIdleMs: number;
  derivationDeferBacklog: number;
  derivationMaxDeferMs: number;
  workerLockMs: number;
  keyRotationGraceHours: number;
  ingestJobAttempts: number;
  sessionTtlHours: number;
  slaEvaluationIntervalMs: number;
  slaReminderMinutes: number;
  alertUnhealthyAfterFailures: number;
  alertDeliveryAttempts: number;
  alertBackoffMs: number;
  alertAllowPrivateTargets: boolean;
  trustProxy: false | number | string[];
  loginLimits: { perEmailAndAddress: number; perAddress: number; perEmail: number; perMinute: number };
  smtpUrl?: string;
  smtpFrom: string;
  metricsToken?: string;
  workerMetricsPort?: number;
  workerMetricsHost: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(env: Record<string, string | undefined>): LanewatchConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const value = result.data;
  // A field lives inside a row and a row inside the file: a looser inner bound would never apply.
  const order = [
    ...(value.IMPORT_MAX_FIELD_BYTES > value.IMPORT_MAX_ROW_BYTES ? ['IMPORT_MAX_FIELD_BYTES must not exceed IMPORT_MAX_ROW_BYTES'] : []),
    ...(value.IMPORT_MAX_ROW_BYTES > value.IMPORT_MAX_FILE_BYTES ? ['IMPORT_MAX_ROW_BYTES must not exceed IMPORT_MAX_FILE_BYTES'] : []),
  ];
  // A cluster has only database 0, and BullMQ's scripts touch several keys of a queue at once.
  const cluster =
    value.REDIS_CLUSTER_NODES === undefined
      ? []
      : [
          ...(/^\{.+\}$/.test(value.QUEUE_PREFIX)
            ? []
            : [`QUEUE_PREFIX must be a hash tag such as {${value.QUEUE_PREFIX}} when REDIS_CLUSTER_NODES is set: BullMQ needs every key of a queue in one cluster slot`]),
          ...(['', '/', '/0'].includes(new URL(value.REDIS_URL).pathname) ? [] : ['REDIS_URL must not select a database when REDIS_CLUSTER_NODES is set: a Redis Cluster has only database 0']),
        ];
  if (order.length + cluster.length > 0) throw new ConfigError([...order, ...cluster]);
  return {
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    adminToken: value.LANEWATCH_ADMIN_TOKEN,
    secretKey: value.LANEWATCH_SECRET_KEY,
    logLevel: value.LOG_LEVEL,
    webDistDir: value.WEB_DIST_DIR,
    queuePrefix: value.QUEUE_PREFIX,
    redisClusterNodes: value.REDIS_CLUSTER_NODES,
    databaseReadUrl: value.DATABASE_READ_URL,
    ingestRateLimitPerMinute: value.INGEST_RATE_LIMIT_PER_MINUTE,
    importMaxFileBytes: value.IMPORT_MAX_FILE_BYTES,
    importMaxRowBytes: value.IMPORT_MAX_ROW_BYTES,
    importMaxFieldBytes: value.IMPORT_MAX_FIELD_BYTES,
    importHeartbeatMs: value.IMPORT_HEARTBEAT_MS,
    httpRequestTimeoutMs: value.HTTP_REQUEST_TIMEOUT_MS,
    sweeperIntervalMs: value.SWEEPER_INTERVAL_MS,
    vacuumIntervalMs: value.VACUUM_INTERVAL_MS,
    ingestBatchRetentionDays: value.INGEST_BATCH_RETENTION_DAYS,
    sweeperGraceMs: value.SWEEPER_GRACE_MS,
    workerConcurrency: value.WORKER_CONCURRENCY,
    derivationIdleMs: value.DERIVATION_IDLE_MS,
    derivationDeferBacklog: value.DERIVATION_DEFER_BACKLOG,
    derivationMaxDeferMs: value.DERIVATION_MAX_DEFER_MS,
    workerLockMs: value.WORKER_LOCK_MS,
    keyRotationGraceHours: value.KEY_ROTATION_GRACE_HOURS,
    ingestJobAttempts: value.INGEST_JOB_ATTEMPTS,
    sessionTtlHours: value.SESSION_TTL_HOURS,
    slaEvaluationIntervalMs: value.SLA_EVALUATION_INTERVAL_MS,
    slaReminderMinutes: value.SLA_REMINDER_MINUTES,
    alertUnhealthyAfterFailures: value.ALERT_UNHEALTHY_AFTER_FAILURES,
    alertDeliveryAttempts: value.ALERT_DELIVERY_ATTEMPTS,
    alertBackoffMs: value.ALERT_BACKOFF_MS,
    alertAllowPrivateTargets: value.ALERT_ALLOW_PRIVATE_TARGETS,
    trustProxy: value.TRUST_PROXY,
    loginLimits: {
      perEmailAndAddress: value.LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS,
      perAddress: value.LOGIN_ATTEMPTS_PER_ADDRESS,
      perEmail: value.LOGIN_ATTEMPTS_PER_EMAIL,
      perMinute: value.LOGIN_ATTEMPTS_PER_MINUTE,
    },
    smtpUrl: value.SMTP_URL,
    smtpFrom: value.SMTP_FROM,
    metricsToken: value.METRICS_TOKEN,
    workerMetricsPort: value.WORKER_METRICS_PORT,
    workerMetricsHost: value.WORKER_METRICS_HOST,
  };
}

const databaseOnlySchema = envSchema.pick({ DATABASE_URL: true });

/** Only the database URL, validated like the full configuration: for tools that touch nothing else (the CLI). */
export function parseDatabaseConfig(env: Record<string, string | undefined>): { databaseUrl: string } {
  const result = databaseOnlySchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => issue.message));
  return { databaseUrl: result.data.DATABASE_URL };
}

/** Boot helper: parse once, or print every problem and exit. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): LanewatchConfig {
  return orExit(() => parseConfig(env));
}

export function loadDatabaseConfigOrExit(env: Record<string, string | undefined> = process.env): { databaseUrl: string } {
  return orExit(() => parseDatabaseConfig(env));
}

function orExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
