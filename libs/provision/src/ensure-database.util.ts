import { Client, DatabaseError } from 'pg';
import { databaseNameOf, redactUrl, withDatabaseName } from './service-url.util';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
// CREATE DATABASE fails while another session is connected to the template.
const OBJECT_IN_USE = '55006';
const PROTECTED_DATABASES = new Set(['postgres', 'template0', 'template1']);

async function connectMaintenance(databaseUrl: string): Promise<Client> {
  let lastError: unknown;
  // 'postgres' normally exists; template1 always does, but connecting to it blocks CREATE DATABASE elsewhere.
  for (const maintenance of ['postgres', 'template1']) {
    const client = new Client({ connectionString: withDatabaseName(databaseUrl, maintenance), connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      if (!(error instanceof DatabaseError && error.code === INVALID_CATALOG_NAME)) break;
    }
  }
  throw new Error(
    `Could not connect to PostgreSQL at ${redactUrl(withDatabaseName(databaseUrl, 'postgres'))} to create the database: ${(lastError as Error).message}`,
  );
}

function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof DatabaseError && error.code !== undefined && codes.includes(error.code);
}

async function createOrRecreate(admin: Client, name: string, recreate: boolean): Promise<void> {
  const quoted = admin.escapeIdentifier(name);
  if (recreate) await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  for (let attempt = 1; ; attempt += 1) {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount !== 0) return;
    try {
      await admin.query(`CREATE DATABASE ${quoted}`);
      return;
    } catch (error) {
      // Another process (a parallel test worker) created it first.
      if (hasCode(error, DUPLICATE_DATABASE, UNIQUE_VIOLATION)) return;
      if (!hasCode(error, OBJECT_IN_USE) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Creates the database named in `databaseUrl` when missing; `recreate` drops it first, disconnecting its sessions. */
export async function ensureDatabase(databaseUrl: string, options: { recreate?: boolean } = {}): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  if (options.recreate && PROTECTED_DATABASES.has(name)) {
    throw new Error(`Refusing to recreate the system database ${JSON.stringify(name)}`);
  }
  const admin = await connectMaintenance(databaseUrl);
  try {
    await createOrRecreate(admin, name, options.recreate === true);
  } catch (error) {
    throw new Error(
      `Could not ${options.recreate ? 'recreate' : 'create'} database ${JSON.stringify(name)} on ${redactUrl(withDatabaseName(databaseUrl, 'postgres'))}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}
