import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard, launchChromium, screenshot, openSignedIn } from './support/dashboard-browser';
import { type DashboardSeed, seedDashboard } from './support/dashboard-seed';
import { LanewatchApp } from './support/lanewatch-app';

// Issue 15 points 7 and 8 in Chromium: a policy written in words with pickers and "95%", its live
// preview, its state in the list, its deletion; "send test" on a channel and its delivery history;
// an acknowledgement refused without a note, then made and undone. Screenshots at 1366×768 and
// 1920×1080 land in test-artifacts/dashboard/ (git-ignored) beside the dashboard suite's.

const SETUP_TIMEOUT_MS = 420_000;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function screenshots(page: Page, name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await screenshot(page, `policies-${name}-${viewport.width}x${viewport.height}`);
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

describe('policies, channels and acknowledgements in a browser', () => {
  let app: LanewatchApp;
  let browser: Browser;
  let seed: DashboardSeed;
  let webDir: string;
  let receiver: Server;
  const received: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    webDir = await buildDashboard();
    app = await LanewatchApp.start({
      // The receiver listens on 127.0.0.1, like an on-premises one.
      env: { WEB_DIST_DIR: webDir, SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000', ALERT_ALLOW_PRIVATE_TARGETS: 'true', ALERT_BACKOFF_MS: '100' },
    });
    seed = await seedDashboard(app, new Date());
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (receiver) await new Promise((resolve) => receiver.close(resolve));
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  async function signedInPage(): Promise<Page> {
    const page = await openSignedIn(browser, { url: app.apiUrl, user: seed.admin, page: { viewport: VIEWPORTS[0] } });
    return page;
  }

  it('creates a policy in words with pickers and "95%", previews it, sees its state in the list, and deletes it', async () => {
    const page = await signedInPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('button', { name: 'New policy' }).click();

    const metric = page.getByLabel('Metric', { exact: true });
    await metric.locator('option').first().waitFor({ state: 'attached' });
    expect(await metric.locator('option').allTextContents()).toContain('First-attempt delivery rate');
    expect(await page.getByLabel('Must be', { exact: true }).locator('option').allTextContents()).toEqual(['at least', 'at most']);
    await page.getByLabel('Name', { exact: true }).fill('E2E post CN-BR 95%');
    await metric.selectOption({ label: 'First-attempt delivery rate' });
    await page.getByLabel('Must be', { exact: true }).selectOption({ label: 'at least' });
    // Pickers offer the registered carriers and the lanes seen: nothing to mistype.
    const carrier = page.getByLabel('Carrier', { exact: true });
    await carrier.locator('option[value="e2e-post"]').waitFor({ state: 'attached' });
    await carrier.selectOption('e2e-post');
    const lane = page.getByLabel('Lane', { exact: true });
    await lane.locator('option[value="CN-BR"]').waitFor({ state: 'attached' });
    await lane.selectOption('CN-BR');
    const target = page.getByLabel('Target (%)', { exact: true });
    await target.fill('ninety');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(page.locator('.field', { has: target }).locator('.field__error').textContent()).resolves.toBe('Enter a percentage from 0 to 100, such as 95%.');
    await target.fill('95%');
    await page.getByLabel('Minimum sample (parcels)', { exact: true }).fill('3');
    expect((await target.boundingBox())?.width).toBeGreaterThan(150);

    // The live preview: e2e-post delivered 2 of 6 first attempts yesterday.
    const verdict = page.getByTestId('preview-verdict');
    await verdict.filter({ hasText: 'Would be breached' }).waitFor();
    await expect(verdict.textContent()).resolves.toMatch(/Would be breached: 33\.3 % on 6 parcels \(target at least 95\.0 %/);
    await expect(page.getByTestId('policy-sentence').textContent()).resolves.toBe('First-attempt delivery rate must be at least 95% over 7 days.');
    await screenshots(page, 'editor-preview');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const row = page.locator('table[aria-label="SLA policies"] tr', { hasText: 'E2E post CN-BR 95%' });
    await row.waitFor();
    const [stored] = await app.sql<{ threshold: number; carrier: string; corridor: string; op: string }>('SELECT threshold, carrier, corridor, op FROM sla_policies WHERE name = $1', ['E2E post CN-BR 95%']);
    expect(stored).toEqual({ threshold: 0.95, carrier: 'e2e-post', corridor: 'CN-BR', op: 'gte' });
    await expect(row.locator('[data-field="state"]').textContent()).resolves.toContain('Not evaluated yet');

    // The repeatable evaluation runs (here asked for directly); the list shows what it found.
    expect((await app.request('POST', '/api/v1/sla-evaluations', { body: {} })).status).toBe(200);
    await page.reload();
    await row.locator('[data-field="state"]', { hasText: 'Breaching' }).waitFor();
    await expect(row.locator('[data-field="value"]').textContent()).resolves.toBe('33.3 %');
    await expect(row.locator('[data-field="sample"]').textContent()).resolves.toContain('6');
    await expect(row.textContent()).resolves.toContain('at least 95.0 %');
    await screenshots(page, 'list');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete E2E post CN-BR 95%' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await app.sql('SELECT id FROM sla_policies WHERE name = $1', ['E2E post CN-BR 95%'])).toEqual([]);
    await page.close();
  });

  it('sends a test alert through the worker and shows it in the channel history', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/e2e-test`;
    expect((await app.request('POST', '/api/v1/notification-channels', { body: { name: 'E2E ops hook', kind: 'webhook', url } })).status).toBe(201);
    const page = await signedInPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'Test and history of E2E ops hook' }).click();
    await page.getByText('Nothing sent to this channel yet.').waitFor();
    await page.getByRole('button', { name: 'Send a test alert to E2E ops hook' }).click();
    await page.getByRole('status').filter({ hasText: 'Test alert queued' }).waitFor();
    await app.waitFor(async () => received.some((body) => body.includes('"channel.test"')), 60_000, 'the receiver to get the test alert');
    const history = page.locator('table[aria-label="Delivery history of E2E ops hook"]');
    await app.waitFor(
      async () => {
        await page.getByRole('button', { name: 'Refresh history' }).click();
        return (await history.locator('tr[data-delivery-kind="test"][data-delivery-status="delivered"]').count()) === 1;
      },
      60_000,
      'the history to show the delivered test',
    );
    await expect(history.locator('tbody tr').first().textContent()).resolves.toMatch(/Test alert\s*delivered/);
    await screenshots(page, 'channel-history');
    await page.close();
  });

  it('refuses an acknowledgement without a note, then acknowledges and undoes it', async () => {
    const [breach] = await app.sql<{ id: string }>(
      "SELECT b.id FROM breaches b JOIN sla_policies p ON p.id = b.policy_id WHERE p.name = $1 AND b.status = 'open'",
      [seed.acknowledged.policyName],
    );
    const page = await signedInPage();
    await page.goto(`${app.apiUrl}/breaches/${breach.id}`);
    await page.getByRole('button', { name: 'Acknowledge breach' }).click();
    const note = page.getByLabel('Note', { exact: true });
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    await expect(page.locator('.field', { has: note }).locator('.field__error').textContent()).resolves.toContain('Write what is being done about it');
    await expect(page.getByTestId('breach-status').textContent()).resolves.toContain('open');
    await screenshots(page, 'acknowledge-refused');
    // The API refuses it too, whatever the page does.
    expect((await app.request('POST', `/api/v1/breaches/${breach.id}/acknowledge`, { body: { note: ' ' } })).status).toBe(400);

    await note.fill('Depot strike; customers informed');
    await page.getByRole('button', { name: 'Acknowledge breach' }).click();
    await page.getByTestId('breach-status').filter({ hasText: 'acknowledged' }).waitFor();
    await page.getByRole('button', { name: 'Undo acknowledgement' }).click();
    await page.getByRole('button', { name: 'Acknowledge breach' }).waitFor();
    await expect(page.getByTestId('breach-status').textContent()).resolves.toContain('open');
    const [stored] = await app.sql<{ status: string; acknowledged_by: string | null }>('SELECT status, acknowledged_by FROM breaches WHERE id = $1', [breach.id]);
    expect(stored).toEqual({ status: 'open', acknowledged_by: null });
    await screenshots(page, 'acknowledgement-undone');
    await page.close();
  });
});
