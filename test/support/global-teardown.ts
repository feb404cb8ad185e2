import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const templateUrl = process.env.LANEWATCH_TEST_TEMPLATE_URL;
  if (templateUrl) {
    const url = new URL(templateUrl);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    // Leftover per-file databases of this run (a crashed spec) go with the template.
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}_%`]);
    for (const row of [...leftovers.rows, { datname: name }]) {
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await client.end();
  }
  await globalThis.__LANEWATCH_SERVICES__?.stop();
}
