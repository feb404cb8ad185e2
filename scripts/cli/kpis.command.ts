import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { rebuildKpis, RebuildProgress } from '@lanewatch/pipeline';
import { CliCommand, CliIo, CliUsageError, EXIT_OK } from './cli-command';

const PROGRESS_EVERY_MS = 2_000;

/** "done of total (share), rate/s, about N s left" for a unit of work. */
export function progressLine(progress: RebuildProgress, elapsedMs: number): string {
  const share = progress.total > 0 ? (100 * progress.done) / progress.total : 100;
  const rate = elapsedMs > 0 ? (progress.done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.max(0, (progress.total - progress.done) / rate) : null;
  return `${progress.phase}: ${progress.done} of ${progress.total} (${share.toFixed(1)} %), ${Math.round(rate)}/s, ${left === null ? 'time left unknown' : `about ${Math.ceil(left)} s left`}`;
}

// Rollups move incrementally; after very many changes Welford removals accumulate rounding, and an
// upgrade may drop them. This rebuilds every fact and rollup from the stored events into shadow
// tables and swaps them in, while ingestion and reads go on.
async function rebuild(io: CliIo): Promise<number> {
  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    const started = Date.now();
    let shown = 0;
    const result = await rebuildKpis(dataSource, {
      onProgress: (progress) => {
        if (Date.now() - shown < PROGRESS_EVERY_MS && progress.phase !== 'swap') return;
        shown = Date.now();
        io.out(progressLine(progress, Date.now() - started));
      },
    });
    io.out(
      `rebuilt the facts of ${result.shipments} shipments and the rollups of ${result.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
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
