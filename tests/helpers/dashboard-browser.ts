import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DASHBOARD_DIR } from '../../server/web/dashboard-routes';
import type { FakeUpstream } from './fake-upstream/server';
import { type ServerProcess, startOrThrow } from './server-process';

/**
 * For the dashboard's browser tests (tests/web/): headless Chromium (Debian's, driven by
 * playwright-core) against the real server process and the fake Gemini. Screenshots go to
 * test-output/screenshots/ — look at them.
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dir, '..', '..', 'test-output', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Whether Chromium and the built dashboard are there. When they are not, `tests` (e.g. "the keys
 * page browser tests") cannot run: under CI that is an error, thrown; locally they are skipped, loudly.
 */
export function dashboardReady(tests: string): boolean {
  const hasChromium = existsSync(CHROMIUM);
  const isBuilt = existsSync(join(DASHBOARD_DIR, 'index.html'));
  if (hasChromium && isBuilt) return true;
  const why = `${hasChromium ? '' : `no ${CHROMIUM} (apt-get install chromium)`} ${isBuilt ? '' : 'dashboard not built (bun run build:web)'}`;
  if (process.env.CI) throw new Error(`${tests} cannot run under CI: ${why}`);
  console.warn(`\n*** SKIPPING ${tests}: ${why} ***\n`);
  return false;
}

/** The real server (`bun server/main.ts`) in `dir` with `env`; throws with its output if it does not start. */
export function startDashboardServer(dir: string, env: Record<string, string>): Promise<ServerProcess> {
  return startOrThrow(dir, env);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** For afterAll: closes what beforeAll got to start (any of it may be missing if beforeAll failed). */
export async function stopAll(running: { browser?: Browser; server?: ServerProcess; fake?: FakeUpstream; dir: { remove(): void } }) {
  await running.browser?.close();
  await running.server?.stop();
  await running.fake?.stop();
  running.dir.remove();
}

/**
 * On the login page: submits `token` and waits until the dashboard shows (whichever page the app
 * lands on after login).
 */
export async function submitLogin(page: Page, token: string): Promise<Page> {
  await page.fill('#auth-token', token);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('.topbar').waitFor();
  return page;
}

/** Opens the login page of the server at `url` and logs in with `token`; returns the page, on the dashboard. */
export async function logIn(page: Page, url: string, token: string): Promise<Page> {
  await page.goto(`${url}/login`);
  return submitLogin(page, token);
}

/** A screenshot into test-output/screenshots/<name>.png: the screen, or with `fullPage` the whole page. */
export async function screenshot(page: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** How far the page is wider than the screen, in CSS pixels (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, not a function: it runs in the page, and the tests are not compiled with the DOM types.
  return Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
}
