export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lanewatch';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const POSTGRES_PROTOCOLS = ['postgres:', 'postgresql:'];
const REDIS_PROTOCOLS = ['redis:', 'rediss:'];

function parseWithProtocols(url: string, what: string, protocols: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a valid URL: ${JSON.stringify(url)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new Error(
      `${what} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${JSON.stringify(redactUrl(url))}`,
    );
  }
  return parsed;
}

export function parsePostgresUrl(url: string): URL {
  return parseWithProtocols(url, 'The PostgreSQL URL', POSTGRES_PROTOCOLS);
}

export function parseRedisUrl(url: string): URL {
  return parseWithProtocols(url, 'The Redis URL', REDIS_PROTOCOLS);
}

export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(parsePostgresUrl(databaseUrl).pathname.replace(/^\//, ''));
  if (name === '') {
    throw new Error(`The PostgreSQL URL ${redactUrl(databaseUrl)} names no database (expected …/<database>)`);
  }
  return name;
}

export function withDatabaseName(databaseUrl: string, databaseName: string): string {
  const parsed = parsePostgresUrl(databaseUrl);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}

export function buildPostgresUrl(parts: {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}): string {
  const auth = parts.password === undefined
    ? encodeURIComponent(parts.user)
    : `${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}`;
  return `postgres://${auth}@${parts.host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

// Log lines and error messages end up in terminals and CI logs; passwords must not.
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
