import { ConfigError, parseConfig, parseDatabaseConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lanewatch',
  REDIS_URL: 'redis://127.0.0.1:6379',
  LANEWATCH_ADMIN_TOKEN: 'a'.repeat(24),
  LANEWATCH_SECRET_KEY: 'k'.repeat(40),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies defaults for optional values', () => {
    const config = parseConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.queuePrefix).toBe('{lanewatch}');
    expect(config.sessionTtlHours).toBe(12);
  });

  it('takes a queue prefix with or without a hash tag, and nothing else', () => {
    expect(parseConfig({ ...valid, QUEUE_PREFIX: 'lwtest01' }).queuePrefix).toBe('lwtest01');
    expect(parseConfig({ ...valid, QUEUE_PREFIX: '{lw_prod-2}' }).queuePrefix).toBe('{lw_prod-2}');
    for (const bad of ['{lanewatch', 'lane{watch}', '{}', '{a}{b}', 'Lanewatch', 'lane:watch']) {
      expect(problemsOf({ ...valid, QUEUE_PREFIX: bad })).toEqual(['QUEUE_PREFIX must be 1-40 characters of a-z 0-9 _ -, optionally in braces (a hash tag: {lanewatch})']);
    }
  });

  it('reads REDIS_CLUSTER_NODES as seed nodes and wants a hash-tagged prefix and database 0 with them', () => {
    expect(parseConfig(valid).redisClusterNodes).toBeUndefined();
    const nodes = 'redis-1:7000, 10.0.0.2:7001,[::1]:7002';
    expect(parseConfig({ ...valid, REDIS_CLUSTER_NODES: nodes }).redisClusterNodes).toEqual([
      { host: 'redis-1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: nodes, QUEUE_PREFIX: 'lanewatch' })).toEqual([
      'QUEUE_PREFIX must be a hash tag such as {lanewatch} when REDIS_CLUSTER_NODES is set: BullMQ needs every key of a queue in one cluster slot',
    ]);
    expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: nodes, REDIS_URL: 'redis://127.0.0.1:6379/2' })).toEqual([
      'REDIS_URL must not select a database when REDIS_CLUSTER_NODES is set: a Redis Cluster has only database 0',
    ]);
    expect(parseConfig({ ...valid, REDIS_CLUSTER_NODES: nodes, REDIS_URL: 'rediss://user:pw@ignored:6379/0' }).redisClusterNodes).toHaveLength(3);
    for (const bad of ['redis-1', 'redis-1:0', 'redis-1:65536', '::1:7000', '[not-v6]:7000', 'a:1,,b:2', 'bad_host!:7000']) {
      expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: bad })).toHaveLength(1);
      expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: bad })[0]).toMatch(/^REDIS_CLUSTER_NODES must be a comma-separated list of host:port/);
    }
  });

  it('leaves DATABASE_READ_URL unset by default and validates it', () => {
    expect(parseConfig(valid).databaseReadUrl).toBeUndefined();
    expect(parseConfig({ ...valid, DATABASE_READ_URL: 'postgres://reader@replica:5432/lanewatch' }).databaseReadUrl).toBe('postgres://reader@replica:5432/lanewatch');
    expect(problemsOf({ ...valid, DATABASE_READ_URL: 'mysql://replica/lanewatch' })).toEqual(['DATABASE_READ_URL must be a URL starting with postgres:// or postgresql://']);
  });

  it('accepts a fractional session lifetime and rejects zero, negative and non-numeric ones', () => {
    expect(parseConfig({ ...valid, SESSION_TTL_HOURS: '0.5' }).sessionTtlHours).toBe(0.5);
    for (const bad of ['0', '-1', 'twelve', '721']) {
      expect(problemsOf({ ...valid, SESSION_TTL_HOURS: bad })).toEqual(['SESSION_TTL_HOURS must be a number of hours above 0 and at most 720']);
    }
  });

  it('defaults the SLA settings and validates SMTP_URL', () => {
    const config = parseConfig(valid);
    expect([config.slaEvaluationIntervalMs, config.slaReminderMinutes, config.smtpUrl]).toEqual([60_000, 60, undefined]);
    expect(parseConfig({ ...valid, SMTP_URL: 'smtp://mail.example.com:25' }).smtpUrl).toBe('smtp://mail.example.com:25');
    expect(problemsOf({ ...valid, SMTP_URL: 'http://mail.example.com' })).toEqual(['SMTP_URL must be a URL starting with smtp:// or smtps://']);
    expect(problemsOf({ ...valid, SLA_REMINDER_MINUTES: '-1' })).toEqual(['SLA_REMINDER_MINUTES must be an integer from 0 to 10080']);
  });

  it('keeps alert webhooks to public addresses unless ALERT_ALLOW_PRIVATE_TARGETS is true', () => {
    expect(parseConfig(valid).alertAllowPrivateTargets).toBe(false);
    expect(parseConfig({ ...valid, ALERT_ALLOW_PRIVATE_TARGETS: 'true' }).alertAllowPrivateTargets).toBe(true);
    expect(parseConfig({ ...valid, ALERT_ALLOW_PRIVATE_TARGETS: 'false' }).alertAllowPrivateTargets).toBe(false);
    expect(problemsOf({ ...valid, ALERT_ALLOW_PRIVATE_TARGETS: 'yes please' })).toEqual(['ALERT_ALLOW_PRIVATE_TARGETS must be true or false']);
  });

  it('trusts no proxy by default; TRUST_PROXY takes a hop count or proxy addresses, never true', () => {
    expect(parseConfig(valid).trustProxy).toBe(false);
    expect(parseConfig({ ...valid, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(parseConfig({ ...valid, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ ...valid, TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,loopback' }).trustProxy).toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback']);
    expect(problemsOf({ ...valid, TRUST_PROXY: 'true' })).toEqual([
      'TRUST_PROXY must be a number of proxy hops from 0 to 10, or a comma-separated list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal (not "true")',
    ]);
    expect(problemsOf({ ...valid, TRUST_PROXY: '11' })).toHaveLength(1);
    expect(problemsOf({ ...valid, TRUST_PROXY: 'nginx' })).toHaveLength(1);
  });

  it('defaults the sign-in limits and validates them', () => {
    expect(parseConfig(valid).loginLimits).toEqual({ perEmailAndAddress: 10, perAddress: 100, perEmail: 50, perMinute: 600 });
    expect(parseConfig({ ...valid, LOGIN_ATTEMPTS_PER_ADDRESS: '20' }).loginLimits.perAddress).toBe(20);
    expect(problemsOf({ ...valid, LOGIN_ATTEMPTS_PER_EMAIL: '0' })).toEqual(['LOGIN_ATTEMPTS_PER_EMAIL must be an integer from 1 to 100000']);
  });

  it('leaves metrics off by default and validates METRICS_TOKEN, WORKER_METRICS_PORT and WORKER_METRICS_HOST', () => {
    const config = parseConfig(valid);
    expect([config.metricsToken, config.workerMetricsPort, config.workerMetricsHost]).toEqual([undefined, undefined, '127.0.0.1']);
    const set = parseConfig({ ...valid, METRICS_TOKEN: 'm'.repeat(16), WORKER_METRICS_PORT: '0', WORKER_METRICS_HOST: '0.0.0.0' });
    expect([set.metricsToken, set.workerMetricsPort, set.workerMetricsHost]).toEqual(['m'.repeat(16), 0, '0.0.0.0']);
    expect(parseConfig({ ...valid, WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: 'worker-1.internal' }).workerMetricsPort).toBe(9464);
    expect(parseConfig({ ...valid, WORKER_METRICS_HOST: '::1' }).workerMetricsHost).toBe('::1');
    expect(problemsOf({ ...valid, METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN must be at least 16 characters without spaces']);
    expect(problemsOf({ ...valid, METRICS_TOKEN: 'has a space in it, sixteen+' })).toEqual(['METRICS_TOKEN must be at least 16 characters without spaces']);
    for (const bad of ['-1', '65536', '94.5', 'nine']) {
      expect(problemsOf({ ...valid, WORKER_METRICS_PORT: bad })).toEqual(['WORKER_METRICS_PORT must be an integer from 0 to 65535']);
    }
    expect(problemsOf({ ...valid, WORKER_METRICS_HOST: 'http://worker' })).toEqual(['WORKER_METRICS_HOST must be an IP address or a host name']);
  });

  it('names a missing DATABASE_URL', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: undefined })).toEqual(['DATABASE_URL is required']);
  });

  it('names a malformed REDIS_URL and a bad PORT together', () => {
    const problems = problemsOf({ ...valid, REDIS_URL: 'localhost:6379', PORT: '70000' });
    expect(problems).toContain('PORT must be an integer from 1 to 65535');
    expect(problems).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
  });

  it('rejects a short admin token and an unknown log level', () => {
    const problems = problemsOf({ ...valid, LANEWATCH_ADMIN_TOKEN: 'short', LOG_LEVEL: 'verbose' });
    expect(problems).toEqual([
      'LANEWATCH_ADMIN_TOKEN must be at least 16 characters',
      'LOG_LEVEL must be one of error, warn, info, debug',
    ]);
  });

  it('defaults the CSV import bounds, the heartbeat and the request timeout', () => {
    const config = parseConfig(valid);
    expect([config.importMaxFileBytes, config.importMaxRowBytes, config.importMaxFieldBytes, config.importHeartbeatMs, config.httpRequestTimeoutMs]).toEqual([
      64 * 1024 * 1024,
      64 * 1024,
      16 * 1024,
      10_000,
      300_000,
    ]);
    // Below the 66 s the API allows for headers would cut requests whose headers are still legal.
    expect(problemsOf({ ...valid, HTTP_REQUEST_TIMEOUT_MS: '60000' })).toEqual(['HTTP_REQUEST_TIMEOUT_MS must be an integer from 70000 to 86400000']);
  });

  it('rejects import bounds out of range or nested the wrong way round', () => {
    expect(problemsOf({ ...valid, IMPORT_MAX_FIELD_BYTES: '10' })).toEqual(['IMPORT_MAX_FIELD_BYTES must be an integer from 64 to 67108864']);
    expect(problemsOf({ ...valid, IMPORT_MAX_FILE_BYTES: '1.5' })).toEqual(['IMPORT_MAX_FILE_BYTES must be an integer from 1024 to 1099511627776']);
    expect(problemsOf({ ...valid, IMPORT_MAX_FIELD_BYTES: '70000' })).toEqual(['IMPORT_MAX_FIELD_BYTES must not exceed IMPORT_MAX_ROW_BYTES']);
    expect(problemsOf({ ...valid, IMPORT_MAX_ROW_BYTES: '4096', IMPORT_MAX_FILE_BYTES: '2048', IMPORT_MAX_FIELD_BYTES: '1024' })).toEqual([
      'IMPORT_MAX_ROW_BYTES must not exceed IMPORT_MAX_FILE_BYTES',
    ]);
  });
});

describe('parseDatabaseConfig', () => {
  it('needs only DATABASE_URL, validated like the full configuration', () => {
    expect(parseDatabaseConfig({ DATABASE_URL: valid.DATABASE_URL })).toEqual({ databaseUrl: valid.DATABASE_URL });
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'mysql://db/lanewatch' })).toThrow('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
  });
});
