// Retakes the README's dashboard screenshots from a running demo:
//   node -r @swc-node/register scripts/readme-screenshots.ts http://127.0.0.1:8080 admin@lanewatch.local PASSWORD laposte
// (the URL and password are the ones `npm run demo` prints). Needs the Debian chromium (environment.md).
import { join } from 'node:path';
import { launchChromium } from '../test/support/dashboard-browser';

async function main(): Promise<void> {
  const [baseUrl, email, password, carrier = 'laposte'] = process.argv.slice(2);
  if (!baseUrl || !email || !password) throw new Error('usage: readme-screenshots.ts URL EMAIL PASSWORD [CARRIER]');
  const out = join(__dirname, '..', 'docs', 'screenshots');
  const browser = await launchChromium();
  try {
    // A laptop screen: the overview's first viewport must answer "who breaks which SLA, where, since when".
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Carrier scorecard' }).waitFor();
    await page.locator('table[aria-label="Open breaches"] tbody tr').first().waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, 'overview.png') });
    await page.screenshot({ path: join(out, 'overview-full.png'), fullPage: true });
    await page.goto(`${baseUrl}/carriers/${carrier}`);
    await page.getByRole('heading', { name: 'Customs hold distribution' }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, 'carrier.png'), fullPage: true });
    await page.goto(`${baseUrl}/ingest-health`);
    await page.getByTestId('throughput-accepted').locator('.recharts-bar-rectangle').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, 'ingest-health.png'), fullPage: true });
    process.stdout.write(`wrote overview.png (first screen at 1366×768), overview-full.png, carrier.png and ingest-health.png in ${out}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
