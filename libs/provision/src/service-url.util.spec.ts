import { buildPostgresUrl, databaseNameOf, parseRedisUrl, redactUrl, withDatabaseName } from './service-url.util';

describe('databaseNameOf', () => {
  it('reads the database from the path', () => {
    expect(databaseNameOf('postgres://postgres@127.0.0.1:5432/lanewatch')).toBe('lanewatch');
  });

  it('decodes an escaped database name', () => {
    expect(databaseNameOf('postgresql://u:p@db:5432/lane%20watch?sslmode=require')).toBe('lane watch');
  });

  it('rejects a URL without a database', () => {
    expect(() => databaseNameOf('postgres://postgres@127.0.0.1:5432')).toThrow('names no database');
  });

  it('rejects a non-postgres URL and does not echo its password', () => {
    expect(() => databaseNameOf('mysql://root:hunter2@db/lanewatch')).toThrow(
      'The PostgreSQL URL must start with postgres:// or postgresql://, got "mysql://root:***@db/lanewatch"',
    );
  });
});

describe('withDatabaseName', () => {
  it('swaps only the database and keeps credentials and query', () => {
    expect(withDatabaseName('postgres://u:p@db:6543/lanewatch?sslmode=require', 'postgres')).toBe(
      'postgres://u:p@db:6543/postgres?sslmode=require',
    );
  });
});

describe('buildPostgresUrl', () => {
  it('escapes credentials that are not URL-safe', () => {
    const url = buildPostgresUrl({ host: '127.0.0.1', port: 5433, user: 'postgres', password: 'a/b@c', database: 'lanewatch' });
    expect(url).toBe('postgres://postgres:a%2Fb%40c@127.0.0.1:5433/lanewatch');
    expect(decodeURIComponent(new URL(url).password)).toBe('a/b@c');
  });

  it('omits the password when there is none', () => {
    expect(buildPostgresUrl({ host: 'h', port: 1, user: 'root', database: 'd' })).toBe('postgres://root@h:1/d');
  });
});

describe('redactUrl', () => {
  it('masks the password', () => {
    expect(redactUrl('redis://:s3cret@cache:6379/0')).toBe('redis://:***@cache:6379/0');
  });

  it('leaves a URL without password unchanged', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/lanewatch')).toBe('postgres://postgres@127.0.0.1:5432/lanewatch');
  });

  it('never returns an unparseable input, which may be a bare secret', () => {
    expect(redactUrl('not a url with secret')).toBe('<unparseable URL>');
  });
});

describe('parseRedisUrl', () => {
  it('accepts rediss://', () => {
    expect(parseRedisUrl('rediss://cache:6380').port).toBe('6380');
  });

  it('rejects a host:port without scheme', () => {
    expect(() => parseRedisUrl('localhost:6379')).toThrow('must start with redis:// or rediss://');
  });
});
