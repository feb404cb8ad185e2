import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface WebBuildResult {
  // True when apps/web/dist/index.html exists afterwards (possibly an older build if this one failed).
  available: boolean;
  note: string;
}

async function newestModification(paths: string[]): Promise<number> {
  let newest = 0;
  for (const entry of paths) {
    if (!existsSync(entry)) continue;
    const info = await stat(entry);
    if (!info.isDirectory()) {
      newest = Math.max(newest, info.mtimeMs);
      continue;
    }
    for (const name of await readdir(entry, { recursive: true })) {
      if (name.split(path.sep).some((part) => part === 'node_modules' || part === 'dist')) continue;
      const fileInfo = await stat(path.join(entry, name));
      if (fileInfo.isFile()) newest = Math.max(newest, fileInfo.mtimeMs);
    }
  }
  return newest;
}

function runVite(repoRoot: string): Promise<number> {
  return new Promise((resolve) => {
    // --no: never download vite at run time; it is a devDependency.
    const child = spawn('npx', ['--no', 'vite', 'build', '--config', 'apps/web/vite.config.mts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Vite's colour library turns colours on whenever CI is set, even into a pipe; its output is
      // re-printed line by line here, so it is coloured only when our own output is a terminal.
      env: process.stdout.isTTY ? process.env : { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => process.stdout.write(`[web] ${line}\n`));
    }
    child.once('error', (error) => {
      process.stdout.write(`[web] ${error.message}\n`);
      resolve(1);
    });
    child.once('close', (code) => resolve(code ?? 1));
  });
}

/** Builds the dashboard when its build is missing or older than its sources; never fails the demo. */
export async function ensureWebBuild(options: { repoRoot: string; log: (message: string) => void }): Promise<WebBuildResult> {
  const webDir = path.join(options.repoRoot, 'apps', 'web');
  const indexHtml = path.join(webDir, 'dist', 'index.html');
  const builtAt = existsSync(indexHtml) ? (await stat(indexHtml)).mtimeMs : undefined;
  // The dashboard imports libs/domain, so its sources count too.
  const sourcesChangedAt = await newestModification([
    path.join(webDir, 'src'),
    path.join(webDir, 'public'),
    path.join(webDir, 'index.html'),
    path.join(webDir, 'vite.config.mts'),
    path.join(webDir, 'tsconfig.json'),
    path.join(options.repoRoot, 'libs', 'domain', 'src'),
  ]);
  if (builtAt !== undefined && builtAt >= sourcesChangedAt) {
    return { available: true, note: 'up to date' };
  }

  options.log(builtAt === undefined ? 'Building the dashboard (first run)' : 'Rebuilding the dashboard (sources changed)');
  const code = await runVite(options.repoRoot);
  if (code === 0 && existsSync(indexHtml)) return { available: true, note: 'built' };

  const stillThere = existsSync(indexHtml);
  options.log(
    `WARNING: the dashboard build failed (vite exited with code ${code}, see [web] output above); ` +
      (stillThere ? 'serving the previous build.' : 'continuing without the dashboard; the API still runs.'),
  );
  return { available: stillThere, note: stillThere ? 'previous build (the latest build failed)' : 'not available (build failed)' };
}
