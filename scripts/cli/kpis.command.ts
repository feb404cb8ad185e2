import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { rebuildKpis } from '@lanewatch/pipeline';
import { CliCommand, CliIo, CliUsageError, EXIT_OK } from './cli-command';

// Rollups move incrementally; after very many changes Welford removals accumulate rounding, and an
// upgrade may drop them. This rebuilds every fact and rollup from the stored events.
async function rebuild(io: CliIo): Promise<number> {
  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    const started = Date.now();
    const result = await rebuildKpis(dataSource);
    io.out(`rebuilt the facts of ${result.shipments} shipments and the feed rollups of ${result.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

export const kpisCommand: CliCommand = {
  name: 'kpis',
  summary: 'maintain the KPI facts and rollups',
  usage: ['kpis rebuild   recompute every fact and rollup from the stored events (ingestion waits meanwhile)'],
  async run(args, io) {
    if (args[0] !== 'rebuild' || args.length > 1) throw new CliUsageError(`expected 'kpis rebuild'`);
    return rebuild(io);
  },
};
