import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { TaskProgress, taskProgress } from '@lanewatch/domain';
import { rebuildKpis, RebuildProgress, REBUILD_CONNECTIONS } from '@lanewatch/write-path';
import { CliCommand, CliIo, CliUsageError, EXIT_OK } from './cli-command';

const PROGRESS_EVERY_MS = 2_000;

/** "done of total (share), rate/s, about N s left": the same figures as the ingest health page's. */
export function progressFigures(view: TaskProgress): string {
  const left = view.etaSeconds === null ? 'time left unknown' : `about ${view.etaSeconds} s left`;
  return `${view.done} of ${view.total} (${view.percent.toFixed(1)} %), ${Math.round(view.rate ?? 0)}/s, ${left}`;
}

/** A running rebuild's progress line: its phase and figures. */
export function progressLine(progress: RebuildProgress, startedAt: Date, now: Date): string {
  const view = taskProgress({
    task: { id: '', kind: 'rebuild', status: 'running', label: '', phase: progress.phase, done: progress.done, total: progress.total, startedAt, updatedAt: now, finishedAt: null, error: null },
    now,
  });
  return `${progress.phase}: ${progressFigures(view)}`;
}

// Rollups move incrementally; after very many changes Welford removals accumulate rounding, and an
// upgrade may drop them. This rebuilds every fact and rollup from the stored events into shadow
// tables and swaps them in, while ingestion and reads go on.
async function rebuild(io: CliIo): Promise<number> {
  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: REBUILD_CONNECTIONS, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    const started = new Date();
    let shown = 0;
    const result = await rebuildKpis(dataSource, {
      onProgress: (progress) => {
        if (Date.now() - shown < PROGRESS_EVERY_MS && progress.phase !== 'swap') return;
        shown = Date.now();
        io.out(progressLine(progress, started, new Date()));
      },
    });
    io.out(
      `rebuilt the facts of ${result.shipments} shipments and the rollups of ${result.events} events in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s; ` +
        `${result.requeuedLegs} legs derived meanwhile are derived again against the new facts`,
    );
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

export const kpisCommand: CliCommand = {
  name: 'kpis',
  summary: 'maintain the KPI facts and rollups',
  usage: ['kpis rebuild   recompute every fact and rollup from the stored events into shadow tables, then swap them in (ingestion and reads go on)'],
  async run(args, io) {
    if (args[0] !== 'rebuild' || args.length > 1) throw new CliUsageError(`expected 'kpis rebuild'`);
    return rebuild(io);
  },
};
