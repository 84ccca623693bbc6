import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Repository } from '../../db/repository';
import { mysqlAvailable } from '../helpers/mysql';
import { type OpenedDatabase, openMysql, openSqlite } from '../helpers/repositories';

const geminiKey = (i: number) => `AIzaSy${String(i).padStart(9, '0')}${'abcdefghijklmnopqrstuvwxyzABCDEFG'.slice(0, 24)}`.slice(0, 39);

const requestLog = (at: number, model: string) => ({
  at,
  tokenLabel: 'env',
  keyFingerprint: 'fp01',
  model,
  endpoint: 'generateContent',
  status: 200,
  outcome: 'ok',
  latencyMs: 12,
  promptTokens: 5,
  completionTokens: 7,
  attempt: 1,
  errorCode: null,
});

function contract(dialect: 'sqlite' | 'mysql', open: () => Promise<OpenedDatabase>) {
  describe(`${dialect} repository`, () => {
    let db: OpenedDatabase;
    let repo: Repository;
    beforeAll(async () => {
      db = await open();
      repo = db.repo;
    });
    afterAll(async () => db?.dispose());

    test('answers ping and names its dialect', async () => {
      await repo.ping();
      expect(repo.dialect).toBe(dialect);
    });

    test('a 5 MB setting value with non-ASCII text round-trips unchanged', async () => {
      const big = JSON.stringify({ note: 'API 密钥 ✓', filler: 'k'.repeat(5 * 1024 * 1024) });
      await repo.writeSettings([{ key: 'BIG', value: big }], 1000);
      await repo.writeSettings([{ key: 'BIG', value: `${big} ` }], 2000);
      const row = (await repo.readSettings()).find((r) => r.key === 'BIG');
      expect(row?.value.length).toBe(big.length + 1);
      expect(row?.value).toBe(`${big} `);
      expect(row?.updatedAt).toBe(2000);
    });

    test('writeSettings writes all rows or none', async () => {
      await repo.writeSettings([{ key: 'A', value: '"old"' }], 1);
      const many = Array.from({ length: 600 }, (_, i) => ({ key: `MANY_${i}`, value: String(i) }));
      const bad = [{ key: 'A', value: '"new"' }, ...many, { key: 'B', value: null as unknown as string }];
      await expect(repo.writeSettings(bad, 2)).rejects.toThrow();
      const rows = await repo.readSettings();
      expect(rows.find((r) => r.key === 'A')?.value).toBe('"old"');
      expect(rows.some((r) => r.key === 'B' || r.key.startsWith('MANY_'))).toBe(false);
      await repo.deleteSettings(['A']);
      expect((await repo.readSettings()).some((r) => r.key === 'A')).toBe(false);
    });

    test('100,000 keys round-trip; duplicates are not stored twice', async () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => ({ key: geminiKey(i), kind: 'gemini' }));
      expect(await repo.insertKeys(keys, 5000)).toBe(100_000);
      expect(await repo.insertKeys(keys.slice(0, 10), 6000)).toBe(0);
      expect(await repo.countKeys()).toBe(100_000);
      const stored = await repo.listKeys();
      expect(stored.length).toBe(100_000);
      expect(stored[0]).toMatchObject({ key: keys[0]?.key, kind: 'gemini', status: 'active', failures: 0, createdAt: 5000 });
      expect(stored.map((k) => k.key)).toEqual(keys.map((k) => k.key));
      expect(await repo.deleteKeys(keys.map((k) => k.key))).toBe(100_000);
      expect(await repo.countKeys()).toBe(0);
    }, 180_000);

    test('several multi-megabyte settings are written in one save', async () => {
      const big = (c: string) => c.repeat(5 * 1024 * 1024);
      await repo.writeSettings(['W', 'X', 'Y', 'Z'].map((k) => ({ key: `BIG_${k}`, value: big(k) })), 3);
      const rows = (await repo.readSettings()).filter((r) => r.key.startsWith('BIG_'));
      expect(rows.map((r) => r.value.length)).toEqual([5, 5, 5, 5].map((n) => n * 1024 * 1024));
      await repo.deleteSettings(rows.map((r) => r.key));
    });

    test('a key longer than the column is refused, never stored cut short', async () => {
      const long = `AIza${'k'.repeat(400)}`;
      const stored = await repo.insertKeys([{ key: long, kind: 'paid' }], 1).then(
        async () => (await repo.listKeys()).map((k) => k.key),
        () => [],
      );
      expect(stored.every((k) => k === long)).toBe(true);
      await repo.deleteKeys([long]);
    });

    test('keys that differ only in letter case are different keys', async () => {
      const lower = 'AIzaSyaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
      const upper = 'AIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      expect(await repo.insertKeys([{ key: lower, kind: 'gemini' }, { key: upper, kind: 'gemini' }], 1)).toBe(2);
      expect(await repo.deleteKeys([lower])).toBe(1);
      expect((await repo.listKeys()).map((k) => k.key)).toEqual([upper]);
      await repo.deleteKeys([upper]);
    });

    test('key states are saved and read back', async () => {
      const key = geminiKey(7);
      await repo.insertKeys([{ key, kind: 'vertex' }], 10);
      await repo.saveKeyStates([
        {
          key,
          status: 'disabled',
          failures: 4,
          cooldownUntil: 99_000,
          disabledReason: 'API_KEY_INVALID: API key not valid. Please pass a valid API key.',
          lastUsedAt: 98_000,
          modelCooldowns: '{"gemini-2.5-pro":120000}',
        },
      ]);
      const [row] = await repo.listKeys();
      expect(row).toMatchObject({ key, kind: 'vertex', status: 'disabled', failures: 4, cooldownUntil: 99_000 });
      expect(row?.modelCooldowns).toBe('{"gemini-2.5-pro":120000}');
      await repo.deleteKeys([key]);
    });

    test('access tokens are stored once and can be deleted', async () => {
      const token = { token: 'sk-user-1', label: 'alice', allowedModels: '["gemini-2.5-pro"]', expiresAt: 5, rpmLimit: 60 };
      expect(await repo.insertTokens([token, { ...token, token: 'sk-user-2' }], 3)).toBe(2);
      expect(await repo.insertTokens([token], 4)).toBe(0);
      const rows = await repo.listTokens();
      expect(rows.map((r) => r.token)).toEqual(['sk-user-1', 'sk-user-2']);
      expect(rows[0]).toMatchObject({ label: 'alice', rpmLimit: 60, expiresAt: 5, createdAt: 3 });
      expect(await repo.deleteTokens(rows.map((r) => r.id))).toBe(2);
      expect(await repo.listTokens()).toEqual([]);
    });

    test('request and error logs are listed newest first', async () => {
      await repo.insertRequestLogs([requestLog(1, 'a'), requestLog(3, 'c'), requestLog(2, 'b')]);
      expect((await repo.listRequestLogs(2)).map((r) => r.model)).toEqual(['c', 'b']);
      const message = `{"error":{"code":500,"message":"${'x'.repeat(100_000)}"}}`;
      await repo.insertErrorLogs([
        { at: 5, keyFingerprint: 'fp', model: 'm', status: 500, errorType: 'gemini-chat', message, requestBody: null },
      ]);
      const [error] = await repo.listErrorLogs(10);
      expect(error?.message).toBe(message);
    });

    test('migrations run again on an up-to-date database change nothing', async () => {
      const again = await db.reopen();
      await again.ping();
      await again.close();
      const counted = await db.query('SELECT COUNT(*) AS n FROM __drizzle_migrations');
      expect(Number((counted[0] as { n: number | bigint }).n)).toBe(1);
      expect(await repo.listRequestLogs(10)).toHaveLength(3);
    });
  });
}

contract('sqlite', openSqlite);
if (mysqlAvailable) contract('mysql', openMysql);
