import { ConfigError, parseConfig } from './config';

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
    expect(config.queuePrefix).toBe('lanewatch');
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
});
