import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CAINIAO_REAL_CORPUS } from '../libs/formats/src/cainiao/cainiao.real-corpus';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { LanewatchApp } from './support/lanewatch-app';

// Mapping fidelity in the dashboard (issue 14, item 4): the built app served by the real API and
// worker, driven in headless Chromium. A carrier's page shows its unmapped and UNCLASSIFIED shares,
// rejected entries and warnings; the ingest health page lists every carrier's. Screenshots land in
// test-artifacts/dashboard/ (git-ignored).

const SETUP_TIMEOUT_MS = 420_000;
const admin = { email: 'fiona@lanewatch.test', password: 'fidelity password 2026!', role: 'admin', name: 'Fiona Admin' };

describe('mapping fidelity in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let webDir: string;

  beforeAll(async () => {
    // Fails here, with the install command, when the Debian chromium is missing: never skipped.
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir } });
    const cainiaoKey = (await app.createCarrier('cainiao', 'platform')).apiKey;
    const correiosKey = (await app.createCarrier('correios')).apiKey;
    expect((await app.request('POST', '/api/v1/users', { body: admin })).status).toBe(201);

    // A real Cainiao payload whose next leg names no carrier, its destination renamed to a country that does not exist.
    const payload = CAINIAO_REAL_CORPUS.find((entry) => entry.name === 'RC000000002EE')?.body() as { module: Record<string, unknown>[] };
    payload.module[0].destCountry = 'Atlantis';
    const webhook = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: cainiaoKey, body: payload });
    expect(webhook.body).toMatchObject({ accepted: 5 });
    // correios: of 4 stored events, 3 unmapped (2 of them UNCLASSIFIED); 2 entries rejected.
    const event = (trackingNumber: string, extra: Record<string, unknown>) => ({ trackingNumber, occurredAt: new Date(Date.now() - 3_600_000).toISOString(), ...extra });
    const canonical = await app.request('POST', '/api/v1/events', {
      token: correiosKey,
      body: {
        events: [
          event('CO00001BR', { milestone: 'ACCEPTED' }),
          event('CO00002BR', { code: 'XYZ' }),
          event('CO00003BR', { code: 'UNCLASSIFIED', message: 'Objeto postado' }),
          event('CO00004BR', { code: 'UNCLASSIFIED', message: 'Objeto encaminhado' }),
          event('CO00005BR', { milestone: 'ACCEPTED', occurredAt: '2026-11-02T08:15:00' }),
          event('CO00006BR', { milestone: 'NOT_A_MILESTONE' }),
        ],
      },
    });
    expect(canonical.body).toMatchObject({ accepted: 4 });
    await app.waitForIdle();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function signedInPage(): Promise<Page> {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: admin });
    return page;
  }

  const tile = (section: ReturnType<Page['getByTestId']>, label: string) => section.locator('.tile', { has: section.page().locator('dt', { hasText: label }) }).locator('.tile__value');

  it("shows a carrier's unmapped and UNCLASSIFIED shares, rejected entries and warnings on its page", async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/carriers/correios`);
    const section = page.getByTestId('carrier-fidelity');
    await section.getByRole('heading', { name: 'Mapping fidelity' }).waitFor();
    await tile(section, 'Events stored').waitFor();
    await expect(tile(section, 'Events stored').textContent()).resolves.toBe('4');
    await expect(tile(section, 'Unmapped').textContent()).resolves.toMatch(/^75[.,]0\s?%$/);
    await expect(tile(section, 'UNCLASSIFIED').textContent()).resolves.toMatch(/^50[.,]0\s?%$/);
    await expect(tile(section, 'Rejected entries').textContent()).resolves.toBe('2');
    // The chart: a line per share, a bar series each for rejected entries and warnings.
    await expect(section.locator('figure.chart .recharts-line').count()).resolves.toBe(2);
    await expect(section.locator('figure.chart .recharts-bar').count()).resolves.toBe(2);
    await expect(section.getByRole('button', { name: 'Download CSV of the mapping fidelity of correios per day' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'fidelity-01-carrier-page');

    await page.goto(`${app.apiUrl}/carriers/cainiao`);
    const cainiao = page.getByTestId('carrier-fidelity');
    await tile(cainiao, 'Unknown next carriers').waitFor();
    await expect(tile(cainiao, 'Unknown next carriers').textContent()).resolves.toBe('1');
    await expect(tile(cainiao, 'Unresolved country names').textContent()).resolves.toBe('1');
    await expect(tile(cainiao, 'Unmapped').textContent()).resolves.toMatch(/^0[.,]0\s?%$/);
    await page.close();
  });

  it("lists every carrier's fidelity on the ingest health page", async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/ingest-health`);
    const table = page.getByRole('table', { name: 'Mapping fidelity per carrier, last 24 hours' });
    const correios = table.getByRole('row', { name: /correios/ });
    await correios.waitFor();
    const cells = async (row: typeof correios) => (await row.getByRole('cell').allTextContents()).map((cell) => cell.replace(/\s/g, ''));
    expect((await cells(correios)).map((cell) => cell.replace(',', '.'))).toEqual(['4', '75.0%', '50.0%', '2', '0', '0', '0']);
    expect((await cells(table.getByRole('row', { name: /cainiao/ }))).map((cell) => cell.replace(',', '.'))).toEqual(['5', '0.0%', '0.0%', '0', '1', '1', '0']);
    await screenshot(page, 'fidelity-02-ingest-health');
    await page.close();
  });
});
