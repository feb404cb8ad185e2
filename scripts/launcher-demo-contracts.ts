// `npm run demo`: a few SLA contracts, so the simulated weak lanes show up as breaches on the overview.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDataSource } from '@lanewatch/db';
import { describeContractAction, parseSlaContract } from '@lanewatch/domain';
import { applySlaContract } from '@lanewatch/sla';

/**
 * Applies every `*.yaml` contract in `directory` through the same code as `lanewatch sla apply`.
 * Idempotent: a second run changes nothing, and a policy edited in the dashboard is only reset
 * when its contract file changes.
 */
export async function applyDemoContracts(options: { databaseUrl: string; directory: string; log: (message: string) => void }): Promise<number> {
  const files = readdirSync(options.directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const contracts = files.map((name) => {
    const parsed = parseSlaContract(readFileSync(path.join(options.directory, name), 'utf8'));
    if (!parsed.ok) throw new Error(`${name} is not a valid contract: ${parsed.errors.join('; ')}`);
    return parsed.value;
  });
  const dataSource = createDataSource(options.databaseUrl, { poolSize: 1, applicationName: 'lanewatch-demo' });
  await dataSource.initialize();
  try {
    let changes = 0;
    for (const contract of contracts) {
      const actions = await applySlaContract(dataSource, contract);
      for (const action of actions) options.log(`SLA contract ${describeContractAction(action)}`);
      changes += actions.length;
    }
    const policies = contracts.reduce((sum, contract) => sum + contract.policies.length, 0);
    options.log(`SLA contracts: ${policies} demo policies in ${contracts.length} contracts (${changes === 0 ? 'up to date' : `${changes} changes`})`);
    return changes;
  } finally {
    await dataSource.destroy();
  }
}
