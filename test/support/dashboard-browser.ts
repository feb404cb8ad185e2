import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** Git-ignored (.gitignore: test-artifacts/): screenshots of every page, kept after the run. */
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'dashboard');

/** Builds the dashboard once into a temporary directory, served by the API through WEB_DIST_DIR. */
export async function buildDashboard(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'lanewatch-web-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${outDir}`);
  return outDir;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the dashboard end-to-end test needs the Debian chromium. Run: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A new page signed in through the dashboard's form as `user` (every Chromium spec starts this way). */
export async function openSignedIn(
  browser: Browser,
  input: { url: string; user: { email: string; password: string }; page?: Parameters<Browser['newPage']>[0]; cpuSlowdown?: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, ...input.page });
  page.setDefaultTimeout(20_000);
  // A slower CPU (Chromium's throttling, e.g. 8 = eight times slower) widens the gaps between renders and effects.
  if (input.cpuSlowdown) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: input.cpuSlowdown });
  await page.goto(`${input.url}/`);
  await page.getByLabel('Email', { exact: true }).fill(input.user.email);
  await page.getByLabel('Password', { exact: true }).fill(input.user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}
