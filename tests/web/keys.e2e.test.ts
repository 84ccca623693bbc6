import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dashboardReady, horizontalOverflow, launchChromium, screenshot, startDashboardServer, stopAll, submitLogin } from '../helpers/dashboard-browser';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import type { ServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The keys page as a person uses it, in headless Chromium against the real server and a fake
 * Gemini: import pasted keys, find them, disable, verify, delete, copy, export; then the same
 * page on a phone in Chinese. Screenshots: test-output/screenshots/keys-*.png — look at them.
 */
const TOKEN = 'e2e-admin-token-keys';
const suite = dashboardReady('the keys page browser tests') ? describe : describe.skip;

// 35 key characters after AIza; the endings make each easy to search for and to tell apart.
const GOOD = `AIza${'g'.repeat(31)}Good`;
const BAD = `AIza${'b'.repeat(31)}Badd`;
const RESTING = `AIza${'r'.repeat(31)}Rest`;
/** As the API shows keys (server/keypool/keys.ts maskKey): first 8 and last 4 characters. */
const masked = (key: string) => `${key.slice(0, 8)}…${key.slice(-4)}`;

let browser: Browser;
let fake: FakeUpstream;
const dir = tempDir('gb-e2e-keys-');
let server: ServerProcess;

/** Opens /keys, is sent to the login page, logs in, and comes back by the top bar's link, as a person would. */
async function logIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/keys`);
  await page.locator('#auth-token').waitFor();
  await submitLogin(page, TOKEN);
  await page.click('.topbar-link[href="/keys"]');
  await page.waitForURL('**/keys');
  return page;
}

const row = (page: Page, key: string) => page.locator('.key-row', { hasText: masked(key) });
const rowCount = (page: Page, n: number) => page.waitForFunction(`document.querySelectorAll('.key-row').length === ${n}`);
const bulk = (page: Page, action: string) => page.click(`.bulk-bar [data-action="${action}"]`);

suite('keys page in a browser', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(GOOD, { kind: 'ok' });
    fake.setKey(BAD, { kind: 'invalid-key' });
    fake.setKey(RESTING, { kind: 'rate-limited', retryDelay: '900s', models: ['gemini-2.5-pro'] });
    server = await startDashboardServer(dir.path, { AUTH_TOKEN: TOKEN, BASE_URL: `${fake.url}/v1beta` });
    browser = await launchChromium();
  });
  afterAll(() => stopAll({ browser, server, fake, dir }));

  test('import, search, disable, verify, delete, copy and export', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await logIn(context);
    await page.locator('.keys-empty').waitFor();
    await screenshot(page, 'keys-empty');

    // Esc closes a dialog (the browser's own <dialog>).
    await page.click('#open-import');
    await page.keyboard.press('Escape');
    await page.locator('#import-dialog').waitFor({ state: 'detached' });

    // Paste as people do: a .env line, a quoted repeat, and a key cut short.
    await page.click('#open-import');
    await page.fill('#import-text', `API_KEYS=${GOOD},${BAD}\n"${GOOD}"\nAIzaSyCutShort`);
    expect(await page.locator('#import-preview').textContent()).toContain('Keys found: 2');
    expect(await page.locator('#import-preview').textContent()).toContain('Repeated in the text (imported once): 1');
    expect(await page.locator('#import-preview').textContent()).toContain('Skipped, not a whole key: 1');
    expect(await page.locator('#import-submit').textContent()).toBe('Import (2)');
    await screenshot(page, 'keys-import-preview');
    await page.click('#import-submit');
    await page.locator('#import-result').waitFor();
    const tiles = await page.locator('#import-result .result-number').allTextContents();
    expect(tiles).toEqual(['2', '1', '1']);
    await screenshot(page, 'keys-import-result');
    await page.click('#import-dialog .dialog-foot .btn-primary');
    await page.locator('#import-dialog').waitFor({ state: 'detached' });

    // Masked in the table; the full key is nowhere on the page.
    await rowCount(page, 2);
    expect(await page.locator('.key-masked').allTextContents()).toEqual([masked(GOOD), masked(BAD)]);
    expect(await page.content()).not.toContain(GOOD);
    expect(await row(page, GOOD).locator('.status-badge').textContent()).toBe('Active');

    await page.fill('#key-search', 'badd');
    await rowCount(page, 1);
    expect(await page.locator('.key-masked').textContent()).toBe(masked(BAD));
    await page.fill('#key-search', '');
    await rowCount(page, 2);

    // Disable with a reason: the badge and the reason show in the row.
    await row(page, GOOD).locator('input[type=checkbox]').check();
    await bulk(page, 'disable');
    await page.fill('#disable-reason', 'quota used up');
    await screenshot(page, 'keys-disable-dialog');
    await page.click('#disable-dialog .btn-primary');
    await page.locator('#keys-notice .notice-ok').waitFor();
    expect(await page.locator('#keys-notice').textContent()).toContain('Keys disabled: 1.');
    await page.waitForFunction(`document.querySelector('.key-row .status-badge')?.textContent === 'Disabled'`);
    expect(await row(page, GOOD).locator('.status-reason').textContent()).toBe('quota used up');
    expect(await page.locator('.filter-chip[data-status=disabled]').textContent()).toBe('Disabled 1');
    await screenshot(page, 'keys-disabled');

    // Verify both: the good key comes back, the bad one is disabled with Google's reason.
    await page.locator('thead input[type=checkbox]').check();
    expect(await page.locator('.bulk-status strong').textContent()).toBe('2 selected');
    await bulk(page, 'verify');
    await page.locator('#verify-dialog .progress-track[aria-valuenow="100"]').waitFor();
    await page.locator('#verify-dialog .verify-summary').waitFor();
    expect(await page.locator('#verify-dialog .verify-summary').textContent()).toBe('Verification finished: 1 valid, 1 invalid.');
    expect(await page.locator('#verify-dialog .verify-invalid li .mono').allTextContents()).toEqual([masked(BAD)]);
    expect(await page.locator('#verify-dialog .verify-valid li').allTextContents()).toEqual([masked(GOOD)]);
    // The bar's width eases in (0.3 s): let it arrive before the picture.
    await page.waitForTimeout(400);
    await screenshot(page, 'keys-verify');
    await page.click('#verify-dialog .dialog-foot .btn');
    await page.waitForFunction(`[...document.querySelectorAll('.key-row .status-badge')].map((b) => b.textContent).join() === 'Active,Disabled'`);
    expect((await row(page, BAD).locator('.status-reason').textContent())?.length).toBeGreaterThan(0);
    await page.click('.status-legend summary');
    await screenshot(page, 'keys-table');

    // Delete the bad key, after the confirmation.
    await page.click('.bulk-status .link-btn >> text=Clear selection');
    await row(page, BAD).locator('input[type=checkbox]').check();
    await bulk(page, 'delete');
    await page.locator('#delete-dialog').waitFor();
    expect(await page.locator('#delete-confirm').textContent()).toBe('Delete (1)');
    await screenshot(page, 'keys-delete-confirm');
    await page.click('#delete-confirm');
    await rowCount(page, 1);
    expect(await page.locator('.key-masked').textContent()).toBe(masked(GOOD));
    expect(await page.locator('.bulk-bar').count()).toBe(0);

    // Copy gives the full key; export downloads the usable keys as a .txt.
    await row(page, GOOD).locator('.col-actions button').click();
    await page.locator('#keys-notice .notice-ok').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(GOOD);
    await page.click('#open-export');
    await page.locator('#export-valid:not([disabled])').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-valid')]);
    expect(download.suggestedFilename()).toMatch(/^gemini-keys-valid-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(readFileSync(await download.path(), 'utf8')).toBe(`${GOOD}\n`);
    await context.close();
  });

  test('pages, and "select all matching" reaches keys on every page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await logIn(context);
    const many = Array.from({ length: 55 }, (_, i) => `AIza${'x'.repeat(29)}Gen${String(i).padStart(3, '0')}`);
    await page.click('#open-import');
    await page.fill('#import-text', many.join('\n'));
    await page.click('#import-submit');
    await page.locator('#import-result').waitFor();
    await page.click('#import-dialog .dialog-foot .btn-primary');

    await page.fill('#key-search', 'gen');
    await page.waitForFunction(`document.querySelector('.pagination-total')?.textContent === 'Total: 55'`);
    await page.selectOption('.pagination-size select', '20');
    await rowCount(page, 20);
    expect(await page.locator('.pagination-where').textContent()).toBe('Page 1 of 3');
    await page.click('.pagination-pages .btn >> nth=1');
    await page.waitForFunction(`document.querySelector('.pagination-where')?.textContent === 'Page 2 of 3'`);
    expect(await page.locator('.key-masked').first().textContent()).toBe(masked(many[20] ?? ''));

    await page.locator('thead input[type=checkbox]').check();
    await page.click('.bulk-status .link-btn >> text=Select all 55 matching keys');
    await page.waitForFunction(`document.querySelector('.bulk-status strong')?.textContent === '55 selected'`);
    await bulk(page, 'delete');
    await page.click('#delete-confirm');
    await page.locator('.keys-no-match').waitFor();
    expect(await page.locator('#keys-notice').textContent()).toContain('Keys deleted: 55.');
    await context.close();
  });

  test('on a phone, in Chinese and dark: cards, cooldowns, the bulk bar', async () => {
    // A key that Google answers 429 for one model: proxy traffic gives it a model cooldown.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'dark', isMobile: true });
    const page = await logIn(context);
    await page.click('#open-import');
    await page.fill('#import-text', RESTING);
    expect(await page.locator('#import-preview').textContent()).toContain('找到 1 个密钥');
    await screenshot(page, 'keys-phone-import');
    await page.click('#import-submit');
    await page.locator('#import-result').waitFor();
    await page.click('#import-dialog .dialog-foot .btn-primary');
    for (let i = 0; i < 4; i++) {
      await fetch(`${server.url}/v1beta/models/gemini-2.5-pro:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': TOKEN },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      });
    }
    await page.reload();
    await row(page, RESTING).locator('.cooldown-model').waitFor();
    expect(await row(page, RESTING).locator('.cooldown-model').textContent()).toBe('gemini-2.5-pro');
    expect(await page.locator('h1').textContent()).toBe('API 密钥');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'keys-phone-zh-dark');

    await row(page, RESTING).locator('.check-hit').click();
    await page.locator('.bulk-bar').waitFor();
    expect(await page.locator('.bulk-status strong').textContent()).toBe('已选择 1 个');
    await screenshot(page, 'keys-phone-selected');
    await bulk(page, 'delete');
    await page.locator('#delete-dialog').waitFor();
    await screenshot(page, 'keys-phone-delete');
    await context.close();
  });

  test('Vertex Express keys are imported by choosing their kind, and listed under it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await logIn(context);
    const vertex = `AQ.Ab8RN6${'x'.repeat(46)}Vrtx`;
    await page.click('#open-import');
    await page.fill('#import-text', vertex);
    expect(await page.locator('#import-preview').textContent()).toContain('No key found yet.');
    await page.selectOption('#import-kind', 'vertex');
    expect(await page.locator('#import-preview').textContent()).toContain('Keys found: 1');
    await screenshot(page, 'keys-import-vertex');
    await page.click('#import-submit');
    await page.locator('#import-result').waitFor();
    expect(await page.locator('#import-result .result-number').allTextContents()).toEqual(['1', '0', '0']);
    await page.click('#import-dialog .dialog-foot .btn-primary');
    await page.selectOption('#key-kind', 'vertex');
    await rowCount(page, 1);
    expect(await page.locator('.key-masked').textContent()).toBe(masked(vertex));
    await context.close();
  });
});
