import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import noSqlOutsideDb from './eslint-rules/no-sql-outside-db.cjs';

// The feature-import rule's message.
const FEATURE_INDEX_MESSAGE = "import another feature through its index ('../<feature>'), not by file.";

// Module boundaries (the rule needs Nx's project graph: `npm run lint` computes it first, otherwise
// the rule is skipped with only a console warning): apps -> libs; libs/write-path, libs/read-model -> db, domain, utils; libs/sla -> libs/read-model, db, domain, utils (never the other way; write path and read model never import each other); libs/db -> libs/domain; libs/domain -> nothing (no I/O packages, no Node built-ins: the dashboard bundles it); libs/crypto (Node-only hashing and signing) -> libs/domain.
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'apps/web/dist/**', '.nx/**', '.lanewatch/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx, lanewatch: { rules: { 'no-sql-outside-db': noSqlOutsideDb } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // SQL lives in libs/db repositories (issue 16). Exempt (DEFAULT_ALLOW in the rule): libs/db/src; migrations/;
      // specs, test/ and bench/ (they seed and read the database); provisioning's ensure-database (before libs/db can connect).
      'lanewatch/no-sql-outside-db': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['typeorm', 'pg', 'ioredis', 'bullmq', '@nestjs/*', 'react', 'node:fs', 'fs', 'node:http', 'http'],
            },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:migrations'] },
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:write-path', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:util'] },
            { sourceTag: 'type:read-model', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:util'] },
            { sourceTag: 'type:sla', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:util', 'type:read-model'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The dashboard bundles only browser-safe libs (libs/domain); libs/crypto is Node-only.
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['platform:browser'] },
            { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser'] },
          ],
        },
      ],
    },
  },
  {
    // All of libs/domain is browser-safe, since the dashboard bundles it: no Node built-in (hashing and
    // signing live in libs/crypto), no Node-only global. Specs run under Node and may use them.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({ name, message: 'libs/domain is bundled into the dashboard: no Node built-ins (Node-only code goes to libs/crypto or the apps).' })),
            { name: '@lanewatch/crypto', message: 'libs/crypto is Node-only; libs/domain is bundled into the dashboard.' },
          ],
          patterns: [{ group: ['node:*'], message: 'libs/domain is bundled into the dashboard: no Node built-ins (Node-only code goes to libs/crypto or the apps).' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'a Node-only global; libs/domain is bundled into the dashboard.' })),
      ],
    },
  },
  {
    // Scripts (the CLI, the launcher, the demo) use the libraries, never an app's source (issue 16).
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', 'apps/**'], message: 'scripts import libraries (@lanewatch/*), never apps: move what is shared into a lib.' }] }],
    },
  },
  {
    // Features inside apps/api talk through each other's index (its module and what it chooses to export),
    // never by file; auth, infrastructure and metrics too, through the index of what features may use.
    files: ['apps/api/src/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*/*'], message: FEATURE_INDEX_MESSAGE }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
