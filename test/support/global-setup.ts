import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDatabase, installWithApt, provisionServices, ProvisionedServices, withDatabaseName } from '../../libs/provision/src';
import { join } from 'node:path';
import { CHROMIUM } from './dashboard-browser';

declare global {
  var __LANEWATCH_SERVICES__: ProvisionedServices | undefined;
}

/**
 * Real PostgreSQL and Redis for the whole run: the configured or local ones when they answer,
 * embedded ones otherwise. One migrated template database per run; each spec file clones it.
 */
export default async function globalSetup(): Promise<void> {
  const services = await provisionServices({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lanewatch_test',
    redisUrl: process.env.REDIS_URL,
    dataDir: join(__dirname, '..', '..', '.lanewatch', 'test-services'),
    log: (message) => process.stderr.write(`[test services] ${message}\n`),
  });
  globalThis.__LANEWATCH_SERVICES__ = services;
  const templateUrl = withDatabaseName(services.databaseUrl, `lanewatch_test_template_${process.pid}`);
  await ensureDatabase(templateUrl, { recreate: true });
  // Through swc-register like the app itself: globalSetup resolves modules without Jest's path map.
  execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', `require('./libs/db/src').runMigrations(process.env.TEMPLATE_URL).catch((e) => { console.error(e); process.exit(1); })`], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, TEMPLATE_URL: templateUrl },
    stdio: 'inherit',
  });
  process.env.LANEWATCH_TEST_TEMPLATE_URL = templateUrl;
  process.env.LANEWATCH_TEST_REDIS_URL = services.redisUrl;
  // The dashboard end-to-end test drives Debian's chromium (nothing may download a browser here):
  // installed once where apt-get can, otherwise that test says what to install.
  if (!existsSync(CHROMIUM)) await installWithApt({ packageName: 'chromium', executable: 'chromium', log: (message) => process.stderr.write(`[test browser] ${message}\n`) });
}
