import { lockRollupsForRead } from '@lanewatch/db';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * One read-only REPEATABLE READ transaction for a whole answer: its moments, histograms and
 * counts come from one snapshot (not from commits that landed between statements), and the
 * answer holds one pool connection instead of fanning out over many.
 */
export function inReadSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    // Read only, and before the snapshot (a LOCK takes none): a rebuild's swap is waited for, not half seen.
    await lockRollupsForRead(manager, { readOnly: true });
    return read(manager);
  });
}
