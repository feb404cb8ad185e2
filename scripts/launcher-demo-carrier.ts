// `npm run demo`: a carrier user of La Poste (contracts.md §3), and the penalty lines of its last month's statement.
import { createDataSource, createUserAccount, findCarrierByCode, findUserByEmail } from '@lanewatch/db';
import { computeStatement } from '@lanewatch/sla';
import { ensureStoredSecret } from '@lanewatch/provision';
import { generatePassword } from '@lanewatch/crypto';

/** The demo contract with consequences is La Poste's (scripts/demo-contracts/laposte.yaml). */
export const DEMO_CARRIER = 'laposte';
export const DEMO_CARRIER_EMAIL = 'laposte@lanewatch.local';
const PASSWORD_ENTRY = 'demoCarrierPassword';
const POLL_MS = 3_000;

export interface DemoCarrierUser {
  email: string;
  carrier: string;
  password: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The carrier user's credentials: its password is kept in the secrets file like the demo admin's, so every run prints the same one. */
export async function demoCarrierCredentials(secretsFile: string): Promise<DemoCarrierUser> {
  const { value } = await ensureStoredSecret({ file: secretsFile, name: PASSWORD_ENTRY, generate: generatePassword });
  return { email: DEMO_CARRIER_EMAIL, carrier: DEMO_CARRIER, password: value };
}

/** The month before `now` as YYYY-MM (UTC): the last whole month, the one a statement settles. */
export function lastWholeMonth(now: Date): string {
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Once the feed has registered La Poste, creates its carrier user (when missing), then waits for the
 * backfill to give last month's statement a penalty line and logs the lines with where to see them.
 */
export async function followDemoCarrier(options: {
  databaseUrl: string;
  user: DemoCarrierUser;
  dashboardUrl: string;
  log: (message: string) => void;
  signal: AbortSignal;
  timeoutMs?: number;
}): Promise<void> {
  const dataSource = createDataSource(options.databaseUrl, { poolSize: 1, applicationName: 'lanewatch-demo' });
  await dataSource.initialize();
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  try {
    while (!options.signal.aborted && !(await findCarrierByCode(dataSource, DEMO_CARRIER))) {
      if (Date.now() > deadline) return options.log(`WARNING: carrier ${DEMO_CARRIER} was never registered; no demo carrier user`);
      await sleep(POLL_MS, options.signal);
    }
    if (options.signal.aborted) return;
    if (!(await findUserByEmail(dataSource, DEMO_CARRIER_EMAIL))) {
      const created = await createUserAccount(dataSource, { email: DEMO_CARRIER_EMAIL, name: 'La Poste (demo carrier user)', role: 'carrier', carrier: DEMO_CARRIER, password: options.user.password });
      options.log(created.ok ? `Created the carrier user ${DEMO_CARRIER_EMAIL}: it sees only ${DEMO_CARRIER}` : `WARNING: ${created.problem}`);
    }
    const month = lastWholeMonth(new Date());
    while (!options.signal.aborted) {
      const computed = await computeStatement(dataSource, DEMO_CARRIER, month, new Date());
      if (computed.kind !== 'statement') return options.log(`WARNING: no statement for ${DEMO_CARRIER} ${month}: ${computed.kind}`);
      const { statement } = computed;
      const penalties = statement.terms.filter((term) => term.consequence !== null && Number(term.consequence.amount) > 0);
      if (penalties.length > 0) {
        for (const term of penalties) options.log(`Statement ${DEMO_CARRIER} ${month}: ${term.term}: ${term.consequence?.kind} ${term.consequence?.amount} ${statement.currency}`);
        options.log(`Statement ${DEMO_CARRIER} ${month}: ${statement.totals.beforeCap} ${statement.currency} before the cap, ${statement.totals.afterCap} after it`);
        options.log(`See it at ${options.dashboardUrl}carriers/${DEMO_CARRIER}/review/${month} (or as ${DEMO_CARRIER_EMAIL})`);
        return;
      }
      if (Date.now() > deadline) return options.log(`The ${DEMO_CARRIER} statement of ${month} has no penalty line yet`);
      await sleep(POLL_MS * 5, options.signal);
    }
  } finally {
    await dataSource.destroy();
  }
}
