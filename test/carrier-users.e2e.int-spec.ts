import { rmSync } from 'node:fs';
import { createDataSource } from '@lanewatch/db';
import { parseSlaContract } from '@lanewatch/domain';
import { applySlaContract } from '@lanewatch/sla';
import type { Browser } from 'playwright-core';
import { buildDashboard, launchChromium, openSignedIn, screenshot } from './support/dashboard-browser';
import { LanewatchApp } from './support/lanewatch-app';
import { evaluate, parcels, postEvents } from './support/sla-feed';

// Carrier users in a browser (contracts.md §3): an admin creates one on the users page, picking its
// carrier; signed in, it sees only its carrier's pages, its review pack with the statement, and
// another carrier's pages answer "not found" (the API 403); it disputes a parcel of its statement, an
// admin accepts it, and the statement and its audit log show the change. November 2026: revco fails
// 2 of 5 first attempts (REVCO0004, REVCO0005), rival 4 of 5. revco's contract: 10 EUR per day of a
// breach of the 90 % term (8 to 30 November: 230.00) and a tiered credit on the 70 % term (60 % is
// under 70 %: 0.10 of the 10.00 invoice; with REVCO0004 left out, 3 of 4 = 75 %: 0.05).

const SETUP_TIMEOUT_MS = 420_000;
const admin = { email: 'ada@lanewatch.test', password: 'carrier users admin 2026!', role: 'admin', name: 'Ada Admin' };
const carrierUser = { email: 'ops@revco.test', password: 'revco ops password 2026', name: 'Revco Ops' };
const CONTRACT = `
contract: revco-2026
carrier: revco
effectiveFrom: 2026-01-01
currency: EUR
invoice: { ratePerParcel: "2.00" }
monthlyCap: { amount: "500.00" }
policies:
  - name: First attempt 90%
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
    minSample: 3
    severity: critical
    consequence: { kind: per_breach_day, amount: "10.00" }
  - name: First attempt tiers
    metric: first_attempt_rate
    op: gte
    threshold: 0.7
    windowDays: 7
    minSample: 3
    severity: minor
    consequence:
      kind: tiered
      tiers: [ { from: 0, to: 0.7, credit: "0.10" }, { from: 0.7, to: 0.9, credit: "0.05" } ]
`;
// A third carrier whose contract runs its own clock (contracts.md §1): São Paulo business days, customs
// excluded, 1 business day allowed on CN-BR. Its parcels of Thursday 5 November take 10 h (two) and 18 h
// (one): 0.42, 0.42 and 0.75 business days, mean 0.53, all three within the allowance.
const CLOCK_CONTRACT = `
contract: clockco-2026
carrier: clockco
effectiveFrom: 2026-01-01
calendar: { country: BR, subdivision: BR-SP }
clock: { days: business, exclude: [import_customs] }
allowances:
  - { corridor: CN-BR, serviceLevel: '*', days: 1 }
policies:
  - name: Clockco clock p90
    metric: clock_p90_days
    op: lte
    threshold: 5
    windowDays: 7
    minSample: 3
    severity: minor
`;
const NOVEMBER = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z';

