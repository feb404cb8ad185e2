// `npm run lanewatch -- <command> …`: operator commands. Each command is its own module in scripts/cli/.
import type { CliCommand, CliIo } from './cli/cli-command';
import { CliUsageError, EXIT_FAILED, EXIT_USAGE } from './cli/cli-command';
import { kpisCommand } from './cli/kpis.command';
import { slaCommand } from './cli/sla.command';
import { tasksCommand } from './cli/tasks.command';
import { usersCommand } from './cli/users.command';

const COMMANDS: CliCommand[] = [usersCommand, slaCommand, kpisCommand, tasksCommand];

function usage(commands: CliCommand[]): string {
  return ['usage: npm run lanewatch -- <command> …', '', ...commands.flatMap((command) => [`${command.name}: ${command.summary}`, ...command.usage.map((line) => `  ${line}`)])].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(name && name !== '--help' ? `unknown command '${name}'\n\n${usage(COMMANDS)}` : usage(COMMANDS));
    return name === '--help' ? 0 : EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // parseArgs reports unknown or malformed options with a code, which are usage errors too.
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage([command])}`);
      return EXIT_USAGE;
    }
    io.err(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    env: process.env,
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
