import { LanewatchApp } from './support/lanewatch-app';

// Sign-in limits per e-mail and address, per address, per e-mail and for the whole server, and whose
// address counts: the socket's, or with TRUST_PROXY the one a trusted proxy (the compose nginx) put in
// X-Forwarded-For. Small limits here so each rule is reached in a few attempts.

async function login(app: LanewatchApp, email: string, password: string, forwardedFor?: string) {
  const response = await fetch(`${app.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { message?: string; token?: string };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), message: body.message };
}

async function createUser(app: LanewatchApp, email: string, password: string): Promise<void> {
  const response = await app.request('POST', '/api/v1/users', { body: { email, name: email.split('@')[0], role: 'viewer', password } });
  if (response.status !== 201) throw new Error(`create user ${email}: ${response.status} ${JSON.stringify(response.body)}`);
}

const statuses = async (attempts: (() => ReturnType<typeof login>)[]) => {
  const answers = [];
  for (const attempt of attempts) answers.push(await attempt());
  return answers.map((answer) => answer.status);
};

describe('sign-in limits without TRUST_PROXY (the API faces clients directly)', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false, env: { LOGIN_ATTEMPTS_PER_ADDRESS: '6' } });
    await createUser(app, 'real.user@example.com', 'real user password');
  });
  afterAll(() => app?.stop());

  it('spraying many e-mails from one address is limited per address: 429 with Retry-After once LOGIN_ATTEMPTS_PER_ADDRESS are spent', async () => {
    const sprayed = await statuses(Array.from({ length: 6 }, (_, n) => () => login(app, `sprayed${n}@example.com`, 'Winter2026!')));
    expect(sprayed).toEqual([401, 401, 401, 401, 401, 401]);
    const limited = await login(app, 'sprayed6@example.com', 'Winter2026!');
    expect(limited).toMatchObject({ status: 429, message: expect.stringMatching(/^too many sign-in attempts from this address; retry after \d+ s$/) });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  });

  it('X-Forwarded-For is ignored: a client cannot step out of its address limit by naming another address', async () => {
    for (const forwardedFor of ['198.51.100.23', '203.0.113.9, 198.51.100.24']) {
      expect((await login(app, 'real.user@example.com', 'real user password', forwardedFor)).status).toBe(429);
    }
  });
});

describe('sign-in limits behind the compose nginx (TRUST_PROXY=1)', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({
      worker: false,
      env: { TRUST_PROXY: '1', LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS: '3', LOGIN_ATTEMPTS_PER_ADDRESS: '6', LOGIN_ATTEMPTS_PER_EMAIL: '5' },
    });
    for (const name of ['office', 'victim']) await createUser(app, `${name}@example.com`, `${name} password 12`);
  });
  afterAll(() => app?.stop());

  it('each client address has its own budget: one address spraying does not lock out a user elsewhere', async () => {
    const sprayer = '198.51.100.1';
    expect(await statuses(Array.from({ length: 6 }, (_, n) => () => login(app, `spray${n}@example.com`, 'Winter2026!', sprayer)))).toEqual([401, 401, 401, 401, 401, 401]);
    expect((await login(app, 'spray6@example.com', 'Winter2026!', sprayer)).status).toBe(429);
    // nginx appends the address it saw: with one trusted hop that last entry counts, not what the client wrote before it.
    expect((await login(app, 'spray7@example.com', 'Winter2026!', `198.51.100.99, ${sprayer}`)).status).toBe(429);
    expect((await login(app, 'office@example.com', 'office password 12', '198.51.100.2')).status).toBe(200);
  });

  it('one attacker address cannot lock a user out: it runs into its own e-mail-and-address limit first', async () => {
    const attacker = '203.0.113.50';
    expect(await statuses(Array.from({ length: 4 }, (_, n) => () => login(app, 'victim@example.com', `guess ${n}`, attacker)))).toEqual([401, 401, 401, 429]);
    expect((await login(app, 'victim@example.com', 'victim password 12', '192.0.2.10')).status).toBe(200);
  });

  it('a guess at one account spread over many addresses is limited per e-mail (LOGIN_ATTEMPTS_PER_EMAIL)', async () => {
    await createUser(app, 'target@example.com', 'target password 12');
    const addresses = ['203.0.113.61', '203.0.113.62', '203.0.113.63', '203.0.113.64', '203.0.113.65', '203.0.113.66'];
    const answers = [];
    for (const address of addresses) answers.push(await login(app, 'target@example.com', 'Summer2026!', address));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers[5].message).toMatch(/^too many sign-in attempts for this e-mail; retry after \d+ s$/);
  });
});

describe('the server-wide sign-in ceiling (TRUST_PROXY with a proxy address)', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    // The test client is the proxy: 127.0.0.1 is trusted to tell the client's address.
    app = await LanewatchApp.start({ worker: false, env: { TRUST_PROXY: 'loopback', LOGIN_ATTEMPTS_PER_MINUTE: '8' } });
  });
  afterAll(() => app?.stop());

  it('answers 429 for everyone once LOGIN_ATTEMPTS_PER_MINUTE attempts were made from all addresses together', async () => {
    const attempts = Array.from({ length: 9 }, (_, n) => () => login(app, `user${n}@example.com`, 'Autumn2026!', `198.51.100.${10 + n}`));
    const answers = [];
    for (const attempt of attempts) answers.push(await attempt());
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    expect(answers[8].message).toMatch(/^too many sign-in attempts on this server; retry after \d+ s$/);
  });
});
