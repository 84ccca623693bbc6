import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { dashboardReady, horizontalOverflow, launchChromium, logIn, screenshot, startDashboardServer, stopAll, submitLogin } from '../helpers/dashboard-browser';
import { HOST_SECRETS, startImageHost } from '../helpers/fake-image-host';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import type { ServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The dashboard as a person uses it, in headless Chromium (Debian's, driven by playwright-core),
 * against the real server process. Screenshots go to test-output/screenshots/ — look at them.
 */
const TOKEN = 'e2e-admin-token-1';
const suite = dashboardReady('the dashboard browser tests') ? describe : describe.skip;

let browser: Browser;
let fake: FakeUpstream;
const dir = tempDir('gb-e2e-');
let server: ServerProcess;

function start(): Promise<ServerProcess> {
  return startDashboardServer(dir.path, { AUTH_TOKEN: TOKEN, BASE_URL: `${fake.url}/v1beta`, API_KEYS: `AIza${'e'.repeat(35)}` });
}

suite('dashboard in a browser', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream();
    server = await start();
    browser = await launchChromium();
  });
  afterAll(() => stopAll({ browser, server, fake, dir }));

  test('log in, change a setting, save it, and find it again after a server restart', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/config`);
    await page.waitForURL('**/login');
    await page.fill('#auth-token', 'not-the-token');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').textContent()).toBe('Wrong AUTH_TOKEN.');
    await screenshot(page, 'login-wrong-token');
    await submitLogin(page, TOKEN);
    await page.goto(`${server.url}/config`);
    await page.locator('#setting-MAX_RETRIES').waitFor();
    await screenshot(page, 'config');

    await page.fill('#setting-MAX_RETRIES', '7');
    expect(await page.locator('.save-bar-status').textContent()).toBe('Unsaved changes: 1');
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-ok').waitFor();
    expect(await page.locator('#config-banner').textContent()).toBe('Saved: MAX_RETRIES');
    await screenshot(page, 'config-saved');

    await server.stop();
    server = await start();
    // Same address, same database: the session cookie is still valid after the restart.
    await page.goto(`${server.url}/config`);
    const reloaded = page.url().endsWith('/login') ? null : await page.locator('#setting-MAX_RETRIES').inputValue();
    if (reloaded === null) {
      await submitLogin(page, TOKEN);
      await page.goto(`${server.url}/config`);
      await page.locator('#setting-MAX_RETRIES').waitFor();
    }
    expect(await page.locator('#setting-MAX_RETRIES').inputValue()).toBe('7');
    await context.close();
  });

  test('the image host can be tested before saving: a working host shows its link, a wrong token its complaint', async () => {
    const imageHost = await startImageHost();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    try {
      const page = await logIn(await context.newPage(), server.url, TOKEN);
      await page.goto(`${server.url}/config#group-images`);
      await page.locator('#setting-SMMS_API_URL').waitFor();
      await page.fill('#setting-SMMS_API_URL', `${imageHost.url}/smms/api/v2/upload`);
      await page.fill('#setting-SMMS_SECRET_TOKEN', 'wrong-token');
      const tool = page.locator('#group-images .group-tool');
      await tool.locator('button').click();
      await tool.locator('.tool-error').waitFor();
      expect(await tool.locator('.tool-error').textContent()).toBe('Upload test failed: Uploading the image to smms failed: Token invalid.');
      await page.fill('#setting-SMMS_SECRET_TOKEN', HOST_SECRETS.smmsToken);
      await tool.locator('button').click();
      await tool.locator('.tool-ok a').waitFor();
      expect(await tool.locator('.tool-ok').textContent()).toContain('smms works: the test image is at');
      expect(await tool.locator('.tool-ok a').getAttribute('href')).toStartWith(`${imageHost.url}/i/`);
      await tool.scrollIntoViewIfNeeded();
      await screenshot(page, 'config-test-upload');
      // Testing saved nothing: the edits are still unsaved.
      expect(await page.locator('.save-bar-status').textContent()).toBe('Unsaved changes: 2');
    } finally {
      await context.close();
      await imageHost.stop();
    }
  });

  test('a refused value shows the server’s reason next to the field, and nothing is saved', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await logIn(await context.newPage(), server.url, TOKEN);
    await page.goto(`${server.url}/config`);
    await page.locator('#setting-BASE_URL').waitFor();
    await page.fill('#setting-BASE_URL', 'not a url');
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-error').waitFor();
    expect((await page.locator('#setting-BASE_URL-error').textContent())?.length).toBeGreaterThan(0);
    await screenshot(page, 'config-refused');
    await page.reload();
    await page.locator('#setting-BASE_URL').waitFor();
    expect(await page.locator('#setting-BASE_URL').inputValue()).toBe(`${fake.url}/v1beta`);
    await context.close();
  });

  test('Chinese by default for a Chinese browser; dark theme; usable on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'dark', isMobile: true });
    const page = await logIn(await context.newPage(), server.url, TOKEN);
    await page.goto(`${server.url}/config`);
    await page.locator('#setting-MAX_RETRIES').waitFor();
    expect(await page.locator('.save-bar .btn-primary').textContent()).toBe('保存配置');
    // A string, not a function: it runs in the page, and this file is not compiled with the DOM types.
    expect(await page.evaluate('document.documentElement.getAttribute("data-theme")')).toBe('dark');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'config-phone-zh-dark');
    await context.close();
  });
  test('switching language and theme from the top bar applies at once and is kept after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', colorScheme: 'light' });
    const page = await logIn(await context.newPage(), server.url, TOKEN);
    await page.goto(`${server.url}/config`);
    await page.locator('#setting-MAX_RETRIES').waitFor();
    expect(await page.locator('.save-bar .btn-primary').textContent()).toBe('Save');
    const [language, theme] = [page.locator('.switch-select').nth(0), page.locator('.switch-select').nth(1)];
    await language.selectOption('zh-CN');
    await theme.selectOption('dark');
    expect(await page.locator('.save-bar .btn-primary').textContent()).toBe('保存配置');
    expect(await page.evaluate('document.documentElement.getAttribute("data-theme")')).toBe('dark');
    await page.reload();
    await page.locator('#setting-MAX_RETRIES').waitFor();
    expect(await page.locator('.save-bar .btn-primary').textContent()).toBe('保存配置');
    expect(await page.evaluate('document.documentElement.getAttribute("data-theme")')).toBe('dark');
    await screenshot(page, 'config-switched-zh-dark');
    await context.close();
  });
});
