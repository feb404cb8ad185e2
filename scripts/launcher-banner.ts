import { redactUrl } from '@lanewatch/provision';
import type { DemoCarrierUser } from './launcher-demo-carrier';
import type { DemoAdmin } from './launcher-first-admin';
import type { RunningLanewatch } from './start';
import type { WebBuildResult } from './launcher-web-build';

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)} ${value}`;
}

/** One way to sign in to the dashboard: the first admin user; the token only when there is none. */
function signInRows(admin: DemoAdmin | null): string[] {
  if (admin?.password) return [row('Sign in as', admin.email), row('  Password', admin.password)];
  if (admin) return [row('Sign in as', `${admin.email} (its password was changed since it was generated)`)];
  return [row('Sign in with', `the admin token below`)];
}

export function formatBanner(
  running: RunningLanewatch,
  web: WebBuildResult,
  admin: DemoAdmin | null,
  options: { demo: boolean; carrierUser?: DemoCarrierUser | null },
): string {
  const carrier = options.carrierUser;
  const { services, secrets, dataDir } = running;
  const secretsWhere = secrets.file ?? 'from the environment';
  const lines = [
    options.demo ? '  Lanewatch demo is running' : '  Lanewatch is running',
    '',
    row('Dashboard', web.available ? running.dashboardUrl : `${running.dashboardUrl} (${web.note})`),
    row('API docs', running.docsUrl),
    ...signInRows(admin),
    ...(carrier ? [row('Carrier user', `${carrier.email} (sees only ${carrier.carrier}; ready once the feed registers it)`), row('  Password', carrier.password)] : []),
    row('Admin token', `${running.adminToken}   (API bearer token for scripts: Authorization: Bearer …)`),
    '',
    row('Data', dataDir),
    row('  PostgreSQL', services.embeddedPostgres ? `embedded, in ${dataDir}/pg` : redactUrl(services.databaseUrl)),
    row('  Redis', services.embeddedRedis ? `private redis-server, append-only file in ${dataDir}/redis` : redactUrl(services.redisUrl)),
    row('  Secrets', secretsWhere),
    '',
    ...(options.demo ? ['  A simulated carrier feed is streaming through the API ([feed] lines).'] : []),
    '  Press Ctrl-C to stop everything.',
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const rule = '='.repeat(width);
  return ['', rule, ...lines, rule, ''].join('\n');
}
