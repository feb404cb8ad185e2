// Applies pending migrations to DATABASE_URL (the api container runs this before it starts).
import { loadConfigOrExit } from '@lanewatch/config';
import { runMigrations } from '@lanewatch/db';

runMigrations(loadConfigOrExit().databaseUrl)
  .then(() => process.stdout.write('migrations applied\n'))
  .catch((error: unknown) => {
    process.stderr.write(`migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
