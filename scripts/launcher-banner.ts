import { redactUrl } from '@lanewatch/provision';
import type { DemoAdmin } from './launcher-first-admin';
import type { RunningLanewatch } from './start';
import type { WebBuildResult } from './launcher-web-build';

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)} ${value}`;
}

function adminUserRows(admin: DemoAdmin | null): string[] {
  if (!admin) return [];
  if (admin.password === null) return [row('Admin user', `${admin.email} (its password was changed since the demo generated it)`)];
  return [row('Admin user', admin.email), row('  Password', admin.password)];
}

export function formatDemoBanner(running: RunningLanewatch, web: WebBuildResult, admin: DemoAdmin | null = null): string {
  const { services, secrets, dataDir } = running;
  const secretsWhere = secrets.file ?? 'from the environment';
  const lines = [
    '  Lanewatch demo is running',
    '',
    row('Dashboard', web.available ? running.dashboardUrl : `${running.dashboardUrl} (${web.note})`),
    row('API docs', running.docsUrl),
    ...adminUserRows(admin),
    row('Admin token', `${running.adminToken}   (sign in to the dashboard with it)`),
    '',
    row('Data', dataDir),
    row('  PostgreSQL', services.embeddedPostgres ? `embedded, in ${dataDir}/pg` : redactUrl(services.databaseUrl)),
    row('  Redis', services.embeddedRedis ? `private redis-server, append-only file in ${dataDir}/redis` : redactUrl(services.redisUrl)),
    row('  Secrets', secretsWhere),
    '',
    '  A simulated carrier feed is streaming through the API ([feed] lines).',
    '  Press Ctrl-C to stop everything.',
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const rule = '='.repeat(width);
  return ['', rule, ...lines, rule, ''].join('\n');
}
