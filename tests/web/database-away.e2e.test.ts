import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { dashboardReady, launchChromium, logIn, screenshot, startDashboardServer, stopAll } from '../helpers/dashboard-browser';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import type { ServerProcess } from '../helpers/server-process';
import { startForwarder } from '../helpers/tcp-forwarder';
import { tempDir } from '../helpers/temp-dir';

// FAQ 28: the original's dashboard answered a save while its database was away with "保存配置失败:
// HTTP error! status: 400" and nothing else. Here every page says the database is away, and a save
// says why it failed.
const TOKEN = 'e2e-db-away-token';
const suite = mysqlAvailable && dashboardReady('the database-away browser test') ? describe : describe.skip;

let browser: Browser;
let fake: FakeUpstream;
let server: ServerProcess;
let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
let forwarder: Awaited<ReturnType<typeof startForwarder>>;
const dir = tempDir('gb-e2e-db-');

suite('the dashboard while MariaDB is away', () => {
  beforeAll(async () => {
    db = await freshMysqlDatabase();
    forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    fake = await startFakeUpstream();
    server = await startDashboardServer(dir.path, {
      AUTH_TOKEN: TOKEN,
      BASE_URL: `${fake.url}/v1beta`,
      DATABASE_TYPE: 'mysql',
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: String(forwarder.port),
      MYSQL_USER: mysqlServer.user,
      MYSQL_PASSWORD: mysqlServer.password,
      MYSQL_DATABASE: db.name,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await stopAll({ browser, server, fake, dir });
    forwarder?.stop();
    await db?.drop();
  });

  test('a banner on every page while it is away, a save that says why it failed, and the banner gone when it is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await logIn(await context.newPage(), server.url, TOKEN);
    await page.goto(`${server.url}/config`);
    await page.locator('#setting-MAX_RETRIES').waitFor();
    expect(await page.locator('.database-banner').count()).toBe(0);

    forwarder.cut();
    // Checked every 10 s while the page is open.
    await page.locator('.database-banner').waitFor({ timeout: 15_000 });
    expect(await page.locator('.database-banner strong').textContent()).toBe('The database does not answer');
    await screenshot(page, 'database-away-banner');
    await page.fill('#setting-MAX_RETRIES', '6');
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-error').waitFor();
    expect(await page.locator('#config-banner').textContent()).toMatch(/The database is not available \(connection (refused|lost)/);
    await screenshot(page, 'config-database-away');

    forwarder.restore();
    await page.locator('.database-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await page.click('.save-bar .btn-primary');
    await page.locator('#config-banner .notice-ok').waitFor();
    expect(await page.locator('#config-banner').textContent()).toBe('Saved: MAX_RETRIES');
    await context.close();
  }, 60_000);
});
