import { readFileSync } from 'node:fs';
import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { describeContractAction, parseSlaContract } from '@lanewatch/domain';
import { applySlaContract } from '@lanewatch/sla';
import { CliCommand, CliIo, CliUsageError, EXIT_FAILED, EXIT_OK } from './cli-command';

async function apply(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1) throw new CliUsageError('sla apply needs exactly one contract file');
  let text: string;
  try {
    text = readFileSync(args[0], 'utf8');
  } catch (error) {
    io.err(`cannot read ${args[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  const parsed = parseSlaContract(text);
  if (!parsed.ok) {
    io.err(`${args[0]} is not a valid contract:`);
    for (const error of parsed.errors) io.err(`  ${error}`);
    return EXIT_FAILED;
  }
  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    let requeued: number | null = null;
    const actions = await applySlaContract(dataSource, parsed.value, { onClockRequeued: (legs) => (requeued = legs) });
    if (requeued !== null) io.out(`${parsed.value.contract}: contract stored; clock facts of ${requeued} ended legs queued for recomputation`);
    if (actions.length === 0 && requeued === null) io.out(`${parsed.value.contract}: no change (${parsed.value.policies.length} policies up to date)`);
    for (const action of actions) io.out(describeContractAction(action));
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

export const slaCommand: CliCommand = {
  name: 'sla',
  summary: 'SLA policies as code',
  usage: ['sla apply FILE.yaml    create, update or disable the policies of one contract file, in one transaction; a second apply changes nothing'],
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'apply') return apply(rest, io);
    throw new CliUsageError(subcommand ? `unknown sla subcommand '${subcommand}'` : 'sla needs a subcommand');
  },
};
