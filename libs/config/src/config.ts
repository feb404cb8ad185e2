import { z } from 'zod';

const urlWithProtocols = (name: string, protocols: string[]) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);

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
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'QUEUE_PREFIX must be 1-40 characters of a-z 0-9 _ -')
    .default('lanewatch'),
  INGEST_RATE_LIMIT_PER_MINUTE: intInRange('INGEST_RATE_LIMIT_PER_MINUTE', 1, 1_000_000, 1200),
  SWEEPER_INTERVAL_MS: intInRange('SWEEPER_INTERVAL_MS', 500, 3_600_000, 30_000),
  // How long a committed batch may wait before the sweeper re-enqueues it.
  SWEEPER_GRACE_MS: intInRange('SWEEPER_GRACE_MS', 0, 3_600_000, 10_000),
  WORKER_CONCURRENCY: intInRange('WORKER_CONCURRENCY', 1, 64, 2),
  // A job whose worker died is retried once its lock expires; shorter means faster recovery, more lock renewals.
  WORKER_LOCK_MS: intInRange('WORKER_LOCK_MS', 1000, 600_000, 30_000),
  KEY_ROTATION_GRACE_HOURS: intInRange('KEY_ROTATION_GRACE_HOURS', 0, 720, 24),
  // Tries per batch (exponential back-off from 1 s) before it is marked failed and kept with its error.
  INGEST_JOB_ATTEMPTS: intInRange('INGEST_JOB_ATTEMPTS', 1, 50, 8),
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
  ingestRateLimitPerMinute: number;
  sweeperIntervalMs: number;
  sweeperGraceMs: number;
  workerConcurrency: number;
  workerLockMs: number;
  keyRotationGraceHours: number;
  ingestJobAttempts: number;
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
  return {
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    adminToken: value.LANEWATCH_ADMIN_TOKEN,
    secretKey: value.LANEWATCH_SECRET_KEY,
    logLevel: value.LOG_LEVEL,
    webDistDir: value.WEB_DIST_DIR,
    queuePrefix: value.QUEUE_PREFIX,
    ingestRateLimitPerMinute: value.INGEST_RATE_LIMIT_PER_MINUTE,
    sweeperIntervalMs: value.SWEEPER_INTERVAL_MS,
    sweeperGraceMs: value.SWEEPER_GRACE_MS,
    workerConcurrency: value.WORKER_CONCURRENCY,
    workerLockMs: value.WORKER_LOCK_MS,
    keyRotationGraceHours: value.KEY_ROTATION_GRACE_HOURS,
    ingestJobAttempts: value.INGEST_JOB_ATTEMPTS,
  };
}

/** Boot helper: parse once, or print every problem and exit. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): LanewatchConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
