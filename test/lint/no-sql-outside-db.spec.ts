import { RuleTester } from 'eslint';
import * as path from 'node:path';
import * as tseslint from 'typescript-eslint';
import { lintPlanted, REPO_ROOT } from './eslint-cli';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require('../../eslint-rules/no-sql-outside-db.cjs');

// The rule as eslint.config.mjs configures it (no options: DEFAULT_ALLOW); paths are relative to the
// working directory, the repository root under jest.
const at = (relative: string) => path.join(REPO_ROOT, relative);

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

describe('lanewatch/no-sql-outside-db', () => {
  tester.run('no-sql-outside-db', rule, {
    valid: [
      // Non-SQL text outside libs/db.
      { code: `const label = 'Select a carrier';`, filename: at('apps/api/src/planted.ts') },
      { code: "const msg = `update ${name} settings`;", filename: at('apps/web/src/planted.tsx') },
      { code: `const word = 'SELECTED';`, filename: at('libs/sla/src/planted.ts') },
      // SQL where it belongs, or where it is exempt.
      { code: `const sql = 'SELECT id FROM carriers WHERE code = $1';`, filename: at('libs/db/src/repositories/planted.repository.ts') },
      { code: "const sql = `ALTER TABLE carriers ADD COLUMN x int`;", filename: at('migrations/1700000000000-planted.ts') },
      { code: `const sql = 'SELECT count(*) FROM events';`, filename: at('apps/api/src/planted.int-spec.ts') },
      { code: `const sql = 'SELECT 1 FROM pg_database WHERE datname = $1';`, filename: at('libs/provision/src/ensure-database.util.ts') },
    ],
    invalid: [
      // The planted strings: every statement shape, in apps and libs outside libs/db.
      { code: `const sql = 'SELECT id FROM carriers WHERE code = $1';`, filename: at('apps/api/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: "const sql = `\n  INSERT INTO sla_policies (name) VALUES ($1)`;", filename: at('libs/sla/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: "const sql = `UPDATE alert_deliveries SET status = 'sent' WHERE id = ${id}`;", filename: at('apps/worker/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: `const sql = "DELETE FROM silences WHERE id = $1";`, filename: at('scripts/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: "const sql = `WITH open AS (SELECT 1) SELECT * FROM open`;", filename: at('apps/api/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: `const sql = 'LOCK TABLE breaches IN SHARE MODE';`, filename: at('libs/provision/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      { code: `const sql = 'CREATE INDEX x ON events (id)';`, filename: at('apps/api/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
      // The libs/db exemption is a directory, not a name that merely starts the same.
      { code: `const sql = 'SELECT 1 FROM carriers';`, filename: at('libs/dbx/src/planted.ts'), errors: [{ messageId: 'sqlOutsideDb' }] },
    ],
  });
});

// The same planted string through ESLint's CLI with the repository's own eslint.config.mjs: the rule is
// wired in and its exemptions are the configured ones (libs/db/src passes, apps/api fails).
describe('eslint.config.mjs runs lanewatch/no-sql-outside-db', () => {
  const planted = "export const sql = 'SELECT id FROM carriers WHERE code = $1';\n";
  const lint = (filename: string) => lintPlanted(filename, planted);

  it('fails on the planted SQL outside libs/db and passes it inside libs/db', async () => {
    const [outside, inside] = await Promise.all([lint('apps/api/src/planted.ts'), lint('libs/db/src/repositories/planted.repository.ts')]);
    expect(outside).toEqual(['lanewatch/no-sql-outside-db']);
    expect(inside).toEqual([]);
  });
});
