import { randomBytes } from 'node:crypto';
import { DISTRIBUTION, notYetDistributable, runMigrations } from '@lanewatch/db';
import { Client } from 'pg';

// The Citus plan (libs/db distribution.ts, docs/scaling.md) held against the real catalog of a freshly
// migrated database: a migration that adds a table, a key or a foreign key the plan cannot take fails here.
describe('schema rules for a Citus cluster', () => {
  const server = new URL(process.env.LANEWATCH_TEST_TEMPLATE_URL as string);
  const name = `lanewatch_scaling_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).toString() });
  const catalog = new Client({ connectionString: Object.assign(new URL(server), { pathname: `/${name}` }).toString() });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await runMigrations(Object.assign(new URL(server), { pathname: `/${name}` }).toString());
    await catalog.connect();
  });

  afterAll(async () => {
    await catalog.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  // Tables and partitioned parents of the public schema; partitions follow their parent.
  const tables = async (): Promise<string[]> =>
    (
      await catalog.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'typeorm_migrations'`,
      )
    ).rows.map((row) => row.table);

  it('declares every table', async () => {
    expect((await tables()).sort()).toEqual(Object.keys(DISTRIBUTION).sort());
  });

  it('gives each distributed table a NOT NULL distribution column of its group type', async () => {
    const columns = await catalog.query<{ table: string; column: string; type: string; not_null: boolean }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const typesByGroup = new Map<string, Set<string>>();
    for (const [table, placement] of Object.entries(DISTRIBUTION)) {
      if (placement.kind !== 'distributed') continue;
      const column = columns.rows.find((row) => row.table === table && row.column === placement.column);
      expect({ table, column: placement.column, found: column !== undefined, notNull: column?.not_null }).toEqual({ table, column: placement.column, found: true, notNull: true });
      typesByGroup.set(placement.group, (typesByGroup.get(placement.group) ?? new Set()).add(column?.type ?? ''));
    }
    // Citus co-locates only distribution columns of one type.
    for (const [group, types] of typesByGroup) expect({ group, types: [...types] }).toEqual({ group, types: [[...types][0]] });
  });

  it('has every primary and unique key of a distributed table contain its distribution column, the declared exceptions aside', async () => {
    // Unique indexes cover primary keys, unique constraints and unique indexes alike (partial ones too).
    const keys = await catalog.query<{ table: string; key: string; columns: string[] }>(
      `SELECT c.relname AS table, CASE WHEN x.indisprimary THEN 'primary key' ELSE 'unique' END AS key,
              array(SELECT a.attname FROM unnest(x.indkey) AS k(attnum) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum)::text[] AS columns
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND x.indisunique`,
    );
    const breaking = new Map<string, string[]>();
    for (const key of keys.rows) {
      const placement = DISTRIBUTION[key.table];
      if (placement?.kind !== 'distributed' || key.columns.includes(placement.column)) continue;
      breaking.set(key.table, [...(breaking.get(key.table) ?? []), `${key.key} (${key.columns.join(', ')})`]);
    }
    // Equal, key by key, not a subset: a new breaking key fails (on a listed table too), and so does an
    // exception that no longer breaks anything.
    const declared = Object.fromEntries(Object.entries(notYetDistributable()).map(([table, exception]) => [table, [...exception.keys].sort()]));
    expect(Object.fromEntries([...breaking].map(([table, found]) => [table, found.sort()]))).toEqual(declared);
  });

  it('keeps foreign keys inside a co-location group or pointing at a reference table', async () => {
    const foreignKeys = await catalog.query<{ from: string; to: string; name: string }>(
      `SELECT c.relname AS from, r.relname AS to, k.conname AS name
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND n.nspname = 'public'`,
    );
    expect(foreignKeys.rows.length).toBeGreaterThan(0);
    const refused = foreignKeys.rows.filter(({ from, to }) => {
      const [source, target] = [DISTRIBUTION[from], DISTRIBUTION[to]];
      if (target?.kind === 'reference') return false;
      if (source?.kind === 'local' && target?.kind === 'local') return false;
      return !(source?.kind === 'distributed' && target?.kind === 'distributed' && source.group === target.group);
    });
    expect(refused.map(({ name, from, to }) => `${name}: ${from} -> ${to}`)).toEqual([]);
  });
});
