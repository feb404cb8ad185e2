import { rmSync } from 'node:fs';
import { createDataSource } from '@lanewatch/db';
import { parseSlaContract } from '@lanewatch/domain';
import { applySlaContract } from '@lanewatch/pipeline';
import type { Browser } from 'playwright-core';
import { buildDashboard, launchChromium, openSignedIn, screenshot } from './support/dashboard-browser';
import { LanewatchApp } from './support/lanewatch-app';
import { evaluate, parcels, postEvents } from './support/sla-feed';

// Carrier users in a browser (contracts.md §3): an admin creates one on the users page, picking its
// carrier; signed in, it sees only its carrier's pages, its review pack with the statement, and
// another carrier's pages answer "not found" (the API 403). November 2026: revco fails 4 of 5 first
// attempts, rival 4 of 5 too; revco's contract costs 10 EUR per breach day, capped at 100 EUR.

const SETUP_TIMEOUT_MS = 420_000;
const admin = { email: 'ada@lanewatch.test', password: 'carrier users admin 2026!', role: 'admin', name: 'Ada Admin' };
const carrierUser = { email: 'ops@revco.test', password: 'revco ops password 2026', name: 'Revco Ops' };
const CONTRACT = `
contract: revco-2026
carrier: revco
effectiveFrom: 2026-01-01
currency: EUR
invoice: { ratePerParcel: "2.00" }
monthlyCap: { amount: "100.00" }
policies:
  - name: First attempt 90%
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
    minSample: 3
    severity: critical
    consequence: { kind: per_breach_day, amount: "10.00" }
`;

describe('carrier users in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let webDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir, SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    await app.createCarrier('revco');
    await app.createCarrier('rival');
    expect((await app.request('POST', '/api/v1/users', { body: admin })).status).toBe(201);
    await postEvents(app, [...parcels('revco', 'REVCO', '2026-11-05', { good: 1, bad: 4 }), ...parcels('rival', 'RIVAL', '2026-11-05', { good: 1, bad: 4 })]);
    const parsed = parseSlaContract(CONTRACT);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const dataSource = createDataSource(app.databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    await applySlaContract(dataSource, parsed.value).finally(() => dataSource.destroy());
    const rivalPolicy = { name: 'Rival first attempt', carrier: 'rival', corridor: null, serviceLevel: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, windowDays: 7, minSample: 3, severity: 'critical' };
    expect((await app.request('POST', '/api/v1/sla-policies', { body: rivalPolicy })).status).toBe(201);
    await evaluate(app, '2026-11-08T00:00:00Z');
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('an admin creates a carrier user on the users page, picking its carrier', async () => {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: admin });
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'New user' });
    await form.getByLabel('Email').fill(carrierUser.email);
    await form.getByLabel('Name').fill(carrierUser.name);
    await form.getByLabel('Role').selectOption('carrier');
    await form.getByLabel('Carrier').selectOption('revco');
    await form.getByLabel('Password').fill(carrierUser.password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`Created carrier user ${carrierUser.email} of revco.`).waitFor();
    await page.getByRole('cell', { name: carrierUser.email }).waitFor();
    await screenshot(page, 'users-new-carrier-user');
    const users = await app.request('GET', '/api/v1/users');
    expect(users.body).toEqual(expect.arrayContaining([expect.objectContaining({ email: carrierUser.email, role: 'carrier', carrier: 'revco' })]));
    await page.close();
  });

  it('signed in, the carrier user sees only its own pages and carrier; another carrier answers not found', async () => {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: carrierUser });
    // It lands on its own scorecard, with its own navigation and none of the admin's pages.
    await page.waitForURL(/\/carriers\/revco(\?|$)/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Scorecard', 'Breaches', 'Statement', 'Monthly review']);
    await page.getByRole('heading', { name: /revco/i, level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'All carriers' }).count()).toBe(0);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('carrier · revco');

    await nav.getByRole('link', { name: 'Breaches' }).click();
    await page.getByRole('heading', { name: 'Breaches', level: 1 }).waitFor();
    await page.getByText('First attempt 90%').first().waitFor();
    expect(await page.getByText('Rival first attempt').count()).toBe(0);
    await screenshot(page, 'carrier-user-breaches');

    for (const path of ['/carriers/rival', '/carriers/rival/review/2026-11', '/carriers', '/overview', '/users', '/policies', '/ingest-health']) {
      await page.goto(`${app.apiUrl}${path}`);
      await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    }
    // The API refuses the same, whatever the dashboard shows.
    const login = await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: carrierUser.email, password: carrierUser.password } });
    const token = login.body.token as string;
    for (const path of ['/api/v1/carriers/rival/scorecard', '/api/v1/carriers/rival/review/2026-11', '/api/v1/carriers/rival/breaches', '/api/v1/carriers']) {
      expect({ path, status: (await app.request('GET', path, { token })).status }).toEqual({ path, status: 403 });
    }
    await page.close();
  });

  it("opens its monthly review with the statement's consequences", async () => {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: carrierUser });
    await page.goto(`${app.apiUrl}/carriers/revco/review/2026-11`);
    await page.getByRole('heading', { name: 'Monthly review: revco, 2026-11', level: 1 }).waitFor();
    await page.getByText('Statement draft: 230.00 EUR before the cap, 100.00 EUR after it.').waitFor();
    const terms = page.getByRole('region', { name: 'Contract terms' });
    await terms.getByRole('row', { name: /First attempt 90%/ }).getByText('20.0 % — missed (n = 5)').waitFor();
    await page.getByTestId('review-totals').getByText(/^5 parcels/).waitFor();
    await screenshot(page, 'carrier-user-review');
    await page.close();
  });
});
