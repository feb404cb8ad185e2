import { spawn } from 'node:child_process';
import { findExecutable } from './find-executable.util';

function runLogged(command: string, args: string[], log: (message: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: string): void => {
      for (const line of chunk.split(/\r?\n/)) if (line.trim() !== '') log(`[apt] ${line}`);
    };
    child.stdout.setEncoding('utf8').on('data', forward);
    child.stderr.setEncoding('utf8').on('data', forward);
    child.once('error', (error) => {
      log(`[apt] ${error.message}`);
      resolve(1);
    });
    child.once('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Installs a Debian package that provides `executable` when this is Linux, we are root and
 * apt-get exists (a fresh Debian/Ubuntu machine or CI); returns the executable's path, or
 * undefined when it cannot be had this way and the caller must name what to install.
 */
export async function installWithApt(input: { packageName: string; executable: string; log: (message: string) => void }): Promise<string | undefined> {
  const { packageName, executable, log } = input;
  const aptGet = findExecutable('apt-get');
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || aptGet === undefined) return undefined;
  log(`${executable} is not installed; installing it now: apt-get install -y ${packageName}`);
  if ((await runLogged(aptGet, ['install', '-y', packageName], log)) !== 0) {
    // Fresh images ship without package lists.
    log('apt-get install failed; running apt-get update and trying again');
    await runLogged(aptGet, ['update'], log);
    if ((await runLogged(aptGet, ['install', '-y', packageName], log)) !== 0) return undefined;
  }
  // Debian installs to /usr/bin, which may be missing from a trimmed PATH.
  return findExecutable(executable) ?? findExecutable(executable, '/usr/bin:/usr/local/bin');
}
