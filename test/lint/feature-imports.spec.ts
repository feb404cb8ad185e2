import { lintPlanted } from './eslint-cli';

// The repository's own eslint.config.mjs: an apps/api feature imports another one, auth, infrastructure
// and metrics included, through its index ('../<feature>'), never by file.
const lint = (filename: string, from: string) => lintPlanted(filename, `import { planted } from '${from}';\nexport const used = planted;\n`);

describe('eslint.config.mjs: apps/api features import each other through their index', () => {
  it.each(['../alerts/alerts.module', '../auth/principal', '../infrastructure/tokens', '../metrics/api-metrics'])('fails on %s, a file of another feature', async (from) => {
    expect(await lint('apps/api/src/sla/planted.ts', from)).toEqual(['no-restricted-imports']);
  });

  it.each(['../alerts', '../auth', '../infrastructure', '../metrics', './sla-policies.service'])('passes %s', async (from) => {
    expect(await lint('apps/api/src/sla/planted.ts', from)).toEqual([]);
  });

  // No feature is exempt: ingest, the last to move, is held to the rule like the others.
  it.each(['../auth/principal', '../infrastructure/tokens', '../metrics/api-metrics', '../alerts/alerts.module'])('fails on %s from ingest too', async (from) => {
    expect(await lint('apps/api/src/ingest/planted.ts', from)).toEqual(['no-restricted-imports']);
  });
});
