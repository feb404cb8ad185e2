import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  adminToken: string;
  secretKey: string;
}

export type SecretSource = 'env' | 'file' | 'generated';

export interface ResolvedSecrets extends LocalSecrets {
  adminTokenSource: SecretSource;
  secretKeySource: SecretSource;
  // The file is only read or written when at least one value does not come from the environment.
  file: string | undefined;
}

const SECRETS_FILE_MODE = 0o600;

function generateSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

// The whole stored object: entries this module does not know (e.g. the demo admin's password) are kept on rewrite.
async function readSecretsRecord(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix it or delete it to generate new secrets`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object like {"adminToken": "…", "secretKey": "…"}`);
  }
  return parsed as Record<string, unknown>;
}

function storedString(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function writeSecretsFile(file: string, secrets: Record<string, unknown>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Write-then-rename so an interrupted run never leaves half a file that would lock the admin out.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: SECRETS_FILE_MODE });
  await chmod(temporary, SECRETS_FILE_MODE);
  await rename(temporary, file);
}

/**
 * Values from the environment win; missing ones are read from `file`, or generated once and
 * persisted there (mode 600) so the admin token stays the same across runs.
 */
export async function ensureLocalSecrets(options: {
  file: string;
  adminToken?: string;
  secretKey?: string;
  generate?: (bytes: number) => string;
}): Promise<ResolvedSecrets> {
  const generate = options.generate ?? generateSecret;
  const fromEnv = { adminToken: nonEmpty(options.adminToken), secretKey: nonEmpty(options.secretKey) };
  if (fromEnv.adminToken !== undefined && fromEnv.secretKey !== undefined) {
    return {
      adminToken: fromEnv.adminToken,
      secretKey: fromEnv.secretKey,
      adminTokenSource: 'env',
      secretKeySource: 'env',
      file: undefined,
    };
  }

  const record = await readSecretsRecord(options.file);
  const stored = { adminToken: storedString(record, 'adminToken'), secretKey: storedString(record, 'secretKey') };
  const adminTokenSource: SecretSource =
    fromEnv.adminToken !== undefined ? 'env' : stored.adminToken !== undefined ? 'file' : 'generated';
  const secretKeySource: SecretSource =
    fromEnv.secretKey !== undefined ? 'env' : stored.secretKey !== undefined ? 'file' : 'generated';
  // 24 and 32 random bytes clear the config minimums (16 and 32 characters) with room to spare.
  const persisted: LocalSecrets = {
    adminToken: stored.adminToken ?? generate(24),
    secretKey: stored.secretKey ?? generate(32),
  };

  if (adminTokenSource === 'generated' || secretKeySource === 'generated') {
    await writeSecretsFile(options.file, { ...record, ...persisted });
  } else {
    await tightenMode(options.file);
  }

  return {
    adminToken: fromEnv.adminToken ?? persisted.adminToken,
    secretKey: fromEnv.secretKey ?? persisted.secretKey,
    adminTokenSource,
    secretKeySource,
    file: options.file,
  };
}

/**
 * One more generated value kept in the same file (the demo's first admin password): read when
 * present, otherwise generated once and added, leaving the other entries as they were.
 */
export async function ensureStoredSecret(options: {
  file: string;
  name: string;
  generate: () => string;
}): Promise<{ value: string; source: Exclude<SecretSource, 'env'> }> {
  const record = await readSecretsRecord(options.file);
  const stored = storedString(record, options.name);
  if (stored !== undefined) {
    await tightenMode(options.file);
    return { value: stored, source: 'file' };
  }
  const value = options.generate();
  await writeSecretsFile(options.file, { ...record, [options.name]: value });
  return { value, source: 'generated' };
}

// A file copied around or created by hand may be world-readable; it holds the admin token.
async function tightenMode(file: string): Promise<void> {
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) await chmod(file, SECRETS_FILE_MODE);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
