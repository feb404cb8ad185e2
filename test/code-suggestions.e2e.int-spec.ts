import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { LanewatchApp } from './support/lanewatch-app';

// Issue 14 item 3 in a browser: the ingest health page suggests a milestone for an unmapped code
// from another carrier's mapped texts; an admin accepts it in one click, a viewer only reads it.

const SETUP_TIMEOUT_MS = 420_000;

describe('code-map suggestions in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let webDir: string;
  const admin = { email: 'suggest-admin@example.com', password: 'admin password 14', role: 'admin', name: 'Sam Admin' };
  const viewer = { email: 'suggest-viewer@example.com', password: 'viewer password 14', role: 'viewer', name: 'Vic Viewer' };

  beforeAll(async () => {
    // Fails here, with the install command, when the Debian chromium is missing: never skipped.
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir } });
    for (const user of [admin, viewer]) expect((await app.request('POST', '/api/v1/users', { body: user })).status).toBe(201);
    const alpha = (await app.createCarrier('alpha')).apiKey;
    const bravo = (await app.createCarrier('bravo')).apiKey;
    expect((await app.request('PUT', '/api/v1/carriers/alpha/code-map', { body: { mappings: { A_DLV: 'DELIVERED', A_DEP: 'DEPARTED_ORIGIN' } } })).status).toBe(200);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const alphaEvents: unknown[] = [];
    for (let parcel = 1; parcel <= 7; parcel += 1) {
      alphaEvents.push({ trackingNumber: `AL${parcel}000000XX`, code: 'A_DLV', message: `Delivered, front door AL${parcel}000000XX`, occurredAt: hoursAgo(10 + parcel) });
    }
    alphaEvents.push({ trackingNumber: 'AL8000000XX', code: 'A_DEP', message: 'Delivered - front door', occurredAt: hoursAgo(20) });
    const post = async (token: string, events: unknown[]) => expect((await app.request('POST', '/api/v1/events', { token, body: { events } })).status).toBe(202);
    await post(alpha, alphaEvents);
    await post(bravo, [
      { trackingNumber: 'BR1000000ZZ', code: 'B_X1', message: 'DELIVERED front door BR1000000ZZ', occurredAt: hoursAgo(5) },
      { trackingNumber: 'BR2000000ZZ', code: 'B_X1', message: 'Delivered: front door', occurredAt: hoursAgo(4) },
    ]);
    await app.waitForIdle();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function openIngestHealth(user: { email: string; password: string }): Promise<Page> {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: user });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ingest health' }).click();
    return page;
  }

  it('a viewer reads the suggestion and its evidence, with no Accept button', async () => {
    const page = await openIngestHealth(viewer);
    const row = page.getByRole('table', { name: 'Unmapped codes of bravo' }).locator('tr[data-unmapped-code="B_X1"]');
    await row.locator('td[data-suggestion="DELIVERED"]').waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Delivered');
    expect(text).toContain('7 of 8 events with the text "delivered front door" at other carriers are DELIVERED');
    expect(await row.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    await screenshot(page, 'code-suggestions-01-viewer');
    await page.close();
  });

  it('an admin opens the examples, accepts with the keyboard, and the code is re-mapped', async () => {
    const page = await openIngestHealth(admin);
    const table = page.getByRole('table', { name: 'Unmapped codes of bravo' });
    const row = table.locator('tr[data-unmapped-code="B_X1"]');
    await row.locator('td[data-suggestion="DELIVERED"]').waitFor();
    await row.getByText('Example messages').click();
    await expect(row.locator('details li').allTextContents()).resolves.toEqual(expect.arrayContaining(['DELIVERED front door BR1000000ZZ']));
    const accept = row.getByRole('button', { name: 'Accept DELIVERED for bravo code B_X1' });
    await accept.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'bravo code B_X1 now maps to DELIVERED' }).textContent()).resolves.toContain('re-mapped');
    await screenshot(page, 'code-suggestions-02-accepted');

    await app.waitForIdle();
    expect((await app.request('GET', '/api/v1/carriers/bravo/code-map')).body.mappings).toEqual({ B_X1: 'DELIVERED' });
    expect(await app.status()).toMatchObject({ unmappedEvents: 0 });
    const task = page.getByTestId('background-tasks').locator('tr[data-task-status="completed"]', { hasText: 'bravo: 1 changed code(s)' });
    await task.waitFor();
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await table.waitFor({ state: 'detached' });
    expect(await page.locator('tr[data-unmapped-code="B_X1"]').count()).toBe(0);
    await page.close();
  });
});
