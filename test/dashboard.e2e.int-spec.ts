import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { type DashboardSeed, seedDashboard } from './support/dashboard-seed';
import { LanewatchApp } from './support/lanewatch-app';

// The dashboard end to end (issue 6): the built app served by the real API, real worker, seeded
// data, driven in headless Chromium the way a logistics manager and a viewer would use it.
// Screenshots of every page land in test-artifacts/dashboard/ (git-ignored).

const SETUP_TIMEOUT_MS = 420_000;

describe('dashboard in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let seed: DashboardSeed;
  let webDir: string;

  beforeAll(async () => {
    // Fails here, with the install command, when the Debian chromium is missing: never skipped.
    browser = await launchChromium();
    webDir = await buildDashboard();
    app = await LanewatchApp.start({
      env: { WEB_DIST_DIR: webDir, SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' },
    });
    seed = await seedDashboard(app, new Date());
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function signedInPage(user: { email: string; password: string }): Promise<Page> {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: user });
    return page;
  }

  it('refuses a wrong password with one message, and a carrier API key with a clear reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.apiUrl}/`);
    await page.getByLabel('Email', { exact: true }).fill(seed.admin.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Email or password is incorrect.');
    await screenshot(page, '01-sign-in-wrong-password');

    await page.getByRole('button', { name: 'Operators: sign in with the admin token' }).click();
    await page.getByLabel('Admin token', { exact: true }).fill(seed.carrierApiKey);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('carrier API key');
    await screenshot(page, '02-sign-in-carrier-key-refused');
    await page.close();
  });

  it('an admin sees the scorecard, opens a breach, reads its evidence, acknowledges it, follows a parcel and edits a policy', async () => {
    const page = await signedInPage(seed.admin);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toMatch(/Morgan Admin\s*admin/);

    // Overview: every seeded carrier in the scorecard, and the open breaches by severity.
    const scorecard = page.locator('table.scorecard');
    await scorecard.waitFor();
    const scorecardText = (await scorecard.textContent())?.toLowerCase() ?? '';
    for (const carrier of [...seed.carriers, 'e2e-post', 'e2e-late']) expect(scorecardText).toContain(carrier);
    const criticalTile = page.getByRole('link', { name: '1 open critical breaches' });
    await criticalTile.waitFor();
    await screenshot(page, '03-overview');

    // The tile opens the filtered list; the breach opens its evidence.
    await criticalTile.click();
    await page.waitForURL(/\/breaches\?status=open&severity=critical/);
    const rows = page.locator('table[aria-label="Breaches"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await screenshot(page, '04-breaches');
    await page.getByRole('link', { name: seed.acknowledged.policyName }).click();
    const evidence = page.locator('table[aria-label="Evidence parcels"]');
    await evidence.waitFor();
    const evidenceText = (await evidence.textContent()) ?? '';
    expect(evidenceText).toContain(seed.acknowledged.failedParcel);
    expect(evidenceText).toContain('failed first attempt');
    await screenshot(page, '05-breach-detail');

    await page.getByLabel('Note', { exact: true }).fill('Depot strike in Curitiba; customers informed');
    await page.getByRole('button', { name: 'Acknowledge breach' }).click();
    await expect(page.getByTestId('breach-status').filter({ hasText: 'acknowledged' }).waitFor()).resolves.toBeUndefined();
    await expect(page.locator('.facts').textContent()).resolves.toContain('Depot strike in Curitiba; customers informed');
    expect(await page.getByRole('button', { name: 'Acknowledge breach' }).count()).toBe(0);
    await screenshot(page, '06-breach-acknowledged');
    const [stored] = await app.sql<{ status: string; acknowledged_by: string }>(
      "SELECT b.status, b.acknowledged_by FROM breaches b JOIN sla_policies p ON p.id = b.policy_id WHERE p.name = $1",
      [seed.acknowledged.policyName],
    );
    expect(stored).toEqual({ status: 'acknowledged', acknowledged_by: seed.admin.email });

    // An evidence parcel links to its journey.
    await page.getByRole('link', { name: seed.acknowledged.failedParcel }).click();
    await page.waitForURL(/\/shipments\?carrier=e2e-post&tracking=EP0003/);
    await page.locator('table[aria-label="Timeline"]').waitFor();

    // A last-mile number shows the first mile on the same timeline.
    await page.getByLabel('Carrier code', { exact: true }).fill(seed.handover.lastMile.carrier);
    await page.getByLabel('Tracking number (any leg)', { exact: true }).fill(seed.handover.lastMile.trackingNumber);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(new RegExp(`tracking=${seed.handover.lastMile.trackingNumber}`));
    const timeline = page.locator('table[aria-label="Timeline"]');
    await timeline.locator(`tr[data-carrier="${seed.handover.firstMile.carrier}"]`).first().waitFor();
    expect(await timeline.locator(`tr[data-carrier="${seed.handover.lastMile.carrier}"]`).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('journey-leg').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, '07-shipment-lookup');

    // A policy edit that is not a percentage shows its message, in words, at the field.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('button', { name: `Edit ${seed.policyName}` }).click();
    const threshold = page.getByLabel('Target (%)', { exact: true });
    await threshold.fill('5 parcels');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.locator('input[name="threshold"][aria-invalid="true"]').waitFor();
    const describedBy = (await threshold.getAttribute('aria-describedby')) ?? '';
    const fieldError = page.locator('.field', { has: threshold }).locator('.field__error');
    await expect(fieldError.textContent()).resolves.toBe('Enter a percentage from 0 to 100, such as 95%.');
    expect(describedBy).toContain((await fieldError.getAttribute('id')) ?? 'missing');
    await screenshot(page, '08-policy-validation-error');

    // Ingest health still works under a user session.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ingest health' }).click();
    await page.locator('[data-field="eventsStored"]').waitFor();
    await page.locator('.data-quality__carrier').first().waitFor();
    await screenshot(page, '09-ingest-health');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email', { exact: true }).waitFor();
    await page.close();
  });

  it('an admin sees SLA colours in the scorecard, drills into a corridor and manages alert channels and silences', async () => {
    const page = await signedInPage(seed.admin);

    // e2e-post delivers 2 of 6 at the first attempt against a target of 80 %: red, with the target readable.
    const firstAttemptCell = page.locator('table.scorecard tr', { hasText: 'e2e-post' }).locator('td[data-verdict]').first();
    await firstAttemptCell.waitFor();
    expect(await firstAttemptCell.getAttribute('data-verdict')).toBe('bad');
    expect(await firstAttemptCell.getAttribute('title')).toContain('SLA target ≥ 80.0 %');

    // Overview KPI tiles: the e2e carriers miss their first-attempt targets, so the tile is red and says how many.
    const firstAttemptTile = page.locator('[data-tile="firstAttemptRate"]');
    await firstAttemptTile.filter({ hasText: 'carriers with a target' }).waitFor();
    expect(await firstAttemptTile.getAttribute('data-verdict')).toBe('bad');
    expect(await firstAttemptTile.textContent()).toMatch(/\d+ of \d+ carriers with a target miss it/);
    expect(await page.locator('[data-tile]').count()).toBe(5);

    // Ingest health at a glance, with real figures and a link to the full page.
    const glanceEvents = page.locator('[data-field="glance-eventsStored"]');
    await glanceEvents.waitFor();
    expect(await glanceEvents.textContent()).not.toContain('unknown');
    expect(await page.getByRole('link', { name: 'Ingest health page' }).getAttribute('href')).toMatch(/^\/?.*ingest-health\?from=/);

    // Worst lanes, ranked by first attempt over lanes of 5 or more: the seeded CN-BR lane of e2e-post, linked to its drill-downs.
    await page.getByLabel('Rank by', { exact: true }).selectOption('firstAttemptRate');
    await page.getByLabel('Minimum sample', { exact: true }).selectOption('5');
    await page.waitForURL(/lanesBy=firstAttemptRate.*laneMin=5|laneMin=5.*lanesBy=firstAttemptRate/);
    const worstLane = page.locator('table[aria-label="Worst lanes"] tr[data-lane="e2e-post|CN-BR"]');
    await worstLane.waitFor();
    expect(await worstLane.getByRole('link', { name: 'CN-BR' }).getAttribute('href')).toMatch(/\/corridors\?.*corridor=CN-BR/);
    expect(await worstLane.getByRole('link', { name: 'e2e-post' }).getAttribute('href')).toMatch(/\/carriers\/e2e-post\?from=/);

    // One sparkline per carrier row, described for screen readers.
    const sparkline = page.locator('table.scorecard .sparkline[role="img"]', { has: page.locator('svg') }).first();
    await sparkline.waitFor();
    expect(await sparkline.getAttribute('aria-label')).toMatch(/^Median transit per (week|day)/);
    await screenshot(page, '03b-overview-lanes-and-sparklines');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Corridors' }).click();
    await page.getByLabel('Metric', { exact: true }).selectOption('firstAttemptRate');
    await page.waitForURL(/metric=firstAttemptRate/);
    await page.getByRole('button', { name: /^CN to BR: First-attempt rate/ }).click();
    await page.waitForURL(/corridor=CN-BR/);
    const lane = page.locator('table[aria-label="Carriers on CN-BR"]');
    await lane.locator('tbody tr', { hasText: 'e2e-post' }).waitFor();
    await screenshot(page, '12-corridors');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'New channel' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ops webhook');
    await page.getByLabel('Webhook URL', { exact: true }).fill('not a url');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.locator('input[name="target"][aria-invalid="true"]').waitFor();
    await expect(page.locator('.field', { has: page.locator('input[name="target"]') }).locator('.field__error').textContent()).resolves.toContain(
      'url must be an http:// or https:// URL',
    );
    await page.getByLabel('Webhook URL', { exact: true }).fill('https://hooks.example.test/lanewatch');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.locator('code.secret').waitFor();
    await page.locator('table[aria-label="Notification channels"] tr', { hasText: 'ops webhook' }).waitFor();

    await page.getByRole('button', { name: 'New silence' }).click();
    await page.getByLabel('Carrier', { exact: true }).fill('e2e-late');
    await page.getByLabel('Reason', { exact: true }).fill('Planned depot outage');
    await page.getByRole('button', { name: 'Create silence' }).click();
    await page.locator('table[aria-label="Silences"] tr', { hasText: 'Planned depot outage' }).waitFor();
    await screenshot(page, '13-alerts');
    await page.close();
  });

  it('a viewer reads breaches and policies but gets no acknowledge or edit control', async () => {
    const page = await signedInPage(seed.viewer);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toMatch(/Vic Viewer\s*viewer/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Breaches' }).click();
    await page.getByRole('link', { name: seed.open.policyName }).click();
    await page.getByTestId('breach-status').filter({ hasText: 'open' }).waitFor();
    await page.locator('table[aria-label="Evidence parcels"]').waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge breach' }).count()).toBe(0);
    expect(await page.getByLabel('Note', { exact: true }).count()).toBe(0);
    await screenshot(page, '10-viewer-breach-detail');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA policies' }).click();
    await page.locator('table[aria-label="SLA policies"]').waitFor();
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New policy' }).count()).toBe(0);
    await screenshot(page, '11-viewer-policies');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Silences' }).waitFor();
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: /^New / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    await screenshot(page, '14-viewer-alerts');
    await page.close();
  });

  it('an admin opens a carrier from the scorecard: trends, customs hold distribution, feed health, breach timeline and a CSV', async () => {
    const page = await signedInPage(seed.admin);
    await page.locator('table.scorecard tr', { hasText: 'e2e-late' }).locator('a.scorecard__value').first().click();
    await page.waitForURL(/\/carriers\/e2e-late/);
    const section = (heading: RegExp) => page.locator('section.panel', { has: page.getByRole('heading', { name: heading }) });

    // One day of data: each line is a single dot.
    await section(/^Transit time per /).locator('.recharts-line-dot').first().waitFor();
    await section(/^First-attempt rate per /).locator('.recharts-line-dot').first().waitFor();

    // The seed's five holds: 2 h and 3 h, 5 h, 7 h and 8 h.
    const distribution = page.getByTestId('customs-distribution');
    await distribution.locator('.recharts-bar-rectangle path').first().waitFor();
    expect(await distribution.locator('.recharts-bar-rectangle path').count()).toBe(3);
    const bins = await distribution.locator('table[aria-label="Customs hold distribution"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? '']).filter(([, count]) => count !== '0'),
    );
    expect(bins).toEqual([
      ['2 h–4 h', '2'],
      ['4 h–6 h', '1'],
      ['6 h–12 h', '2'],
    ]);

    await section(/^Feed health$/).locator('dl.tile-grid .tile').first().waitFor();
    await section(/^Breach timeline$/).locator('li.breach-timeline__item', { hasText: seed.open.policyName }).waitFor();
    await screenshot(page, '15-carrier-detail');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV of the customs hold distribution' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lanewatch-e2e-late-customsHold-distribution-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('carrier,metric,from_hours,to_hours,count,window_from,window_to');
    expect(lines.filter((line) => /^e2e-late,customsHold,2,4,2,/.test(line))).toHaveLength(1);

    await distribution.getByText('Figures as a table').click();
    await screenshot(page, '16-carrier-customs-table');
    await page.close();
  });

  it('a viewer sees a code-map change re-mapped as a completed background task, and the pipeline backlogs, on the ingest health page', async () => {
    const scan = { trackingNumber: 'EP9001', code: 'E2E_HUB', occurredAt: new Date(Date.now() - 3_600_000).toISOString() };
    expect((await app.request('POST', '/api/v1/events', { token: seed.carrierApiKey, body: { events: [scan] } })).status).toBe(202);
    await app.waitForIdle();
    const current = (await app.request('GET', '/api/v1/carriers/e2e-post/code-map')).body.mappings as Record<string, string>;
    const put = await app.request('PUT', '/api/v1/carriers/e2e-post/code-map', { body: { mappings: { ...current, E2E_HUB: 'ORIGIN_FACILITY' } } });
    expect((put.body.remap as { codes: string[] }).codes).toEqual(['E2E_HUB']);
    await app.waitForIdle();

    const page = await signedInPage(seed.viewer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ingest health' }).click();
    const tasks = page.getByTestId('background-tasks');
    const row = tasks.locator('tr[data-task-status="completed"]', { hasText: 'e2e-post: 1 changed code(s)' });
    await row.waitFor();
    expect(await row.locator('th').textContent()).toContain('Code-map re-map');
    const progress = row.getByRole('progressbar');
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^100[.,]0 %, 1 of 1$/);
    expect(await row.textContent()).toContain('Completed');
    for (const field of ['deadLetters', 'derivationBacklog', 'compactionBacklog']) await page.locator(`[data-field="${field}"] .tile__value`).waitFor();
    await screenshot(page, '17-ingest-health-background-tasks');
    await page.close();
  });

});
