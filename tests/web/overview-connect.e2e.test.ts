import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { adminClient, trpcData } from '../helpers/admin-client';
import { dashboardReady, horizontalOverflow, launchChromium, logIn, screenshot, startDashboardServer, stopAll } from '../helpers/dashboard-browser';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import type { ServerProcess } from '../helpers/server-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * The overview and "connect a client" pages in headless Chromium against the real server, with
 * real traffic through the proxy to the fake Google. Screenshots go to test-output/screenshots/.
 */
const ADMIN_TOKEN = 'e2e-overview-admin-token';
const CLIENT_TOKEN = 'sk-e2e-overview-client-token-0001';
const MODEL = 'gemini-2.5-flash';
// Two keys that answer, one Google calls invalid (→ disabled), one that fails with 500 (→ cooling at MAX_FAILURES=1).
const KEYS = { ok1: `AIza${'a'.repeat(35)}`, ok2: `AIza${'b'.repeat(35)}`, invalid: `AIza${'c'.repeat(35)}`, failing: `AIza${'d'.repeat(35)}` };
const BAD_KEYS = new Set([KEYS.invalid, KEYS.failing]);
const suite = dashboardReady('the overview/connect browser tests') ? describe : describe.skip;

let browser: Browser;
let fake: FakeUpstream;
let server: ServerProcess;
const dir = tempDir('gb-e2e-ov-');

type Totals = { calls: number; failures: number };
type Summary = { lastHour: Totals };
type KeyPage = { total: number };

/** The whole page from its top (a sticky bar would otherwise be drawn mid-page), or the screen with `selector` scrolled into it. */
async function shot(page: Page, name: string, selector?: string) {
  if (selector) await page.locator(selector).first().scrollIntoViewIfNeeded();
  else await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name, selector === undefined);
}

/** What the pages must show: the upstream attempts the fake saw (each one is a logged call). */
function upstreamTotals(): Totals {
  const calls = fake.requests.filter((r) => r.path.includes(':generateContent'));
  return { calls: calls.length, failures: calls.filter((r) => r.key !== null && BAD_KEYS.has(r.key)).length };
}

