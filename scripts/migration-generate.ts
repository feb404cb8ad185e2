// Generates a migration from the entities against a database migrated to the latest migration
// (what `typeorm migration:generate` does), without the CLI's TypeScript loader.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource } from '@lanewatch/db';

async function main(): Promise<void> {
  const [name, databaseUrl = process.env.DATABASE_URL] = process.argv.slice(2);
  if (!name || !databaseUrl) throw new Error('usage: migration-generate <Name> [DATABASE_URL]');
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    process.stdout.write('No changes: entities and migrations match.\n');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const line = (query: { query: string; parameters?: unknown[] }) =>
    `    await queryRunner.query(${JSON.stringify(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map(line).join('\n')}
  }
}
`;
  const file = join(__dirname, '..', 'migrations', `${timestamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
  writeFileSync(file, body);
  process.stdout.write(`Wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
