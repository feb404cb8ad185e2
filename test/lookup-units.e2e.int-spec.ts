import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { type DashboardSeed, seedDashboard } from './support/dashboard-seed';
import { LanewatchApp } from './support/lanewatch-app';

// Issue 15 points 6, 9 and 10 in Chromium: lookup by number alone, milestones in words, durations in
// sensible units, UTC clock times, target lines on trends and a weekly option. The browser runs in São
// Paulo time so a local clock would show. Screenshots land in test-artifacts/dashboard/ (git-ignored).

const SETUP_TIMEOUT_MS = 420_000;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('lookup, units and charts in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let seed: DashboardSeed;
  let webDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir, SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    seed = await seedDashboard(app, new Date());
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function signedInPage(viewport: { width: number; height: number } = VIEWPORTS[0]): Promise<Page> {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: seed.admin, page: { viewport, timezoneId: 'America/Sao_Paulo', locale: 'en-US' } });
    return page;
  }

  async function shootBoth(path: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    for (const viewport of VIEWPORTS) {
      const page = await signedInPage(viewport);
      await page.goto(`${app.apiUrl}${path}`);
      await ready(page);
      await screenshot(page, `lookup-units-${name}-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  }

  async function lookUp(page: Page, trackingNumber: string, carrier = ''): Promise<void> {
    await page.getByLabel('Tracking number (any leg)', { exact: true }).fill(trackingNumber);
    await page.getByLabel('Carrier code', { exact: true }).fill(carrier);
    await page.getByRole('button', { name: 'Look up' }).click();
  }

  it('finds a parcel by its number alone in lower case, clears the "no parcel" banner on the next search, and names milestones in words', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/shipments`);
    await lookUp(page, 'nosuch0000');
    await page.getByTestId('lookup-not-found').waitFor();
    expect(await page.getByTestId('lookup-not-found').textContent()).toContain('No parcel nosuch0000 at any carrier');

    const { lastMile, firstMile } = seed.handover;
    await lookUp(page, lastMile.trackingNumber.toLowerCase());
    const timeline = page.locator('table[aria-label="Timeline"]');
    const picker = page.getByRole('list', { name: 'Matching legs' });
    await Promise.race([timeline.waitFor(), picker.waitFor()]);
    if (await picker.isVisible()) {
      await picker.getByRole('link', { name: `${lastMile.carrier} · ${lastMile.trackingNumber}` }).click();
    }
    await timeline.locator(`tr[data-carrier="${firstMile.carrier}"]`).first().waitFor();
    expect(await page.getByTestId('lookup-not-found').count()).toBe(0);

    const milestones = await timeline.locator('tbody tr[data-kind="event"] td:nth-child(3)').allTextContents();
    expect(milestones.length).toBeGreaterThan(0);
    for (const milestone of milestones) expect(milestone).not.toMatch(/[A-Z]+_[A-Z]/);
    expect(milestones.join(' ')).toMatch(/Accepted by carrier|At origin facility|Delivered|Out for delivery/);

    // A carrier code in capitals finds the same leg.
    await lookUp(page, lastMile.trackingNumber.toLowerCase(), lastMile.carrier.toUpperCase());
    await page.waitForURL(new RegExp(`carrier=${lastMile.carrier}&`));
    await timeline.locator(`tr[data-carrier="${lastMile.carrier}"]`).first().waitFor();
    await page.close();

    await shootBoth(`/shipments?tracking=${lastMile.trackingNumber.toLowerCase()}&carrier=${lastMile.carrier}`, 'shipment-lookup', (shot) =>
      shot.locator('table[aria-label="Timeline"]').waitFor(),
    );
  });

  it('shows feed latency in days, not hundreds of hours, on a carrier page', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/carriers/${seed.carriers[0]}`);
    const latency = page.locator('.tile', { hasText: 'Feed latency p95' }).locator('.tile__value');
    await latency.waitFor();
    const text = (await latency.textContent()) ?? '';
    expect(text).toMatch(/^\d+(\.\d)? (d|h|min)$/);
    const values = await page.locator('.tile__value').allTextContents();
    for (const value of values) expect(value).not.toMatch(/\d{3,}(\.\d)? h/);
    await page.close();
  });

  it('draws the SLA target on the first-attempt trend from 0 %, and offers weekly points on the carrier page', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/carriers/e2e-late`);
    const section = page.locator('section.panel', { has: page.getByRole('heading', { name: /^First-attempt rate per/ }) });
    await section.locator('.recharts-reference-line').first().waitFor({ state: 'attached' });
    expect(await section.locator('figcaption').textContent()).toMatch(/SLA target/);
    // The rate axis's ticks are the percentages among the chart's tick labels (the others are days).
    const ticks = (await section.locator('.recharts-cartesian-axis-tick-value').allTextContents()).filter((tick) => tick.endsWith('%'));
    expect(ticks).toContain('0.0%');
    expect(Math.min(...ticks.map((tick) => Number.parseFloat(tick)))).toBe(0);
    await section.getByLabel('Group by').selectOption('week');
    await section.getByRole('heading', { name: 'First-attempt rate per week' }).waitFor();
    await section.locator('.recharts-reference-line').first().waitFor({ state: 'attached' });
    await page.close();
    await shootBoth('/carriers/e2e-late', 'carrier', (shot) => shot.locator('.recharts-reference-line').first().waitFor({ state: 'attached' }));
  });

  it('defaults the overview trend to the carrier in the most severe open breach', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/`);
    const carrier = page.getByRole('group', { name: 'Trend options' }).getByLabel('Carrier', { exact: true });
    await carrier.waitFor();
    // The chart draws once its carrier is chosen (after the scorecard and the open breaches).
    await page.locator('.chart .recharts-line').first().waitFor({ state: 'attached' });
    expect(await carrier.inputValue()).toBe('e2e-post');
    await page.getByRole('group', { name: 'Trend options' }).getByLabel('Metric').selectOption('firstAttempt');
    await page.locator('.recharts-reference-line').first().waitFor({ state: 'attached' });
    await page.close();
    await shootBoth('/', 'overview', (shot) => shot.locator('table.scorecard').waitFor());
  });

  it('shows ingest health’s last update as a UTC clock, never a local 12-hour time', async () => {
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/ingest-health`);
    await page.getByText(/last update \d{2}:\d{2}:\d{2} UTC/).waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/\b(AM|PM)\b/);
    await page.close();
    await shootBoth('/ingest-health', 'ingest-health', (shot) => shot.getByText(/last update/).waitFor());
  });
});
