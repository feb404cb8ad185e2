// Where an online rebuild's time goes, per phase: posts a shuffled feed (BENCH_SHIPMENTS, default
// 10,000) through the API and worker, then rebuilds in this process and prints each phase's seconds.
// REBUILD_CPU_PROFILE=<file> writes a CPU profile of the rebuild alone (node:inspector). Not a figure.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createDataSource } from '@lanewatch/db';
import { rebuildKpis, REBUILD_CONNECTIONS } from '@lanewatch/write-path';
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { postFeed } from '../test/support/post-feed';
import { prepareBenchServices } from './bench-app';

async function main(): Promise<void> {
  const services = await prepareBenchServices();
  const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' } });
  try {
    const feed = generateFeed({ seed: 2, shipments: Number(process.env.BENCH_SHIPMENTS ?? 10_000), now: new Date('2026-11-20T00:00:00Z'), spanDays: 90, departureScans: true });
    await postFeed(app, feed, planDeliveries(feed, { seed: 2, batchSize: 5000, shuffle: true }), { codeMapLast: false, idleTimeoutMs: 3_600_000 });
    await app.killWorkers('SIGTERM');
    const dataSource = createDataSource(app.databaseUrl, { poolSize: REBUILD_CONNECTIONS });
    await dataSource.initialize();
    try {
      const profileFile = process.env.REBUILD_CPU_PROFILE;
      const session = profileFile ? new Session() : null;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      const started = process.hrtime.bigint();
      let phase = '';
      let phaseStarted = started;
      const cpu = process.cpuUsage();
      const result = await rebuildKpis(dataSource, {
        onProgress: (progress) => {
          if (progress.phase === phase) return;
          const now = process.hrtime.bigint();
          if (phase) process.stdout.write(`  ${phase}: ${(Number(now - phaseStarted) / 1e9).toFixed(2)} s\n`);
          phase = progress.phase;
          phaseStarted = now;
        },
      });
      const used = process.cpuUsage(cpu);
      if (session && profileFile) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
        session.disconnect();
      }
      process.stdout.write(
        `rebuilt ${result.events} events, ${result.shipments} shipments in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s (node CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)\n`,
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await app.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
