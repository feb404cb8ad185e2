import type { SqlRunner } from '@lanewatch/db';

/** A problem our own code finds with one event (not with the system): it is set aside, not retried. */
export class EventRefusedError extends Error {}

/**
 * Whether an error is about the data a unit of work carried, so that running it again cannot help:
 * PostgreSQL's data exceptions (class 22), integrity violations other than a unique race (23),
 * program limits such as an index row too large (54), and EventRefusedError. Anything else
 * (connections, deadlocks, a shutdown) is the system's and the batch is retried.
 */
export function isEventDataError(error: unknown): boolean {
  if (error instanceof EventRefusedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return code.startsWith('22') || (code.startsWith('23') && code !== '23505') || code.startsWith('54');
}

export interface SetAside {
  position: number;
  error: unknown;
}

let savepoints = 0;

/**
 * Runs `attempt` over all positions in a savepoint. When the data refuses it, the positions are
 * halved and each half tried in its own savepoint, down to the single positions that fail: those
 * alone are returned, everything else is done (events.md §8). When every position fails on its own
 * the fault is not one event's: the first error is thrown and the batch retried as a whole.
 */
export async function isolatingFailures(input: {
  runner: SqlRunner;
  positions: number[];
  attempt: (positions: number[]) => Promise<void>;
}): Promise<SetAside[]> {
  const { runner, positions, attempt } = input;
  const failed: SetAside[] = [];
  const tryPart = async (part: number[]): Promise<boolean> => {
    const name = `lanewatch_part_${(savepoints += 1)}`;
    await runner.query(`SAVEPOINT ${name}`);
    try {
      await attempt(part);
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      return true;
    } catch (error) {
      if (!isEventDataError(error)) throw error;
      await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      if (part.length === 1) failed.push({ position: part[0], error });
      return false;
    }
  };
  const split = async (part: number[]): Promise<void> => {
    if (part.length === 0 || (await tryPart(part)) || part.length === 1) return;
    const middle = Math.ceil(part.length / 2);
    await split(part.slice(0, middle));
    await split(part.slice(middle));
  };
  await split(positions);
  if (positions.length > 1 && failed.length === positions.length) throw failed[0].error;
  return failed.sort((a, b) => a.position - b.position);
}

/** What a dead letter says of its error: the database's message and code, or ours. */
export function describeError(error: unknown): { message: string; sqlstate: string | null } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { message, sqlstate: typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null };
}