function parsedContract(text: string) {
  const parsed = parseSlaContract(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

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
    await app.createCarrier('clockco');
    expect((await app.request('POST', '/api/v1/users', { body: admin })).status).toBe(201);
    const dataSource = createDataSource(app.databaseUrl, { poolSize: 1 });
    await dataSource.initialize();
    try {
      // The clock contract first: its parcels' clock facts are computed as they arrive.
      await applySlaContract(dataSource, parsedContract(CLOCK_CONTRACT));
      await postEvents(app, [
        ...parcels('revco', 'REVCO', '2026-11-05', { good: 3, bad: 2 }),
        ...parcels('rival', 'RIVAL', '2026-11-05', { good: 1, bad: 4 }),
        ...parcels('clockco', 'CLOCK', '2026-11-05', { good: 2, bad: 1 }),
      ]);
      await applySlaContract(dataSource, parsedContract(CONTRACT));
    } finally {
      await dataSource.destroy();
    }
    const rivalPolicy = { name: 'Rival first attempt', carrier: 'rival', corridor: null, serviceLevel: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, windowDays: 7, minSample: 3, severity: 'critical' };
    expect((await app.request('POST', '/api/v1/sla-policies', { body: rivalPolicy })).status).toBe(201);
    await evaluate(app, '2026-11-08T00:00:00Z');
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('a link clicked as soon as the shell shows opens its page, not the home page the landing address redirects to', async () => {
    // The landing address (/) redirects home in a passive effect. While the shell's links were on
    // screen before it ran, a click on a slow CPU could come first and the redirect replaced /users with
    // the overview (CI, 2026-12-06); the CPU is slowed 8× here so the click lands in that gap every time.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const page = await openSignedIn(browser, { url: app.apiUrl, user: admin, cpuSlowdown: 8 });
      await page.getByRole('link', { name: 'Users', exact: true }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toBe('/users');
      await page.close();
    }
  }, 180_000);

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
    await page.getByRole('cell', { name: carrierUser.email, exact: true }).waitFor();
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
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Scorecard', 'Breaches', 'Exceptions', 'Watchlist', 'Statement', 'Monthly review']);
    await page.getByRole('heading', { name: /revco/i, level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'All carriers' }).count()).toBe(0);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('carrier · revco');

    await nav.getByRole('link', { name: 'Breaches' }).click();
    await page.getByRole('heading', { name: 'Breaches', level: 1 }).waitFor();
    await page.getByText('First attempt 90%').first().waitFor();
    expect(await page.getByText('Rival first attempt').count()).toBe(0);
    await screenshot(page, 'carrier-user-breaches');

    // Its exceptions: only its own carrier's rows (the API filters them), each opening its watchlist.
    await nav.getByRole('link', { name: 'Exceptions' }).click();
    await page.getByRole('heading', { name: 'Exceptions', level: 1 }).waitFor();
    await page.goto(`${app.apiUrl}/exceptions?${NOVEMBER}`);
    const rates = page.getByRole('region', { name: /Exception rate per carrier and lane/ });
    await rates.getByRole('link', { name: 'revco', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /rival|clockco/ }).count()).toBe(0);
    await screenshot(page, 'carrier-user-exceptions');
    await nav.getByRole('link', { name: 'Watchlist' }).click();
    await page.getByRole('heading', { name: 'Watchlist', level: 1 }).waitFor();

    for (const path of ['/carriers/rival', '/carriers/rival/review/2026-11', '/carriers', '/overview', '/users', '/policies', '/ingest-health']) {
      await page.goto(`${app.apiUrl}${path}`);
      await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    }
    // The API refuses the same, whatever the dashboard shows.
    const login = await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: carrierUser.email, password: carrierUser.password } });
    const token = login.body.token as string;
    for (const path of ['/api/v1/carriers/rival/scorecard', '/api/v1/carriers/rival/review/2026-11', '/api/v1/carriers/rival/breaches', '/api/v1/carriers', '/api/v1/carriers/clockco/contracts']) {
      expect({ path, status: (await app.request('GET', path, { token })).status }).toEqual({ path, status: 403 });
    }
    await page.close();
  });

  it("shows a carrier's contract clock on its page: business days on the BR-SP calendar, within the allowance", async () => {
    const contracts = await app.request('GET', '/api/v1/carriers/clockco/contracts');
    expect(contracts.body).toEqual([
      expect.objectContaining({
        contract: 'clockco-2026',
        effectiveFrom: '2026-01-01',
        calendar: { country: 'BR', subdivision: 'BR-SP', closures: [] },
        clock: { timeZone: 'America/Sao_Paulo', days: 'business', exclude: ['import_customs'] },
        allowances: [{ corridor: 'CN-BR', serviceLevel: '*', days: 1 }],
      }),
    ]);
    const page = await openSignedIn(browser, { url: app.apiUrl, user: admin });
    await page.goto(`${app.apiUrl}/carriers/clockco?${NOVEMBER}`);
    const clock = page.getByTestId('contract-clock');
    await clock.getByRole('heading', { name: 'Transit on the contract clock (business days, BR-SP calendar, customs excluded)', level: 2 }).waitFor();
    await clock.locator('[data-kpi="clockCount"]').getByText('3', { exact: true }).waitFor();
    await clock.locator('[data-kpi="clockMean"]').getByText('0.53 business days').waitFor();
    const within = clock.locator('[data-kpi="clockWithin"]');
    await within.getByText(/^100\.0\s?%$/).waitFor();
    await within.getByText('3 of 3 legs').waitFor();
    await within.getByText('Allowance: 1 business day on CN-BR').waitFor();
    await screenshot(page, 'carrier-contract-clock');
    // A carrier without a clock of its own shows none.
    await page.goto(`${app.apiUrl}/carriers/revco?${NOVEMBER}`);
    await page.getByRole('heading', { name: 'Key figures', level: 2 }).waitFor();
    expect(await page.getByTestId('contract-clock').count()).toBe(0);
    await page.close();
  });

  it("opens its monthly review with the statement's consequences", async () => {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: carrierUser });
    await page.goto(`${app.apiUrl}/carriers/revco/review/2026-11`);
    await page.getByRole('heading', { name: 'Monthly review: revco, 2026-11', level: 1 }).waitFor();
    await page.getByText('Statement draft: 231.00 EUR before the cap, 231.00 EUR after it.').waitFor();
    const terms = page.getByRole('region', { name: 'Contract terms' });
    await terms.getByRole('row', { name: /First attempt 90%/ }).getByText('60.0 % — missed (n = 5)').waitFor();
    await page.getByTestId('review-totals').getByText(/^5 parcels/).waitFor();
    await screenshot(page, 'carrier-user-review');
    await page.close();
  });

  it('disputes a parcel of its statement; an admin accepts it; the statement and the audit log show the change', async () => {
    const statementUrl = `${app.apiUrl}/carriers/revco/statements/2026-11`;
    const carrierPage = await openSignedIn(browser, { url: app.apiUrl, user: carrierUser });
    await carrierPage.goto(statementUrl);
    await carrierPage.getByRole('heading', { name: 'Statement: revco, 2026-11', level: 1 }).waitFor();
    await carrierPage.getByTestId('statement-totals').getByText('231.00 EUR before the cap, 231.00 EUR after it.').waitFor();
    const tiers = carrierPage.getByRole('region', { name: 'Term First attempt tiers' });
    await tiers.getByTestId('consequence-First attempt tiers').getByText(/^tiered: 1\.00 EUR/).waitFor();
    await tiers.getByRole('button', { name: 'Dispute REVCO0004' }).click();
    await tiers.getByLabel('Why should REVCO0004 not count?').fill('The shipper printed the wrong address');
    await tiers.getByRole('button', { name: 'Send dispute' }).click();
    const dispute = carrierPage.getByTestId('dispute-REVCO0004');
    await dispute.getByText('open', { exact: true }).waitFor();
    await screenshot(carrierPage, 'carrier-user-dispute');

    const adminPage = await openSignedIn(browser, { url: app.apiUrl, user: admin });
    await adminPage.goto(statementUrl);
    const pending = adminPage.getByTestId('dispute-REVCO0004');
    await pending.getByLabel('Decision note').fill('Label shows the shipper error');
    await pending.getByRole('button', { name: 'Accept' }).click();
    await pending.getByText('accepted', { exact: true }).waitFor();
    // REVCO0004 leaves the consequences, shown as such: 3 of 4 = 75 % selects the 0.05 tier.
    await adminPage.getByTestId('statement-totals').getByText('230.50 EUR before the cap, 230.50 EUR after it.').waitFor();
    await adminPage.getByRole('region', { name: 'Term First attempt tiers' }).getByTestId('excluded-REVCO0004').waitFor();
    const log = adminPage.getByRole('region', { name: 'Audit log' });
    await log.getByText(`${carrierUser.email}: dispute.opened (The shipper printed the wrong address)`).waitFor();
    await log.getByText(`${admin.email}: dispute.accepted (Label shows the shipper error)`).waitFor();
    await screenshot(adminPage, 'admin-accepted-dispute');

    // The carrier user sees the same, and the API agrees.
    await carrierPage.reload();
    await carrierPage.getByTestId('statement-totals').getByText('230.50 EUR before the cap').waitFor();
    await carrierPage.getByTestId('dispute-REVCO0004').getByText('accepted', { exact: true }).waitFor();
    const api = await app.request('GET', '/api/v1/carriers/revco/statements/2026-11');
    const term = (api.body.statement as { terms: { term: string; excludedParcels: { trackingNumber: string }[]; consequence: { amount: string } }[] }).terms.find((entry) => entry.term === 'First attempt tiers');
    expect(term).toMatchObject({ excludedParcels: [expect.objectContaining({ trackingNumber: 'REVCO0004' })], consequence: { amount: '0.50' } });
    // Another carrier's statement is no page for it, and the API refuses it.
    await carrierPage.goto(`${app.apiUrl}/carriers/rival/statements/2026-11`);
    await carrierPage.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    const login = await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: carrierUser.email, password: carrierUser.password } });
    expect((await app.request('GET', '/api/v1/carriers/rival/statements/2026-11', { token: login.body.token as string })).status).toBe(403);
    await carrierPage.close();
    await adminPage.close();
  });

  it("an admin moves a carrier user to another carrier and disables it after a confirm; its session ends", async () => {
    const temp = { email: 'temp@revco.test', password: 'temporary password 2026', name: 'Temp Ops', role: 'carrier', carrier: 'revco' };
    expect((await app.request('POST', '/api/v1/users', { body: temp })).status).toBe(201);
    const page = await openSignedIn(browser, { url: app.apiUrl, user: admin });
    await page.goto(`${app.apiUrl}/users`);
    const row = page.locator(`tr[data-user="${temp.email}"]`);
    await row.getByRole('button', { name: `Change ${temp.email}` }).click();
    await row.getByLabel(`Carrier of ${temp.email}`).selectOption('rival');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${temp.email} is now a carrier user of rival.`).waitFor();
    await row.getByRole('cell', { name: 'rival', exact: true }).waitFor();
    // Signed in now, it reads rival's pages and no longer revco's.
    const login = await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: temp.email, password: temp.password } });
    const token = login.body.token as string;
    expect((await app.request('GET', '/api/v1/carriers/rival/breaches', { token })).status).toBe(200);
    expect((await app.request('GET', '/api/v1/carriers/revco/breaches', { token })).status).toBe(403);

    // Disabling asks first: keeping it changes nothing.
    await row.getByRole('button', { name: `Disable ${temp.email}` }).click();
    const confirm = row.getByRole('group', { name: `Confirm disabling ${temp.email}` });
    await confirm.getByText(`Disable ${temp.email}? They are signed out at once`).waitFor();
    await confirm.getByRole('button', { name: 'Keep enabled' }).click();
    await row.getByRole('cell', { name: 'enabled', exact: true }).waitFor();
    expect((await app.request('GET', '/api/v1/carriers/rival/breaches', { token })).status).toBe(200);
    await row.getByRole('button', { name: `Disable ${temp.email}` }).click();
    await confirm.getByRole('button', { name: 'Yes, disable' }).click();
    await page.getByText(`Disabled ${temp.email}: their sessions ended.`).waitFor();
    await row.getByRole('cell', { name: 'disabled', exact: true }).waitFor();
    await row.getByRole('button', { name: `Enable ${temp.email}` }).waitFor();
    await screenshot(page, 'users-disabled');
    const users = await app.request('GET', '/api/v1/users');
    expect(users.body).toEqual(expect.arrayContaining([expect.objectContaining({ email: temp.email, role: 'carrier', carrier: 'rival', disabledAt: expect.any(String) })]));
    expect((await app.request('GET', '/api/v1/carriers/rival/breaches', { token })).status).toBe(401);
    expect((await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: temp.email, password: temp.password } })).status).toBe(401);
    await page.close();
  });
});
