import { describe, expect, test } from 'bun:test';
import { adminClient } from '../helpers/admin-client';
import { startFakeUpstream } from '../helpers/fake-upstream/server';
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import { ADMIN_TOKEN, startProxy } from '../helpers/proxy-app';
import { mysqlConfigVia } from '../helpers/repositories';
import { startForwarder } from '../helpers/tcp-forwarder';

// FAQ 28: "保存配置失败: HTTP error! status: 400" — the original's database was away and the
// dashboard said nothing useful. Here a change the database cannot take is a 503 that says so.
describe.if(mysqlAvailable)('the admin API while MariaDB is away', () => {
  test('a settings save answers 503 naming the database, and nothing is saved; after the return it saves', async () => {
    const db = await freshMysqlDatabase();
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    const fake = await startFakeUpstream();
    const proxy = await startProxy({ upstreamUrl: fake.url, keys: [], database: mysqlConfigVia(db.name, forwarder.port) });
    try {
      const admin = adminClient(proxy);
      expect((await admin.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
      forwarder.cut();
      const res = await admin.mutate('settings.update', { changes: { MAX_RETRIES: 9 } });
      const body = (await res.json()) as { error: { message: string; data: { code: string } } };
      expect(res.status).toBe(503);
      expect(body.error.data.code).toBe('SERVICE_UNAVAILABLE');
      // A pooled connection the cut closed, or a new one refused: which depends on the pool's timing.
      expect(body.error.message).toMatch(
        /^The database is not available \((connection refused, ECONNREFUSED|connection lost, PROTOCOL_CONNECTION_LOST|connection lost)\): the change may not have been saved\. Try again when it is back; \/health shows its state\.$/,
      );
      expect(proxy.logs.join('\n')).toContain('admin API settings.update: The database is not available');
      // The client's own mistake is still the client's, with its fields, not a database problem.
      const refused = await admin.mutate('settings.update', { changes: { MAX_RETRIES: -1 } });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { data: { fields: unknown } } }).error.data.fields).not.toBeNull();
      forwarder.restore();
      const rows = (await db.query("SELECT value FROM settings WHERE `key` = 'MAX_RETRIES'")) as { value: string }[];
      expect(rows[0]?.value).not.toBe('9');
      expect(proxy.deps.settings.current.MAX_RETRIES).not.toBe(9);
      const saved = await admin.mutate('settings.update', { changes: { MAX_RETRIES: 9 } });
      expect(saved.status).toBe(200);
    } finally {
      forwarder.restore();
      await proxy.stop();
      await fake.stop();
      forwarder.stop();
      await db.drop();
    }
  }, 60_000);
});
