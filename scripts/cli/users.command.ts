import { parseArgs } from 'node:util';
import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource, createUserAccount } from '@lanewatch/db';
import { parseUserCreation, USER_ROLES } from '@lanewatch/domain';
import { generatePassword } from '@lanewatch/crypto';
import { CliCommand, CliIo, CliUsageError, EXIT_FAILED, EXIT_OK, readAll } from './cli-command';

const CREATE_USAGE = `users create --email EMAIL --name NAME --role ${USER_ROLES.join('|')} [--carrier CODE] [--password-stdin]`;

/** `--password-stdin` takes everything piped in, less one trailing line break (what `echo` adds). */
export function passwordFromStdin(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function createUser(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      carrier: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const generated = !values['password-stdin'];
  const password = generated ? generatePassword() : passwordFromStdin(await readAll(io.stdin));
  const parsed = parseUserCreation({ email: values.email, name: values.name, role: values.role, carrier: values.carrier, password });
  if (!parsed.ok) throw new CliUsageError(parsed.errors.map((error) => error.replace(/^(email|name|role|carrier)\b/, '--$1')).join('; '));

  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    const created = await createUserAccount(dataSource, parsed.value);
    if (!created.ok) {
      io.err(created.problem.startsWith('a user with email') ? `${created.problem}; change it with PATCH /api/v1/users/{id}` : created.problem);
      return EXIT_FAILED;
    }
    const { user } = created;
    io.out(`created ${user.role} user ${user.id} <${user.email}>${user.carrier_code ? ` of carrier ${user.carrier_code}` : ''}`);
    // Shown once: only its argon2 hash is stored.
    if (generated) io.out(`password (shown only now): ${password}`);
    return EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary: 'manage dashboard and API users',
  usage: [`${CREATE_USAGE}    create a user; without --password-stdin a strong password is generated and printed once`],
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'create') return createUser(rest, io);
    throw new CliUsageError(subcommand ? `unknown users subcommand '${subcommand}'` : 'users needs a subcommand');
  },
};
