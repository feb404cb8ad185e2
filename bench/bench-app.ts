import { ensureDatabase, provisionServices, ProvisionedServices, withDatabaseName } from '@lanewatch/provision';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');

/**
 * Services and a migrated template database for the benchmarks (what the test globalSetup does). The
 * template is this process's own (benchmarks run side by side on a shared server) and goes at stop.
 */
export async function prepareBenchServices(): Promise<ProvisionedServices> {
  const services = await provisionServices({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lanewatch_bench',
    redisUrl: process.env.REDIS_URL,
    dataDir: join(ROOT, '.lanewatch', 'bench-services'),
    log: (message) => process.stderr.write(`[bench services] ${message}\n`),
  });
  const templateUrl = withDatabaseName(services.databaseUrl, `lanewatch_bench_template_${process.pid}`);
  await ensureDatabase(templateUrl, { recreate: true });
  execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', `require('./libs/db/src').runMigrations(process.env.TEMPLATE_URL)`], {
    cwd: ROOT,
    env: { ...process.env, TEMPLATE_URL: templateUrl },
    stdio: 'inherit',
  });
  process.env.LANEWATCH_TEST_TEMPLATE_URL = templateUrl;
  process.env.LANEWATCH_TEST_REDIS_URL = services.redisUrl;
  return {
    ...services,
    async stop() {
      const client = new Client({ connectionString: withDatabaseName(services.databaseUrl, 'postgres') });
      await client.connect();
      try {
        const name = `lanewatch_bench_template_${process.pid}`;
        const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}_%`]);
        for (const row of [...leftovers.rows, { datname: name }]) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
      await services.stop();
    },
  };
}
