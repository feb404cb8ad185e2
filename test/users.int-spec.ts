import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

const ROOT = join(__dirname, '..');
const KPI_WINDOW = 'from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z';

interface LoginBody {
  token: string;
  expiresAt: string;
  user: { id: number; email: string; name: string; role: string };
}

async function createUser(app: LanewatchApp, user: { email: string; name?: string; role: 'admin' | 'viewer'; password: string }): Promise<number> {
  const response = await app.request('POST', '/api/v1/users', { body: { name: user.email.split('@')[0], ...user } });
  if (response.status !== 201) throw new Error(`create user ${user.email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as number;
}

async function login(app: LanewatchApp, email: string, password: string) {
  return app.request('POST', '/api/v1/auth/login', { token: null, body: { email, password } });
}

async function sessionOf(app: LanewatchApp, email: string, password: string): Promise<LoginBody> {
  const response = await login(app, email, password);
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as unknown as LoginBody;
}

/** The CLI as an operator runs it, against this app's database. */
function cli(app: LanewatchApp, args: string[], input?: string) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: app.databaseUrl },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Sessions expire on the server's wall clock, so a test of expiry has to let that clock pass the instant. */
async function waitPast(instant: string): Promise<void> {
  const remaining = new Date(instant).getTime() - Date.now() + 250;
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
}

describe('users and sessions', () => {
  let app: LanewatchApp;
  let carrierKey: string;
  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false });
    carrierKey = (await app.createCarrier('correios')).apiKey;
  });
  afterAll(() => app?.stop());

  it('creates users with an argon2id hash, never the password, and one account per email whatever its case', async () => {
    const password = 'viewer password one';
    const created = await app.request('POST', '/api/v1/users', { body: { email: ' Ana@Example.COM', name: 'Ana', role: 'viewer', password } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), email: 'ana@example.com', name: 'Ana', role: 'viewer', carrier: null, createdAt: expect.any(String), disabledAt: null });

    const [row] = await app.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [created.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(password);

    const again = await app.request('POST', '/api/v1/users', { body: { email: 'ANA@example.com', name: 'Ana again', role: 'admin', password } });
    expect(again.status).toBe(409);
    const listed = await app.request('GET', '/api/v1/users');
    expect(listed.status).toBe(200);
    const ana = (listed.body as unknown as Record<string, unknown>[]).find((user) => user.email === 'ana@example.com');
    expect(Object.keys(ana!).sort()).toEqual(['carrier', 'createdAt', 'disabledAt', 'email', 'id', 'name', 'role']);
  });

  it('answers 400 naming each bad field of a new user or a change', async () => {
    const bad = await app.request('POST', '/api/v1/users', { body: { email: 'not-an-email', name: '', role: 'owner', password: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      'email must be an address like ops@example.com',
      'name is required',
      'role must be one of admin, viewer, carrier',
      'password must be at least 12 characters',
    ]);
    const id = await createUser(app, { email: 'patch-target@example.com', role: 'viewer', password: 'patch target password' });
    const badChange = await app.request('PATCH', `/api/v1/users/${id}`, { body: { password: 'x'.repeat(201), disable: true } });
    expect(badChange.status).toBe(400);
    expect(badChange.body.errors).toEqual(['password must be at most 200 characters']);
    expect((await app.request('PATCH', `/api/v1/users/${id}`, { body: { disable: true } })).body.errors).toEqual([
      "'disable' is not a user field; use name, role, disabled, password, carrier",
    ]);
    expect((await app.request('PATCH', '/api/v1/users/999999', { body: { name: 'Nobody' } })).status).toBe(404);
    expect((await app.request('PATCH', '/api/v1/users/abc', { body: { name: 'Nobody' } })).status).toBe(404);
  });

  it('signs in, tells who is signed in, and signs out', async () => {
    await createUser(app, { email: 'bruno@example.com', name: 'Bruno', role: 'viewer', password: 'bruno password 1' });
    const before = Date.now();
    const response = await login(app, 'Bruno@Example.com', 'bruno password 1');
    expect(response.status).toBe(200);
    const session = response.body as unknown as LoginBody;
    expect(session).toEqual({ token: expect.stringMatching(/^lwu_/), expiresAt: expect.any(String), user: { id: expect.any(Number), email: 'bruno@example.com', name: 'Bruno', role: 'viewer', carrier: null } });
    // Twelve hours by default.
    expect(Math.abs(new Date(session.expiresAt).getTime() - before - 12 * 3_600_000)).toBeLessThan(60_000);

    const stored = await app.sql<{ token_hash: string }>('SELECT token_hash FROM user_sessions WHERE user_id = $1', [session.user.id]);
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(session.token).digest('hex') }]);

    const me = await app.request('GET', '/api/v1/auth/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: session.user, expiresAt: expect.any(String) });

    expect((await app.request('POST', '/api/v1/auth/logout', { token: session.token })).status).toBe(204);
    expect((await app.request('GET', '/api/v1/auth/me', { token: session.token })).status).toBe(401);
    expect((await app.request('POST', '/api/v1/auth/logout', { token: session.token })).status).toBe(401);
  });

  it('gives a wrong password and an unknown email the same 401', async () => {
    await createUser(app, { email: 'carla@example.com', role: 'viewer', password: 'carla password 1' });
    const wrongPassword = await login(app, 'carla@example.com', 'not her password');
    const unknownEmail = await login(app, 'nobody@example.com', 'carla password 1');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({ statusCode: 401, message: 'email or password is incorrect', error: expect.any(String) });
    expect((await login(app, 'carla@example.com', '')).status).toBe(400);
  });

  it('lets a viewer read what an admin reads and change nothing', async () => {
    await createUser(app, { email: 'dora@example.com', role: 'viewer', password: 'dora password 12' });
    const { token } = await sessionOf(app, 'dora@example.com', 'dora password 12');
    const as = (method: string, path: string, body?: unknown) => app.request(method, path, { token, body });

    for (const path of [
      `/api/v1/kpis?${KPI_WINDOW}`,
      '/api/v1/ingest/status',
      '/api/v1/carriers',
      '/api/v1/carriers/correios/code-map',
      '/api/v1/carriers/correios/data-quality',
    ]) {
      expect({ path, status: (await as('GET', path)).status }).toEqual({ path, status: 200 });
    }
    const carriers = await as('GET', '/api/v1/carriers');
    expect((carriers.body as unknown as { code: string }[]).map((carrier) => carrier.code)).toContain('correios');
    expect((await as('GET', '/api/v1/shipments/correios/NOSUCH0001BR')).status).toBe(404);

    const writes: [string, string, unknown][] = [
      ['PUT', '/api/v1/carriers/correios/code-map', { mappings: { EMA: 'ACCEPTED' } }],
      ['POST', '/api/v1/carriers', { code: 'viewerco', name: 'Viewer Co', kind: 'postal' }],
      ['POST', '/api/v1/carriers/correios/keys/rotate', undefined],
      ['POST', '/api/v1/carriers/correios/webhook-secret/rotate', undefined],
      ['POST', '/api/v1/users', { email: 'evil@example.com', name: 'Evil', role: 'admin', password: 'evil password 12' }],
      ['GET', '/api/v1/users', undefined],
      ['PATCH', '/api/v1/users/1', { role: 'admin' }],
      ['POST', '/api/v1/events', { events: [{ carrier: 'correios', trackingNumber: 'LP9000CN', milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00Z' }] }],
      ['POST', '/api/v1/shipments', { carrier: 'correios', trackingNumber: 'LP9000CN' }],
    ];
    for (const [method, path, body] of writes) {
      const response = await as(method, path, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      expect(response.body.message).toContain('viewers can read but not change anything');
    }
    expect(await app.sql('SELECT code FROM carriers WHERE code = $1', ['viewerco'])).toEqual([]);
    expect(await app.sql(`SELECT e.raw_code FROM code_map_entries e JOIN carriers c ON c.id = e.carrier_id WHERE c.code = 'correios'`)).toEqual([]);
  });

  it('lets an admin user do what the admin token does', async () => {
    await createUser(app, { email: 'edu@example.com', role: 'admin', password: 'edu password 123' });
    const { token } = await sessionOf(app, 'edu@example.com', 'edu password 123');
    expect((await app.request('POST', '/api/v1/carriers', { token, body: { code: 'adminco', name: 'Admin Co', kind: 'postal' } })).status).toBe(201);
    expect((await app.request('GET', '/api/v1/users', { token })).status).toBe(200);
    expect((await app.request('PUT', '/api/v1/carriers/adminco/code-map', { token, body: { mappings: { EMA: 'ACCEPTED' } } })).status).toBe(200);
  });

  it('keeps carrier keys out of user accounts and out of reads that span carriers', async () => {
    expect((await login(app, 'correios', carrierKey)).status).toBe(401);
    expect((await app.request('GET', '/api/v1/auth/me', { token: carrierKey })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/users', { token: carrierKey })).status).toBe(403);
    expect((await app.request('POST', '/api/v1/users', { token: carrierKey, body: { email: 'k@example.com', name: 'K', role: 'viewer', password: 'key user password' } })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/carriers', { token: carrierKey })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/carriers/correios/code-map', { token: carrierKey })).status).toBe(403);
    // Its own carrier's reads stay open, as before.
    expect((await app.request('GET', '/api/v1/carriers/correios/data-quality', { token: carrierKey })).status).toBe(200);
    expect((await app.request('GET', `/api/v1/kpis?${KPI_WINDOW}`, { token: carrierKey })).status).toBe(200);
    // The admin token is not a session either.
    expect((await app.request('GET', '/api/v1/auth/me')).status).toBe(403);
  });

  it('ends the sessions of a disabled user and of a changed password', async () => {
    const id = await createUser(app, { email: 'fabio@example.com', role: 'viewer', password: 'fabio password 1' });
    const first = await sessionOf(app, 'fabio@example.com', 'fabio password 1');
    const disabled = await app.request('PATCH', `/api/v1/users/${id}`, { body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await app.request('GET', '/api/v1/auth/me', { token: first.token })).status).toBe(401);
    const refused = await login(app, 'fabio@example.com', 'fabio password 1');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('email or password is incorrect');

    expect((await app.request('PATCH', `/api/v1/users/${id}`, { body: { disabled: false } })).body.disabledAt).toBeNull();
    const second = await sessionOf(app, 'fabio@example.com', 'fabio password 1');
    // A session whose user is disabled directly in the database is refused too, without any revocation.
    await app.sql('UPDATE users SET disabled_at = now() WHERE id = $1', [id]);
    expect((await app.request('GET', '/api/v1/auth/me', { token: second.token })).status).toBe(401);
    await app.sql('UPDATE users SET disabled_at = NULL WHERE id = $1', [id]);
    expect((await app.request('GET', '/api/v1/auth/me', { token: second.token })).status).toBe(200);

    expect((await app.request('PATCH', `/api/v1/users/${id}`, { body: { password: 'fabio password 2' } })).status).toBe(200);
    expect((await app.request('GET', '/api/v1/auth/me', { token: second.token })).status).toBe(401);
    expect((await login(app, 'fabio@example.com', 'fabio password 1')).status).toBe(401);
    expect((await login(app, 'fabio@example.com', 'fabio password 2')).status).toBe(200);
  });

  it('answers 429 with Retry-After after ten attempts for one email from one address, even with the right password', async () => {
    await createUser(app, { email: 'gil@example.com', role: 'viewer', password: 'gil password 123' });
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect({ attempt, status: (await login(app, 'gil@example.com', `guess number ${attempt}`)).status }).toEqual({ attempt, status: 401 });
    }
    const limited = await login(app, 'GIL@example.com', 'gil password 123');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/^too many sign-in attempts for this e-mail from this address; retry after \d+ s$/);
    // Another account from the same address is not affected.
    await createUser(app, { email: 'hana@example.com', role: 'viewer', password: 'hana password 12' });
    expect((await login(app, 'hana@example.com', 'hana password 12')).status).toBe(200);
  });

  it('clears the attempt count on a successful sign-in', async () => {
    await createUser(app, { email: 'ines@example.com', role: 'viewer', password: 'ines password 12' });
    for (let attempt = 1; attempt <= 9; attempt += 1) await login(app, 'ines@example.com', `guess number ${attempt}`);
    expect((await login(app, 'ines@example.com', 'ines password 12')).status).toBe(200);
    for (let attempt = 1; attempt <= 9; attempt += 1) await login(app, 'ines@example.com', `guess number ${attempt}`);
    expect((await login(app, 'ines@example.com', 'ines password 12')).status).toBe(200);
  });

  it('creates users from the CLI, with a password from stdin or a generated one shown once', async () => {
    const piped = cli(app, ['users', 'create', '--email', 'Cli@Example.com', '--name', 'CLI user', '--role', 'viewer', '--password-stdin'], 'piped password 123\n');
    expect({ status: piped.status, stderr: piped.stderr }).toEqual({ status: 0, stderr: '' });
    expect(piped.stdout).toMatch(/^created viewer user \d+ <cli@example\.com>\n$/);
    expect((await sessionOf(app, 'cli@example.com', 'piped password 123')).user.role).toBe('viewer');

    const generated = cli(app, ['users', 'create', '--email', 'cli-admin@example.com', '--name', 'CLI admin', '--role', 'admin']);
    expect(generated.status).toBe(0);
    const password = /password \(shown only now\): (\S+)/.exec(generated.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const admin = await sessionOf(app, 'cli-admin@example.com', password!);
    expect(admin.user.role).toBe('admin');
    expect((await app.request('GET', '/api/v1/users', { token: admin.token })).status).toBe(200);

    const duplicate = cli(app, ['users', 'create', '--email', 'cli@example.com', '--name', 'Again', '--role', 'viewer']);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain("a user with email 'cli@example.com' already exists");
    const badRole = cli(app, ['users', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'owner']);
    expect(badRole.status).toBe(64);
    expect(badRole.stderr).toContain('--role must be one of admin, viewer');
    const shortPassword = cli(app, ['users', 'create', '--email', 'y@example.com', '--name', 'Y', '--role', 'viewer', '--password-stdin'], 'too short\n');
    expect(shortPassword.status).toBe(64);
    expect(shortPassword.stderr).toContain('password must be at least 12 characters');
  });

  it('documents the new endpoints in the OpenAPI document', async () => {
    const document = await app.request('GET', '/api/docs-json', { token: null });
    expect(Object.keys(document.body.paths as object)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/me', '/api/v1/users', '/api/v1/users/{id}']),
    );
  });
});

describe('session lifetime', () => {
  let app: LanewatchApp;
  // 0.001 h = 3.6 s: long enough to use a session on a busy machine, short enough to watch it expire.
  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SESSION_TTL_HOURS: '0.001' }, worker: false });
    await createUser(app, { email: 'short@example.com', role: 'viewer', password: 'short lived pass' });
  });
  afterAll(() => app?.stop());

  it('slides with use and ends once unused for the whole lifetime', async () => {
    const session = await sessionOf(app, 'short@example.com', 'short lived pass');
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(3600);

    // Renewals are written at most every tenth of the lifetime (0.36 s here).
    await new Promise((resolve) => setTimeout(resolve, 800));
    const used = await app.request('GET', '/api/v1/auth/me', { token: session.token });
    expect(used.status).toBe(200);
    const slid = used.body.expiresAt as string;
    expect(new Date(slid).getTime()).toBeGreaterThan(new Date(session.expiresAt).getTime());

    await waitPast(slid);
    expect((await app.request('GET', '/api/v1/auth/me', { token: session.token })).status).toBe(401);
    expect((await app.request('GET', '/api/v1/ingest/status', { token: session.token })).status).toBe(401);
  });
});
