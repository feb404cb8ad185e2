import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { LanewatchApp } from './support/lanewatch-app';
import { Event, postEvents } from './support/sla-feed';

// Exceptions and the watchlist in a browser (issue 15): the report per carrier and lane, a count
// followed to exactly its parcels, and a parcel to its shipment. The feed is a small crafted one
// (alpha CN-FR: two parcels with failed attempts in the window, ALPHA0002 later delivered).

const SETUP_TIMEOUT_MS = 420_000;
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-11-11T00:00:00Z';
const admin = { email: 'erin@lanewatch.test', password: 'exceptions password 2026!', role: 'admin', name: 'Erin Admin' };

const parcel = (trackingNumber: string, steps: [string, string, string?][]): Event[] =>
  steps.map(([day, milestone, reason], index) => ({
    carrier: 'alpha',
    trackingNumber,
    milestone,
    occurredAt: `2026-${day}T08:00:00Z`,
    ...(reason ? { reason } : {}),
    ...(index === 0 ? { shipment: { origin: 'CN', destination: 'FR', serviceLevel: 'standard', promisedBy: '2026-11-05T23:59:59Z' } } : {}),
  }));

describe('exceptions and the watchlist in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let webDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir } });
    await app.createCarrier('alpha');
    expect((await app.request('POST', '/api/v1/users', { body: admin })).status).toBe(201);
    await postEvents(app, [
      ...parcel('ALPHA0001', [['11-02', 'ACCEPTED'], ['11-03', 'EXCEPTION', 'WEATHER'], ['11-08', 'DELIVERED']]),
      ...parcel('ALPHA0002', [['11-02', 'ACCEPTED'], ['11-04', 'DELIVERY_FAILED', 'RECIPIENT_ABSENT'], ['11-06', 'DELIVERED']]),
      ...parcel('ALPHA0003', [['11-03', 'ACCEPTED'], ['11-05', 'DELIVERY_FAILED']]),
      ...parcel('ALPHA0005', [['11-04', 'ACCEPTED'], ['11-05', 'DELIVERED']]),
    ]);
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

  it('follows a count of the report to exactly its parcels, and a parcel to its shipment', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/exceptions?from=${FROM}&to=${TO}`);
    await page.getByRole('heading', { name: 'Exceptions', level: 1 }).waitFor();
    const failed = page.getByRole('link', { name: '2 parcels with failed attempts of alpha CN-FR: list the parcels' });
    await failed.waitFor();
    await screenshot(page, 'exceptions-1366x900');
    await failed.click();

    await page.getByRole('heading', { name: 'Watchlist', level: 1 }).waitFor();
    await page.getByText('Showing 2 of 2 parcels.').waitFor();
    const numbers = await page.locator('table.data-table tbody tr th, table.data-table tbody tr td:first-child').allTextContents();
    expect(numbers.filter((text) => /^ALPHA\d+$/.test(text.trim())).map((text) => text.trim()).sort()).toEqual(['ALPHA0002', 'ALPHA0003']);
    await screenshot(page, 'watchlist-1366x900');

    await page.getByRole('link', { name: 'ALPHA0002', exact: true }).click();
    await page.getByText('ALPHA0002').first().waitFor();
    await page.waitForURL(/\/shipments/);
    await page.close();
  });
});
