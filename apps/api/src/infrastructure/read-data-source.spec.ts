import type { DataSource } from 'typeorm';
import { openReadDataSource } from './read-data-source';

// Stand-ins record what was opened; the choice, not PostgreSQL, is what is under test here.
function fakeDataSource(name: string): DataSource & { initialized: boolean } {
  const fake = { name, initialized: false, initialize: async () => ((fake.initialized = true), fake) };
  return fake as unknown as DataSource & { initialized: boolean };
}

describe('openReadDataSource', () => {
  it('reads from the primary when DATABASE_READ_URL is unset, opening nothing', async () => {
    const primary = fakeDataSource('primary');
    const opened: string[] = [];
    const chosen = await openReadDataSource({}, primary, (url) => (opened.push(url), fakeDataSource('replica')));
    expect(chosen).toBe(primary);
    expect(opened).toEqual([]);
  });

  it('opens and initialises a second data source on DATABASE_READ_URL when it is set', async () => {
    const primary = fakeDataSource('primary');
    const opened: string[] = [];
    const chosen = await openReadDataSource({ databaseReadUrl: 'postgres://reader@replica:5432/lanewatch' }, primary, (url) => (opened.push(url), fakeDataSource('replica')));
    expect(chosen).not.toBe(primary);
    expect(opened).toEqual(['postgres://reader@replica:5432/lanewatch']);
    expect((chosen as DataSource & { initialized: boolean }).initialized).toBe(true);
    expect(primary.initialized).toBe(false);
  });
});
