import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user (e.g. a postgres-owned server).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Field 22 of /proc/<pid>/stat; the command name in field 2 may itself contain spaces and parentheses.
export function startTimeFromProcStat(stat: string): string | undefined {
  const afterCommand = stat.slice(stat.lastIndexOf(')') + 2);
  const fields = afterCommand.split(' ');
  // afterCommand starts at field 3, so field 22 is at index 19.
  const startTime = fields[19];
  return startTime !== undefined && /^\d+$/.test(startTime) ? startTime : undefined;
}

/**
 * A value that differs between two processes that happen to get the same pid, so a pid recorded in
 * a lock file is never mistaken for a live owner (or killed) after a reboot or container restart.
 */
export function processStartMarker(pid: number): string | undefined {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const startTime = startTimeFromProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    if (startTime !== undefined) return `${bootId}:${startTime}`;
  } catch {
    // Not Linux, or the process is gone; fall back to ps below.
  }
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return started === '' ? undefined : started;
  } catch {
    return undefined;
  }
}

export function isSameProcess(recorded: { pid: number; startMarker?: string }): boolean {
  if (!isProcessAlive(recorded.pid)) return false;
  if (recorded.startMarker === undefined) return true;
  const current = processStartMarker(recorded.pid);
  return current === undefined || current === recorded.startMarker;
}
