import { describe, expect, test } from 'bun:test';
import { startFakeUpstream } from '../helpers/fake-upstream/server';
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import { generate, startProxy } from '../helpers/proxy-app';
import { mysqlConfigVia } from '../helpers/repositories';
import { startForwarder } from '../helpers/tcp-forwarder';

// Issue 9 (point 2, part): MariaDB gone for 30 s under traffic (a TCP forwarder in front of it is
// cut): clients keep their answers, /health says degraded, and no log row is lost once it returns.
const KEY = `AIza${'O'.repeat(35)}`;
const OUTAGE_MS = 30_000;

describe.if(mysqlAvailable)('MariaDB away for 30 s', () => {
  test('every call answered, /health degraded then ok, every request-log row written after the return', async () => {
    const db = await freshMysqlDatabase();
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    const fake = await startFakeUpstream();
    fake.setKey(KEY, { kind: 'ok' });
    const proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY], database: mysqlConfigVia(db.name, forwarder.port) });
    const rows = async () => Number(((await db.query('SELECT COUNT(*) AS n FROM request_logs')) as { n: number }[])[0]?.n ?? 0);
    try {
      forwarder.cut();
      const statuses = new Map<number, number>();
      const health: number[] = [];
      const started = Date.now();
      let calls = 0;
      while (Date.now() - started < OUTAGE_MS) {
        const response = await generate(proxy.url);
        await response.text();
        calls++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (calls % 20 === 0) health.push((await fetch(`${proxy.url}/health`)).status);
        await Bun.sleep(80);
      }
      expect([...statuses.entries()]).toEqual([[200, calls]]);
      expect(health.length).toBeGreaterThan(5);
      expect(health.every((s) => s === 503)).toBe(true);
      expect(await rows()).toBe(0);

      forwarder.restore();
      const deadline = Date.now() + 20_000;
      while ((await rows()) < calls && Date.now() < deadline) await Bun.sleep(200);
      expect(await rows()).toBe(calls);
      expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    } finally {
      forwarder.restore();
      await proxy.stop();
      await fake.stop();
      forwarder.stop();
      await db.drop();
    }
  }, 90_000);
});
