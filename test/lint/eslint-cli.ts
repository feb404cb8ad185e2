import { execFile } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The rule ids ESLint's CLI reports for `text` planted at `filename` (relative to the repository root),
 * with the repository's own eslint.config.mjs; module boundaries are off, they need Nx's project graph.
 */
export function lintPlanted(filename: string, text: string): Promise<(string | null)[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filename, '--rule', '{"@nx/enforce-module-boundaries":"off"}', '-f', 'json'],
      { cwd: REPO_ROOT },
      (error, stdout) => {
        // Exit code 1 means lint errors were found; anything else without output is a failure to run.
        if (error && error.code !== 1) return reject(error);
        resolve((JSON.parse(stdout) as { messages: { ruleId: string | null }[] }[])[0].messages.map((message) => message.ruleId));
      },
    );
    child.stdin?.end(text);
  });
}
