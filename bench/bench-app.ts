import { ensureDatabase, provisionServices, ProvisionedServices, withDatabaseName } from '@lanewatch/provision';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Services and a migrated template database for the benchmarks (what the test globalSetup does). */
export async function prepareBenchServices(): Promise<ProvisionedServices> {
  const services = await provisionServices({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lanewatch_bench',
    redisUrl: process.env.REDIS_URL,
    dataDir: join(ROOT, '.lanewatch', 'bench-services'),
    log: (message) => process.stderr.write(`[bench services] ${message}\n`),
  });
  const templateUrl = withDatabaseName(services.databaseUrl, 'lanewatch_bench_template');
  await ensureDatabase(templateUrl, { recreate: true });
  execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', `require('./libs/db/src').runMigrations(process.env.TEMPLATE_URL)`], {
    cwd: ROOT,
    env: { ...process.env, TEMPLATE_URL: templateUrl },
    stdio: 'inherit',
  });
  process.env.LANEWATCH_TEST_TEMPLATE_URL = templateUrl;
  process.env.LANEWATCH_TEST_REDIS_URL = services.redisUrl;
  return services;
}
