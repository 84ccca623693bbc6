import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { dashboardReady, horizontalOverflow, launchChromium, logIn, screenshot, startDashboardServer, stopAll } from '../helpers/dashboard-browser';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import type { ServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The logs and tokens pages as a person uses them, in headless Chromium against the real server
 * and a fake Gemini: create an access token (shown once), call the proxy with it, find that call
 * in the request log, read an error in full, delete logs, edit and delete the token; then both
 * pages on a phone in Chinese. Screenshots: test-output/screenshots/logs-*.png, tokens-*.png.
 */
const ADMIN = 'e2e-admin-token-logs';
const suite = dashboardReady('the logs and tokens browser tests') ? describe : describe.skip;

// 35 characters after AIza; the fake upstream answers HEALTHY and refuses every other key as invalid.
const HEALTHY = `AIza${'h'.repeat(31)}Good`;
const BROKEN = `AIza${'b'.repeat(31)}Badd`;
const PROMPT = 'hello from the logs e2e test';

let browser: Browser;
let fake: FakeUpstream;
const dir = tempDir('gb-e2e-logs-');
let server: ServerProcess;

/** A Gemini-native call through the proxy with a client's access token. */
function callProxy(token: string, model = 'gemini-2.5-flash') {
  return fetch(`${server.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': token },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] }),
  });
}

/** Calls until the broken key has been tried once (it then errors and the call is retried with the healthy one). */
async function callUntilBrokenKeyTried(token: string) {
  for (let i = 0; i < 10; i++) {
    const res = await callProxy(token);
    expect(res.status).toBe(200);
    if (fake.requests.some((r) => r.key === BROKEN)) return;
  }
  throw new Error('the proxy never tried the broken key');
}

/** Logs are written behind the request (every 200 ms): refresh until the row is there. */
async function refreshUntil(page: Page, selector: string, text: string) {
  const row = page.locator(selector, { hasText: text }).first();
  for (let i = 0; i < 20; i++) {
    if ((await row.count()) > 0) return row;
    await page.click('.logs-header .btn');
    await page.waitForTimeout(250);
  }
  throw new Error(`no "${text}" in ${selector}`);
}

async function createToken(page: Page, label: string): Promise<string> {
  await page.click('.tokens-header .btn-primary');
  await page.fill('#token-label', label);
  await page.click('.token-form button[type=submit]');
  await page.locator('#created-token').waitFor();
  return page.locator('#created-token').innerText();
}

suite('logs and tokens pages in a browser', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(HEALTHY, { kind: 'ok' });
    const env = { AUTH_TOKEN: ADMIN, BASE_URL: `${fake.url}/v1beta`, API_KEYS: `${BROKEN},${HEALTHY}`, ERROR_LOG_RECORD_REQUEST_BODY: 'true' };
    server = await startDashboardServer(dir.path, env);
    browser = await launchChromium();
  });
  afterAll(() => stopAll({ browser, server, fake, dir }));

  test('create a token, call the proxy with it, find the call in the logs, read an error, delete logs and the token', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await logIn(await context.newPage(), server.url, ADMIN);

    // Tokens: empty at first, then a new one shown in full once, with a working copy button.
    await page.goto(`${server.url}/tokens`);
    await page.locator('.tokens-empty').waitFor();
    await page.click('.tokens-header .btn-primary');
    await page.fill('#token-label', 'Cherry Studio');
    await page.fill('#token-models', 'gemini-2.5-flash， gemini-2.5-pro');
    await page.fill('#token-expiry', '2099-12-31');
    await page.fill('#token-rpm', '0');
    await page.click('.token-form button[type=submit]');
    // Checked in the page before anything is sent.
    expect(await page.locator('#token-rpm-error').textContent()).toContain('1 to 100,000');
    await page.fill('#token-rpm', '60');
    await screenshot(page, 'tokens-create');
    await page.click('.token-form button[type=submit]');
    await page.locator('#created-token').waitFor();
    const token = await page.locator('#created-token').innerText();
    expect(token).toMatch(/^sk-[A-Za-z0-9_-]{32}$/);
    await page.click('.token-created-value .btn');
    await page.locator('.token-created-value .btn', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    await screenshot(page, 'tokens-created');
    await page.click('.token-created .lt-confirm-actions .btn');
    const row = page.locator('.token-table tbody tr', { hasText: 'Cherry Studio' });
    await row.waitFor();
    expect(await row.textContent()).toContain('gemini-2.5-flash, gemini-2.5-pro');
    expect(await row.textContent()).toContain('60 / min');
    expect(await row.textContent()).toContain('2099-12-31 23:59');
    // Masked in the list; "Show" asks the server for the whole token.
    expect(await page.content()).not.toContain(token);
    expect(await row.locator('.token-value').textContent()).toBe(`${token.slice(0, 6)}…${token.slice(-4)}`);
    await row.locator('.token-secret .btn', { hasText: 'Show' }).click();
    await row.locator('.token-value', { hasText: token }).waitFor();
    await screenshot(page, 'tokens-list');

    // Edit: the limit changes, the rest stays.
    await row.locator('.token-actions .btn', { hasText: 'Edit' }).click();
    expect(await page.locator('#token-label').inputValue()).toBe('Cherry Studio');
    await page.fill('#token-rpm', '120');
    await page.click('.token-form button[type=submit]');
    await page.locator('.tokens-page .notice-ok', { hasText: 'saved' }).waitFor();
    await row.locator('td', { hasText: '120 / min' }).waitFor();
    expect(await row.textContent()).toContain('2099-12-31 23:59');

    // The proxy takes the token at once; a model it is not allowed is refused.
    await callUntilBrokenKeyTried(token);
    expect((await callProxy(token, 'gemini-1.5-pro')).status).toBe(403);

    // Request log: the call is there under the token's name; the failed attempt too.
    await page.click('a.topbar-link[href="/logs"]');
    await page.waitForURL('**/logs');
    await refreshUntil(page, '.log-table tbody tr', 'Cherry Studio');
    await refreshUntil(page, '.log-table tbody tr', 'Key invalid');
    expect(await page.locator('.log-count').textContent()).toMatch(/^Showing \d+ of \d+$/);
    await screenshot(page, 'logs-requests');

    // Filter on the outcome: only the key-invalid attempt is left.
    await page.locator('.log-filters select').selectOption('key-invalid');
    await page.locator('.log-count', { hasText: 'Showing 1 of 1' }).waitFor();
    expect(await page.locator('.log-table tbody tr').textContent()).toContain('Key invalid');
    await page.click('.log-clear');
    await page.locator('.log-table tbody tr', { hasText: 'Success' }).first().waitFor();

    // A custom range starts at the last 24 hours; one that ends before the calls shows none of them.
    await page.click('.log-seg >> text=Custom');
    expect(await page.locator('.log-custom-range input').first().inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await page.locator('.log-custom-range input').nth(1).fill('2020-01-01T00:00');
    await page.locator('.log-custom-range input').nth(1).dispatchEvent('change');
    await page.locator('[role=alert]', { hasText: 'after its end' }).waitFor();
    await page.locator('.log-custom-range input').first().fill('2019-01-01T00:00');
    await page.locator('.log-custom-range input').first().dispatchEvent('change');
    await page.locator('.log-empty').waitFor();
    await screenshot(page, 'logs-custom-range');
    await page.click('.log-clear');
    await page.locator('.log-table tbody tr', { hasText: 'Success' }).first().waitFor();

    // Error log: the detail drawer shows Google's whole answer and the request body, laid out.
    await page.click('.log-tab >> text=Error log');
    await page.waitForURL('**/logs?tab=errors');
    const errorRow = await refreshUntil(page, '.log-table tbody tr', '400');
    await errorRow.locator('.col-action .btn').click();
    await page.locator('#error-detail-message').waitFor();
    expect(await page.locator('#error-detail-message').textContent()).toContain('API_KEY_INVALID');
    const body = (await page.locator('#error-detail-body').textContent()) ?? '';
    expect(body).toContain(PROMPT);
    expect(body).toContain('\n  "contents": [');
    await screenshot(page, 'logs-error-detail');
    await page.click('.lt-drawer .lt-dialog-x');
    await page.locator('.lt-drawer[open]').waitFor({ state: 'detached' });

    // Delete all error logs: the button waits for the typed word.
    await page.click('.log-toolbar .lt-btn-danger-outline');
    const confirm = page.locator('.lt-confirm-dialog[open] button[type=submit]');
    expect(await confirm.isDisabled()).toBe(true);
    await page.fill('.lt-confirm-type input', 'DELETE');
    await screenshot(page, 'logs-delete-all');
    await confirm.click();
    await page.locator('.log-empty').waitFor();

    // Request log: tick one row, delete it; the count drops by one.
    await page.click('.log-tab >> text=Request log');
    await page.locator('.log-table tbody tr').first().waitFor();
    const before = await page.locator('.log-table tbody tr').count();
    await page.locator('.log-table tbody tr').first().locator('input[type=checkbox]').check();
    await page.locator('.log-bulk-count', { hasText: '1 selected' }).waitFor();
    await screenshot(page, 'logs-selected');
    await page.click('.log-bulk-bar .lt-btn-danger');
    await page.click('.lt-confirm-dialog[open] button[type=submit]');
    await page.locator('.log-notice', { hasText: 'Logs deleted: 1.' }).waitFor();
    expect(await page.locator('.log-table tbody tr').count()).toBe(before - 1);
    await page.click('.logs-header .btn');
    await page.locator('.log-count', { hasText: `Showing ${before - 1} of ${before - 1}` }).waitFor();

    // Delete the token: the proxy refuses it from then on.
    await page.click('a.topbar-link[href="/tokens"]');
    await row.locator('.token-actions .lt-btn-danger-outline').click();
    await page.click('.lt-confirm-dialog[open] button[type=submit]');
    await page.locator('.tokens-empty').waitFor();
    expect((await callProxy(token)).status).toBe(401);
    await context.close();
  });

  test('an answer Google cut off at its token limit says so in the request log (FAQ 13)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await logIn(await context.newPage(), server.url, ADMIN);
    fake.setKey(HEALTHY, { kind: 'max-tokens' });
    try {
      expect((await callProxy(ADMIN)).status).toBe(200);
    } finally {
      fake.setKey(HEALTHY, { kind: 'ok' });
    }
    await page.goto(`${server.url}/logs`);
    const row = await refreshUntil(page, '.log-table tbody tr', 'Cut off');
    expect(await row.locator('.lt-finish').textContent()).toBe('Cut off: the answer reached its token limit (MAX_TOKENS)');
    expect(await row.textContent()).toContain('Success');
    await screenshot(page, 'logs-finish-reason');
    await context.close();
  });

  test('Chinese, dark, on a phone: both pages fit the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'dark', isMobile: true, timezoneId: 'Asia/Shanghai' });
    const page = await logIn(await context.newPage(), server.url, ADMIN);
    await page.goto(`${server.url}/tokens`);
    await page.locator('.tokens-header .btn-primary').waitFor();
    expect(await page.locator('.tokens-header h1').textContent()).toBe('访问令牌');
    const token = await createToken(page, '手机上的 NextChat');
    expect(await page.locator('.token-created .notice-warn').textContent()).toContain('请立即复制');
    await screenshot(page, 'tokens-created-phone-zh-dark');
    await page.click('.token-created .lt-confirm-actions .btn');
    await page.locator('.token-table tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'tokens-phone-zh-dark');

    // More than a page of calls: the list shows 50 and loads the rest on demand. Then one 429
    // for the error log (last: the key then rests for that model, and later calls would get 503).
    for (let i = 0; i < 55; i++) expect((await callProxy(token)).status).toBe(200);
    fake.setKey(HEALTHY, { kind: 'rate-limited' });
    await callProxy(token);
    fake.setKey(HEALTHY, { kind: 'ok' });

    await page.goto(`${server.url}/logs`);
    // Logs are written in batches: wait for the last call's row (the 429), so every row is there.
    await refreshUntil(page, '.log-table tbody tr', '429');
    await page.locator('.log-count', { hasText: /^已显示 50 条，共 \d+ 条$/ }).waitFor();
    const total = Number(/共 (\d+) 条/.exec((await page.locator('.log-count').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(55);
    await page.click('.log-more .btn');
    await page.locator('.log-count', { hasText: `已显示 ${total} 条，共 ${total} 条` }).waitFor();
    expect(await page.locator('.log-table tbody tr').count()).toBe(total);
    expect(await page.locator('.log-more').textContent()).toBe('已经到底了。');
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await page.locator('.log-tab[aria-selected=true]').textContent()).toBe('请求日志');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'logs-phone-zh-dark');
    await page.locator('.log-table tbody tr').first().locator('input[type=checkbox]').check();
    await screenshot(page, 'logs-selected-phone-zh-dark');

    await page.click('.log-tab >> text=错误日志');
    const errorRow = await refreshUntil(page, '.log-table tbody tr', '429');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'logs-errors-phone-zh-dark');
    await errorRow.locator('.log-message-preview').click();
    await page.locator('#error-detail-message').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await screenshot(page, 'logs-error-detail-phone-zh-dark');
    await context.close();
  });
});
