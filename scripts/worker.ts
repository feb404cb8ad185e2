// `npm run worker`: one more worker process for a Lanewatch that is already running (another machine,
// another container, or next to `npm start`). It provisions nothing: it joins the PostgreSQL and Redis
// the rest of the deployment uses, and runs the same entry as the worker `npm start` launches.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from '@lanewatch/config';

const EX_CONFIG = 78;

export interface WorkerEnvironment {
  env: NodeJS.ProcessEnv;
  /** Where the secrets came from when the environment did not hold them. */
  secretsFile?: string;
}

/** `npm start` keeps its generated secrets here; a worker next to it must use the same secret key. */
function readLocalSecrets(file: string): { adminToken?: string; secretKey?: string } {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    return { adminToken: text(parsed.adminToken), secretKey: text(parsed.secretKey) };
  } catch {
    return {};
  }
}

/**
 * The worker's environment, validated once: DATABASE_URL and REDIS_URL must name the running
 * deployment's services (never a fresh embedded one: a worker on its own database would drain nothing),
 * and the secrets come from the environment or from the file `npm start` wrote in this checkout.
 */
export function workerEnvironment(env: NodeJS.ProcessEnv, repoRoot: string): WorkerEnvironment {
  const missing = (['DATABASE_URL', 'REDIS_URL'] as const).filter((name) => (env[name] ?? '').trim() === '');
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map(
        (name) =>
          `${name} is required: \`npm run worker\` adds a worker to a running Lanewatch and uses its ${name === 'DATABASE_URL' ? 'PostgreSQL' : 'Redis'} (set it to the URL the API uses)`,
      ),
    );
  }
  const file = path.join(repoRoot, '.lanewatch', 'secrets.json');
  const stored = env.LANEWATCH_ADMIN_TOKEN && env.LANEWATCH_SECRET_KEY ? {} : readLocalSecrets(file);
  const resolved: NodeJS.ProcessEnv = {
    ...env,
    LANEWATCH_ADMIN_TOKEN: env.LANEWATCH_ADMIN_TOKEN || stored.adminToken,
    LANEWATCH_SECRET_KEY: env.LANEWATCH_SECRET_KEY || stored.secretKey,
  };
  parseConfig(resolved);
  const fromFile = stored.adminToken !== undefined || stored.secretKey !== undefined;
  return { env: resolved, secretsFile: fromFile ? file : undefined };
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..');
  let resolved: WorkerEnvironment;
  try {
    resolved = workerEnvironment(process.env, repoRoot);
  } catch (error) {
    process.stderr.write(`[worker] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? EX_CONFIG : 1);
  }
  if (resolved.secretsFile) process.stdout.write(`[worker] secrets not in the environment: using ${resolved.secretsFile}\n`);
  Object.assign(process.env, resolved.env);
  // The worker's own entry: it validates the configuration again, connects and runs until SIGTERM/SIGINT.
  await import(path.join(repoRoot, 'apps', 'worker', 'src', 'main.ts'));
}

if (require.main === module) void main();
