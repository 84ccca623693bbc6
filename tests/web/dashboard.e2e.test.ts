import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DASHBOARD_DIR } from '../../server/web/dashboard-routes';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { type ServerProcess, startServer } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The dashboard as a person uses it, in headless Chromium (Debian's, driven by playwright-core),
 * against the real server process. Screenshots go to test-output/screenshots/ — look at them.
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dir, '..', '..', 'test-output', 'screenshots');
const TOKEN = 'e2e-admin-token-1';
const ready = existsSync(CHROMIUM) && existsSync(join(DASHBOARD_DIR, 'index.html'));
if (!ready) {
  const why = `${existsSync(CHROMIUM) ? '' : `no ${CHROMIUM} (apt-get install chromium)`} ${existsSync(join(DASHBOARD_DIR, 'index.html')) ? '' : 'dashboard not built (bun run build:web)'}`;
  if (process.env.CI) throw new Error(`dashboard tests cannot run under CI: ${why}`);
  console.warn(`\n*** SKIPPING the dashboard browser tests: ${why} ***\n`);
}

let browser: Browser;
let fake: FakeUpstream;
const dir = tempDir('gb-e2e-');
let server: ServerProcess;

async function start(): Promise<ServerProcess> {
  const env = { AUTH_TOKEN: TOKEN, BASE_URL: `${fake.url}/v1beta`, API_KEYS: `AIza${'e'.repeat(35)}` };
  const started = await startServer(dir.path, env);
  if (!('proc' in started)) throw new Error(`server did not start:\n${started.output}`);
  return started;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const suite = ready ? describe : describe.skip;

suite('dashboard in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeUpstream();
    server = await start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.stop();
    dir.remove();
  });

  test('log in, change a setting, save it, and find it again after a server restart', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/config`);
    await page.waitForURL('**/login');
    await page.fill('#auth-token', 'not-the-token');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').textContent()).toBe('Wrong AUTH_TOKEN.');
    await shot(page, 'login-wrong-token');
    await page.fill('#auth-token', TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL('**/config');
    await page.locator('#setting-MAX_RETRIES').waitFor();
    await shot(page, 'config');

    await page.fill('#setting-MAX_RETRIES', '7');
    expect(await page.locator('.save-bar-status').textContent()).toBe('Unsaved changes: 1');
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-ok').waitFor();
    expect(await page.locator('#config-banner').textContent()).toBe('Saved: MAX_RETRIES');
    await shot(page, 'config-saved');

    await server.stop();
    server = await start();
    // Same address, same database: the session cookie is still valid after the restart.
    await page.goto(`${server.url}/config`);
    const reloaded = page.url().endsWith('/login') ? null : await page.locator('#setting-MAX_RETRIES').inputValue();
    if (reloaded === null) {
      await page.fill('#auth-token', TOKEN);
      await page.click('button[type=submit]');
      await page.locator('#setting-MAX_RETRIES').waitFor();
    }
    expect(await page.locator('#setting-MAX_RETRIES').inputValue()).toBe('7');
    await context.close();
  });

  test('a refused value shows the server’s reason next to the field, and nothing is saved', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#auth-token', TOKEN);
    await page.click('button[type=submit]');
    await page.locator('#setting-BASE_URL').waitFor();
    await page.fill('#setting-BASE_URL', 'not a url');
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-error').waitFor();
    expect((await page.locator('#setting-BASE_URL-error').textContent())?.length).toBeGreaterThan(0);
    await shot(page, 'config-refused');
    await page.reload();
    await page.locator('#setting-BASE_URL').waitFor();
    expect(await page.locator('#setting-BASE_URL').inputValue()).toBe(`${fake.url}/v1beta`);
    await context.close();
  });

  test('Chinese by default for a Chinese browser; dark theme; usable on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'dark', isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('#auth-token', TOKEN);
    await page.click('button[type=submit]');
    await page.locator('#setting-MAX_RETRIES').waitFor();
    expect(await page.locator('.save-bar .btn-primary').textContent()).toBe('保存配置');
    // Strings, not functions: they run in the page, and this file is not compiled with the DOM types.
    expect(await page.evaluate('document.documentElement.getAttribute("data-theme")')).toBe('dark');
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'config-phone-zh-dark');
    await context.close();
  });
});
