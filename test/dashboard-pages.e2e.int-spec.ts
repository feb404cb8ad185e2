import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, openSignedIn } from './support/dashboard-browser';
import { type DashboardSeed, seedDashboard } from './support/dashboard-seed';
import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, evaluate, firstAttemptPolicy } from './support/sla-feed';

// Issue 15, point 10 and the badges, in Chromium: every page at 1366×768 and 1920×1080 without
// horizontal overflow (PNG of each under test-artifacts/screenshots/, git-ignored), the scorecard
// fitting 1280 px, every data table sortable by mouse and keyboard, the throughput chart's honest
// axes, the hourly ingest figures in one wording, rounded CSV figures, and breach badges with every
// target on the overview's scorecard and KPI tiles.

const SETUP_TIMEOUT_MS = 420_000;
const ROOT = join(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

type Overflow = { scrollWidth: number; innerWidth: number };

async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe('every page of the dashboard in Chromium', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let seed: DashboardSeed;
  let webDir: string;
  let laneBreachId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({ env: { WEB_DIST_DIR: webDir, SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    const now = new Date();
    seed = await seedDashboard(app, now);
    // A lane-scoped policy, as the demo's contracts have: its breach must badge the carrier-wide figures too.
    await createPolicy(app, firstAttemptPolicy({ name: 'E2E post CN-BR first attempt (lane)', carrier: 'e2e-post', corridor: 'CN-BR', severity: 'critical' }));
    await evaluate(app, now.toISOString());
    const open = (await app.request('GET', '/api/v1/breaches?status=open')).body as unknown as { id: string; corridor: string | null }[];
    const lane = open.find((breach) => breach.corridor === 'CN-BR');
    if (!lane) throw new Error(`no lane breach opened: ${JSON.stringify(open)}`);
    laneBreachId = lane.id;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function signIn(viewport: { width: number; height: number }): Promise<Page> {
    return openSignedIn(browser, { url: app.apiUrl, user: seed.admin, page: { viewport, acceptDownloads: true, locale: 'en-US' } });
  }

  // Each page with what shows once its data is in.
  const pages = (): [name: string, path: string, ready: string][] => [
    ['overview', '/overview', 'table.scorecard tbody tr'],
    ['breaches', '/breaches?status=open', 'table[aria-label="Breaches"] tbody tr'],
    ['breach-detail', `/breaches/${laneBreachId}`, '[data-testid="breach-trend"]'],
    ['carriers', '/carriers', 'table.scorecard tbody tr'],
    ['carrier-detail', '/carriers/e2e-post', '[aria-label="Per-corridor table"] td[data-breached]'],
    ['corridors', '/corridors?corridor=CN-BR', 'table[aria-label="Carriers on CN-BR"] tbody tr'],
    ['exceptions', '/exceptions', 'h1'],
    ['watchlist', '/watchlist?kind=failed', 'h1'],
    ['shipment-lookup', '/shipments?carrier=e2e-post&tracking=EP0003', 'table[aria-label="Timeline"] tbody tr'],
    ['policies', '/policies', 'table[aria-label="SLA policies"] tbody tr'],
    ['alerts', '/alerts', 'h2'],
    ['ingest-health', '/ingest-health', '[data-testid="throughput-accepted"] .recharts-bar-rectangle'],
  ];

  it('shows every page at 1366×768 and 1920×1080 without horizontal overflow, every data table sortable, and saves a PNG of each', async () => {
    const overflowing: string[] = [];
    const unsortable: string[] = [];
    for (const viewport of VIEWPORTS) {
      const size = `${viewport.width}x${viewport.height}`;
      mkdirSync(join(SCREENSHOTS, size), { recursive: true });
      const signIn0 = await browser.newPage({ viewport });
      await signIn0.goto(`${app.apiUrl}/`);
      await signIn0.getByLabel('Email', { exact: true }).waitFor();
      await signIn0.screenshot({ path: join(SCREENSHOTS, size, '00-sign-in.png') });
      await signIn0.close();

      const page = await signIn(viewport);
      for (const [index, [name, path, ready]] of pages().entries()) {
        await page.goto(`${app.apiUrl}${path}`);
        await page.locator(ready).first().waitFor();
        await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
        await page.screenshot({ path: join(SCREENSHOTS, size, `${String(index + 1).padStart(2, '0')}-${name}.png`), fullPage: true });
        const { scrollWidth, innerWidth } = await horizontalOverflow(page);
        if (scrollWidth > innerWidth) overflowing.push(`${name} at ${size}: ${scrollWidth} px in ${innerWidth}`);
        // Every table of records goes through the shared sortable table; the shipment timeline is a chronology.
        const plain = await page.locator('table.data-table:not([data-sortable-table]):not(.timeline)').count();
        if (plain > 0) unsortable.push(`${name}: ${plain}`);
      }
      await page.close();
    }
    expect(overflowing).toEqual([]);
    expect(unsortable).toEqual([]);
  });

  it('fits the carrier scorecard at 1366 and 1280 px without scrolling sideways', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1280, height: 800 },
    ]) {
      const page = await signIn(viewport);
      await page.goto(`${app.apiUrl}/carriers`);
      await page.locator('table.scorecard tbody tr').first().waitFor();
      await page.locator('table.scorecard td[data-breached]').first().waitFor();
      const box = await page.locator('table.scorecard').evaluate((table) => {
        const scroller = table.parentElement as HTMLElement;
        return { table: table.scrollWidth, scroller: scroller.clientWidth, page: document.documentElement.scrollWidth, inner: window.innerWidth };
      });
      expect(box.table).toBeLessThanOrEqual(box.scroller);
      expect(box.page).toBeLessThanOrEqual(box.inner);
      await page.close();
    }
  });

  it('sorts a table by a click and by the keyboard, with aria-sort on the sorted header only', async () => {
    const page = await signIn(VIEWPORTS[0]);
    await page.goto(`${app.apiUrl}/breaches`);
    const table = page.locator('table[aria-label="Breaches"]');
    await table.locator('tbody tr').nth(1).waitFor();
    const header = table.locator('th[data-column="sample"]');
    const samples = () => table.locator('tbody tr td:nth-child(6)').allTextContents().then((cells) => cells.map((cell) => Number(cell.replace(/\D/g, ''))));

    await header.getByRole('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    const ascending = await samples();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await table.locator('th[aria-sort="ascending"], th[aria-sort="descending"]').count()).toBe(1);

    // The keyboard: Enter on the focused header button reverses, Space reverses again.
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    expect(await samples()).toEqual([...ascending].sort((a, b) => b - a));
    await page.keyboard.press('Space');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');

    // Another header takes the sort over.
    await table.locator('th[data-column="policy"]').getByRole('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
    await expect(table.locator('th[data-column="policy"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    const names = await table.locator('tbody tr th a').first().evaluate((link) => link.textContent);
    expect(names).toBe('E2E late first attempt');
    await page.close();
  });

  it('badges the lane breach on the overview scorecard and KPI tile, with every target on the metric', async () => {
    const page = await signIn(VIEWPORTS[1]);
    const cell = page.locator('table.scorecard tr', { hasText: 'e2e-post' }).locator('td[data-breached]');
    await cell.first().waitFor();
    await expect(cell.first().locator('[data-breach-badge]').first().textContent()).resolves.toMatch(/^critical · (CN-BR|all lanes)$/);
    const title = (await cell.first().getAttribute('title')) ?? '';
    expect(title).toContain('≥ 80.0 % on e2e-post · CN-BR');
    expect(title).toContain('≥ 80.0 % on e2e-post · every lane');

    const tile = page.locator('[data-tile="firstAttemptRate"]');
    await tile.locator('[data-breach-badge]').first().waitFor();
    const badges = await tile.locator('[data-breach-badge]').allTextContents();
    expect(badges.some((text) => /^critical .+ · CN-BR: \d+\.\d % vs ≥ 80\.0 %$/.test(text))).toBe(true);
    await expect(tile.locator('[data-field="targets"]').textContent()).resolves.toContain('≥ 80.0 % on e2e-late · every lane');

    // The lane's page: each carrier on it with its open breaches there and its targets (lane and carrier-wide).
    await page.goto(`${app.apiUrl}/corridors?corridor=CN-BR`);
    const carrierOnLane = page.locator('table[aria-label="Carriers on CN-BR"] tbody tr', { hasText: 'e2e-post' });
    await carrierOnLane.locator('[data-breach-badge]').first().waitFor();
    expect(await carrierOnLane.locator('[data-breach-badge]').count()).toBe(2);
    const laneTargets = (await carrierOnLane.locator('[data-field="targets"]').textContent()) ?? '';
    expect(laneTargets).toContain('≥ 80.0 % (e2e-post · CN-BR)');
    expect(laneTargets).toContain('≥ 80.0 % (e2e-post · every lane)');

    // The carrier's page: the first-attempt tile names both targets, the lane's and the carrier-wide one.
    await page.goto(`${app.apiUrl}/carriers/e2e-post`);
    const tileTargets = page.locator('li[data-kpi="firstAttempt"] [data-field="targets"]');
    await tileTargets.waitFor();
    const tileText = (await tileTargets.textContent()) ?? '';
    expect(tileText).toMatch(/^Targets: /);
    expect(tileText).toContain('≥ 80.0 % on e2e-post · every lane');
    expect(tileText).toContain('≥ 80.0 % on e2e-post · CN-BR');
    await page.close();
  });

  it('draws accepted events and duplicates on separate, labelled axes, and says the hourly figures in one wording', async () => {
    const page = await signIn(VIEWPORTS[0]);
    const glance = page.locator('[data-field="glance-recentHours"]');
    await glance.waitFor();
    await expect(glance.locator('dt').textContent()).resolves.toBe('Events this hour');
    const hint = (await glance.locator('.ingest-glance__hint').textContent()) ?? '';
    expect(hint).toMatch(/^\d{2}:\d{2}–\d{2}:\d{2} UTC \(this hour so far\): [\d,]+ accepted, [\d,]+ rejected\./);
    expect(hint).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} UTC \(the hour before\): [\d,]+ accepted, [\d,]+ rejected\./);

    await page.goto(`${app.apiUrl}/ingest-health`);
    const accepted = page.getByTestId('throughput-accepted');
    const problems = page.getByTestId('throughput-duplicates-rejected');
    await accepted.locator('.recharts-bar-rectangle').first().waitFor();
    // One value axis per chart, each named: no second scale inside one chart.
    expect(await accepted.locator('.recharts-yAxis').count()).toBe(1);
    expect(await problems.locator('.recharts-yAxis').count()).toBe(1);
    await expect(accepted.locator('.throughput-chart__axis').textContent()).resolves.toBe('Accepted events per hour');
    await expect(problems.locator('.throughput-chart__axis').textContent()).resolves.toContain('Duplicates and rejects per hour');
    // Both axes start at 0.
    for (const chart of [accepted, problems]) {
      const ticks = await chart.locator('.recharts-yAxis-tick-labels text').allTextContents();
      expect(ticks[0]).toBe('0');
    }
    await page.close();
  });

  it('rounds the scorecard CSV: rates to 4 decimals, days and hours to 2', async () => {
    const page = await signIn(VIEWPORTS[0]);
    await page.goto(`${app.apiUrl}/carriers`);
    await page.locator('table.scorecard tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).first().click()]);
    const [header, ...rows] = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    const decimals = (cell: string) => (cell.includes('.') ? cell.split('.')[1].length : 0);
    let fractional = 0;
    for (const row of rows) {
      header.forEach((name, index) => {
        const cell = row[index] ?? '';
        if (!/^-?\d+(\.\d+)?$/.test(cell)) return;
        if (decimals(cell) > 0) fractional += 1;
        if (/_(rate|low|high)$/.test(name)) expect(decimals(cell)).toBeLessThanOrEqual(4);
        if (/_(days|hours)$/.test(name)) expect(decimals(cell)).toBeLessThanOrEqual(2);
      });
    }
    expect(fractional).toBeGreaterThan(0);
    await page.close();
  });
});