async function sendTraffic() {
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${server.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': CLIENT_TOKEN },
      body: JSON.stringify({ contents: [{ parts: [{ text: `hello ${i}` }] }] }),
    });
    expect(res.status).toBe(200);
  }
  const chat = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_TOKEN}` },
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(chat.status).toBe(200);
}

const admin = () => adminClient(server);

/** Logs are written in batches: wait until the server's own stats count every attempt. */
async function waitForStats(expected: number): Promise<Summary> {
  const client = admin();
  await client.mutate('auth.login', { token: ADMIN_TOKEN });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const summary = await trpcData<Summary>(await client.query('stats.summary'));
    if (summary.lastHour.calls >= expected || Date.now() > deadline) return summary;
    await Bun.sleep(100);
  }
}

async function poolTotals(): Promise<Record<string, number>> {
  const client = admin();
  await client.mutate('auth.login', { token: ADMIN_TOKEN });
  const totals: Record<string, number> = {};
  for (const status of ['active', 'cooling', 'disabled']) {
    totals[status] = (await trpcData<KeyPage>(await client.query('keys.list', { status, pageSize: 1 }))).total;
  }
  return totals;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

suite('overview and connect pages in a browser', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(KEYS.ok1, { kind: 'ok' });
    fake.setKey(KEYS.ok2, { kind: 'ok' });
    fake.setKey(KEYS.invalid, { kind: 'invalid-key' });
    fake.setKey(KEYS.failing, { kind: 'server-error', status: 500 });
    server = await startDashboardServer(dir.path, {
      AUTH_TOKEN: ADMIN_TOKEN,
      ALLOWED_TOKENS: CLIENT_TOKEN,
      BASE_URL: `${fake.url}/v1beta`,
      API_KEYS: Object.values(KEYS).join(','),
      MAX_FAILURES: '1',
    });
    await sendTraffic();
    browser = await launchChromium();
  });
  afterAll(() => stopAll({ browser, server, fake, dir }));

  test('the overview shows the calls, the chart, the pool and runs a job', async () => {
    const expected = upstreamTotals();
    // Both bad keys were met (each request tries keys in turn until one answers).
    expect(expected.failures).toBe(2);
    const summary = await waitForStats(expected.calls);
    expect(summary.lastHour).toMatchObject(expected);
    const pool = await poolTotals();
    expect(pool).toEqual({ active: 2, cooling: 1, disabled: 1 });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await logIn(await context.newPage(), server.url, ADMIN_TOKEN);
    await page.goto(`${server.url}/`);
    await page.locator('[data-window="lastHour"] .overview-stat-calls').waitFor();
    expect(await text(page, '[data-window="lastHour"] .overview-stat-calls')).toBe(String(expected.calls));
    expect(await text(page, '[data-window="lastHour"] .overview-stat-line')).toStartWith(`${expected.failures} failed`);
    expect(await text(page, '.topbar-link.active')).toBe('Overview');

    // The chart: bars for the calls, the failed part in red, and a readout of the period's totals.
    await page.locator('.overview-chart-svg rect.overview-bar-calls').first().waitFor();
    expect(await page.locator('.overview-chart-svg rect.overview-bar-failures').count()).toBeGreaterThan(0);
    expect(await text(page, '#overview-chart-readout')).toContain(`calls: ${expected.calls}, failed: ${expected.failures}`);
    await page.click('[data-period="1h"]');
    await page.locator('[data-period="1h"][aria-pressed="true"]').waitFor();
    await page.locator('.overview-chart-svg rect.overview-bar-calls').last().hover();
    expect(await text(page, '#overview-chart-readout')).toMatch(/\d+:\d+.*\d+:\d+.* · calls: \d+, failed: \d+/);

    // Pool health from keys.list totals; top lists from the breakdowns.
    for (const [status, count] of Object.entries(pool)) {
      expect(await text(page, `[data-status="${status}"] .overview-pool-count`)).toBe(String(count));
    }
    expect(await page.locator('[data-list="keys"] .overview-top-row').count()).toBe(4);
    expect(await text(page, '[data-list="models"] .overview-top-name')).toBe(MODEL);
    await shot(page, 'overview-desktop');

    // Run a job now: the button waits for the run, then its result and last run show.
    const job = page.locator('[data-job="log-retention"]');
    await job.locator('.overview-job-run').click();
    await job.locator('.overview-job-outcome.notice-ok').waitFor();
    expect(await job.locator('.overview-job-outcome').textContent()).toStartWith('Done:');
    await page.locator('[data-job="log-retention"] .overview-job-last .overview-good').waitFor();
    await shot(page, 'overview-job-run');
    await context.close();
  });

  test('the overview in Chinese on a phone, dark theme', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', colorScheme: 'dark', isMobile: true, hasTouch: true });
    const page = await logIn(await context.newPage(), server.url, ADMIN_TOKEN);
    await page.goto(`${server.url}/`);
    await page.locator('.overview-chart-svg rect.overview-bar-calls').first().waitFor();
    await page.locator('[data-status="active"]').waitFor();
    expect(await text(page, 'h1')).toBe('概览');
    expect(await text(page, '[data-window="lastHour"] .overview-stat-title')).toBe('最近 1 小时');
    // A tap names the bar's time and numbers, and they stay after the finger is lifted.
    await page.locator('.overview-chart-svg rect.overview-bar-calls').last().tap();
    expect(await text(page, '#overview-chart-readout')).toMatch(/ · 调用 \d+ 次，失败 \d+ 次/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'overview-phone-zh-dark');
    await shot(page, 'overview-phone-zh-dark-chart', '.overview-chart');
    await shot(page, 'overview-phone-zh-dark-jobs', '.overview-jobs');
    await context.close();
  });

  test('connect: the exact base URLs, copy buttons, a real token, and the SDKs work with what was copied', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await logIn(await context.newPage(), server.url, ADMIN_TOKEN);
    await page.goto(`${server.url}/connect`);
    await page.locator('[data-field="openai-base"]').waitFor();
    // Only this page's link is marked: "/" (the overview) must not match every path.
    expect(await text(page, '.topbar-link.active')).toBe('Connect');
    const origin = server.url;
    expect(await text(page, '[data-field="openai-base"] .connect-value')).toBe(`${origin}/v1`);
    expect(await text(page, '[data-field="gemini-base"] .connect-value')).toBe(origin);
    // Each app's own rule: Cline and SillyTavern want /v1; NextChat and Cherry Studio add it themselves.
    expect(await text(page, '[data-client="cline"] [data-field="connect.field.baseUrl"] .connect-value')).toBe(`${origin}/v1`);
    expect(await text(page, '[data-client="sillytavern"] [data-field="connect.field.customEndpoint"] .connect-value')).toBe(`${origin}/v1`);
    expect(await text(page, '[data-client="nextchat"] [data-field="connect.field.endpoint"] .connect-value')).toBe(origin);
    expect(await text(page, '[data-client="cherry-studio"] [data-field="connect.field.apiHost"] .connect-value')).toBe(origin);
    expect(await text(page, '[data-client="openai-sdk"] pre')).toContain(`base_url="${origin}/v1"`);
    expect(await text(page, '[data-client="genai-sdk"] pre')).toContain(`"base_url": "${origin}"`);
    expect(await text(page, '[data-client="gemini-cli"] pre')).toContain(`GOOGLE_GEMINI_BASE_URL="${origin}"`);

    // Copy the OpenAI base URL: the clipboard holds exactly it, and the button says so.
    await page.click('[data-field="openai-base"] .connect-copy');
    await page.locator('[data-field="openai-base"] .connect-copy-done').waitFor();
    const openaiBase = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(openaiBase).toBe(`${origin}/v1`);
    await page.click('[data-field="gemini-base"] .connect-copy');
    await page.locator('[data-field="gemini-base"] .connect-copy-done').waitFor();
    const geminiBase = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(geminiBase).toBe(origin);

    // The token seeded from ALLOWED_TOKENS, chosen in the picker, fills every guide.
    const option = page.locator('#connect-token option', { hasText: 'ALLOWED_TOKENS' });
    await page.selectOption('#connect-token', (await option.getAttribute('value')) ?? '');
    await page.locator('[data-field="token"]').waitFor();
    await page.click('[data-field="token"] .connect-copy');
    await page.locator('[data-field="token"] .connect-copy-done').waitFor();
    const token = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(token).toBe(CLIENT_TOKEN);
    expect(await text(page, '[data-client="openai-sdk"] pre')).toContain(`api_key="${CLIENT_TOKEN}"`);
    await shot(page, 'connect-desktop');

    // What was copied works in the real SDKs.
    const openai = new OpenAI({ baseURL: openaiBase, apiKey: token, maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] });
    expect(chat.choices[0]?.message.content?.length).toBeGreaterThan(0);
    const genai = new GoogleGenAI({ apiKey: token, httpOptions: { baseUrl: geminiBase, retryOptions: { attempts: 1 } } });
    const reply = await genai.models.generateContent({ model: MODEL, contents: 'Hello' });
    expect(reply.text?.length).toBeGreaterThan(0);
    await context.close();
  });

  test('connect in Chinese on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const page = await logIn(await context.newPage(), server.url, ADMIN_TOKEN);
    await page.goto(`${server.url}/connect`);
    await page.locator('[data-field="openai-base"]').waitFor();
    expect(await text(page, 'h1')).toBe('接入客户端');
    expect(await text(page, '[data-field="openai-base"] .connect-value')).toBe(`${server.url}/v1`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'connect-phone-zh');
    await shot(page, 'connect-phone-zh-top', 'h1');
    await shot(page, 'connect-phone-zh-mistakes', '.connect-mistakes');
    await shot(page, 'connect-phone-zh-nextchat', '[data-client="nextchat"]');
    await shot(page, 'connect-phone-zh-sdk', '[data-client="openai-sdk"] pre');
    await context.close();
  });
});
