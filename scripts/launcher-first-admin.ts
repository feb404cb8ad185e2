// `npm run demo`: a first admin user, so the dashboard can be signed into with an email and password.
import { countActiveUsersWithRole, createDataSource, createUserAccount, findUserByEmail } from '@lanewatch/db';
import { ensureStoredSecret } from '@lanewatch/provision';
import { generatePassword, verifyPassword } from '@lanewatch/crypto';

export const DEMO_ADMIN_EMAIL = 'admin@lanewatch.local';
const PASSWORD_ENTRY = 'demoAdminPassword';

export interface DemoAdmin {
  email: string;
  /** Null when the password was changed since it was generated: the stored one no longer signs in. */
  password: string | null;
}

/**
 * Creates admin@lanewatch.local when there is no enabled admin user yet. Its generated password is
 * kept in the secrets file, so every run prints the same one. Null when other admins exist and the
 * demo admin was never created.
 */
export async function ensureDemoAdmin(options: { databaseUrl: string; secretsFile: string; log: (message: string) => void }): Promise<DemoAdmin | null> {
  const { value: password } = await ensureStoredSecret({ file: options.secretsFile, name: PASSWORD_ENTRY, generate: generatePassword });
  const dataSource = createDataSource(options.databaseUrl, { poolSize: 1, applicationName: 'lanewatch-demo' });
  await dataSource.initialize();
  try {
    if ((await countActiveUsersWithRole(dataSource, 'admin')) === 0) {
      const created = await createUserAccount(dataSource, { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', role: 'admin', password });
      if (created.ok) options.log(`Created the first admin user ${DEMO_ADMIN_EMAIL} (password in ${options.secretsFile})`);
    }
    const user = await findUserByEmail(dataSource, DEMO_ADMIN_EMAIL);
    if (!user) return null;
    const usable = user.role === 'admin' && user.disabled_at === null && (await verifyPassword(user.password_hash, password));
    return { email: DEMO_ADMIN_EMAIL, password: usable ? password : null };
  } finally {
    await dataSource.destroy();
  }
}
