import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import mysqlJournal from '../../db/migrations/mysql/meta/_journal.json';
import sqliteJournal from '../../db/migrations/sqlite/meta/_journal.json';
import type { LogCursor } from '../../db/logs/log-types';
import type { NewRequestLog, Repository } from '../../db/repository';
import { ERROR_TEXT_MAX, errorRow } from '../../server/proxy/log-rows';
import { sampleRequestLogs, sharesOf, sumRows } from '../helpers/log-rows';
import { mysqlAvailable } from '../helpers/mysql';
import { type OpenedDatabase, openMysql, openSqlite } from '../helpers/repositories';

const migrationCount = { sqlite: sqliteJournal.entries.length, mysql: mysqlJournal.entries.length };

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
  finishReason: null,
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

    test('saveKeyChanges: only the changed fields; a disabled row is kept unless forced; cooldowns merged per model', async () => {
      const key = geminiKey(778);
      await repo.insertKeys([{ key, kind: 'gemini' }], 1);
      const stored = async () => (await repo.listKeys()).find((k) => k.key === key);
      await repo.saveKeyChanges([{ key, force: false, cooldownPatch: { 'gemini-2.5-pro': 500 } }]);
      await repo.saveKeyChanges([{ key, force: false, cooldownPatch: { 'gemini-2.5-flash': 600 } }]);
      expect(JSON.parse((await stored())?.modelCooldowns ?? '')).toEqual({ 'gemini-2.5-pro': 500, 'gemini-2.5-flash': 600 });
      await repo.saveKeyChanges([{ key, force: false, cooldownPatch: { 'gemini-2.5-pro': null } }]);
      expect(JSON.parse((await stored())?.modelCooldowns ?? '')).toEqual({ 'gemini-2.5-flash': 600 });
      const disabled = { status: 'disabled', failures: 0, cooldownUntil: null, disabledReason: 'admin' } as const;
      await repo.saveKeyChanges([{ key, force: true, status: disabled }]);
      await repo.saveKeyChanges([{ key, force: false, status: { status: 'cooling', failures: 3, cooldownUntil: 900, disabledReason: null } }]);
      expect(await stored()).toMatchObject({ status: 'disabled', disabledReason: 'admin', failures: 0 });
      await repo.saveKeyChanges([{ key, force: true, status: { status: 'active', failures: 0, cooldownUntil: null, disabledReason: null } }]);
      expect(await stored()).toMatchObject({ status: 'active', disabledReason: null });
      await repo.deleteKeys([key]);
    });

    test('saveLastUsed writes only last_used_at: a state another instance set stays', async () => {
      const key = geminiKey(777);
      await repo.insertKeys([{ key, kind: 'gemini' }], 1);
      const row = (await repo.listKeys()).find((k) => k.key === key);
      if (!row) throw new Error('not inserted');
      await repo.saveKeyStates([{ key, status: 'disabled', failures: 2, cooldownUntil: null, disabledReason: 'other instance', lastUsedAt: 5, modelCooldowns: '{}' }]);
      await repo.saveLastUsed([{ key, lastUsedAt: 99 }]);
      expect((await repo.listKeys()).find((k) => k.key === key)).toMatchObject({ status: 'disabled', failures: 2, disabledReason: 'other instance', lastUsedAt: 99 });
      await repo.deleteKeys([key]);
    });

    test('Files API records: saved, replaced, listed per owner without the expired ones, state changed, deleted', async () => {
      const file = (n: number, owner: string | null, expiresAt: number) => ({
        name: `files/f${n}`,
        displayName: n === 1 ? '年报 2026.pdf' : null,
        mimeType: 'application/pdf',
        sizeBytes: 5_000_000_000 + n,
        state: 'PROCESSING',
        uri: `https://generativelanguage.googleapis.com/v1beta/files/f${n}`,
        keyFingerprint: 'a1b2c3d4e5f60718',
        ownerToken: owner,
        createdAt: 1_000 + n,
        expiresAt,
      });
      for (const [n, owner, expires] of [[1, 'alice', 9_000], [2, 'bob', 9_000], [3, 'alice', 2_000], [4, 'alice', 9_000]] as const) {
        await repo.saveFile(file(n, owner, expires));
      }
      await repo.saveFile({ ...file(4, 'alice', 9_000), state: 'ACTIVE' });
      expect(await repo.file('files/f1')).toEqual(file(1, 'alice', 9_000));
      expect(await repo.file('files/none')).toBeNull();
      const names = (rows: { name: string }[]) => rows.map((r) => r.name);
      expect(names(await repo.listFiles({ owner: 'alice', now: 5_000, offset: 0, limit: 10 }))).toEqual(['files/f1', 'files/f4']);
      expect(names(await repo.listFiles({ owner: null, now: 5_000, offset: 1, limit: 1 }))).toEqual(['files/f2']);
      expect((await repo.file('files/f4'))?.state).toBe('ACTIVE');
      await repo.setFileState('files/f1', 'FAILED');
      expect((await repo.file('files/f1'))?.state).toBe('FAILED');
      expect(names(await repo.expiredFiles(5_000, 10))).toEqual(['files/f3']);
      expect(await repo.deleteFile('files/f3')).toBe(true);
      expect(await repo.deleteFile('files/f3')).toBe(false);
      expect(await repo.expiredFiles(5_000, 10)).toEqual([]);
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

    test('listKeysOfKinds answers only the rows of those kinds, in insertion order', async () => {
      const [g, v, p] = [geminiKey(21), geminiKey(22), geminiKey(23)];
      await repo.insertKeys([{ key: g, kind: 'gemini' }, { key: v, kind: 'vertex' }, { key: p, kind: 'paid' }], 1);
      expect((await repo.listKeysOfKinds(['vertex', 'paid'])).map((r) => [r.key, r.kind])).toEqual([[v, 'vertex'], [p, 'paid']]);
      expect(await repo.listKeysOfKinds([])).toEqual([]);
      await repo.deleteKeys([g, v, p]);
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

    test('a token is updated in place; absent fields stay, null clears; an unknown id answers null', async () => {
      const token = { token: 'sk-update-1', label: 'bob', allowedModels: '["gemini-2.5-pro"]', expiresAt: 5, rpmLimit: 60 };
      await repo.insertTokens([token], 3);
      const [stored] = await repo.listTokens();
      const id = stored?.id ?? -1;
      const updated = await repo.updateToken(id, { label: 'robert', allowedModels: null, rpmLimit: 10 });
      expect(updated).toEqual({ ...token, id, label: 'robert', allowedModels: null, rpmLimit: 10, createdAt: 3 });
      expect(await repo.updateToken(id, {})).toEqual(updated);
      expect(await repo.updateToken(id + 1000, { label: 'nobody' })).toBeNull();
      await repo.deleteTokens([id]);
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
      expect(Number((counted[0] as { n: number | bigint }).n)).toBe(migrationCount[dialect]);
      expect(await repo.listRequestLogs(10)).toHaveLength(3);
    });

    test('a request log row keeps why Google ended the answer; 0002 (MySQL: run twice) leaves the column as it is', async () => {
      await repo.insertRequestLogs([{ ...requestLog(7_000, 'finish-model'), finishReason: 'MAX_TOKENS' }]);
      if (dialect === 'mysql') {
        const file = await Bun.file(`${import.meta.dir}/../../db/migrations/mysql/0002_finish_reason.sql`).text();
        const statements = file.split('--> statement-breakpoint').map((s) => s.replace(/^--.*$/gm, '').trim());
        for (const s of [...statements, ...statements]) await db.query(s);
      }
      const rows = await repo.listRequestLogs(100);
      expect(rows.find((r) => r.model === 'finish-model')?.finishReason).toBe('MAX_TOKENS');
    });

    test('keyUsage counts calls and non-ok outcomes per fingerprint since a time', async () => {
      const row = (fp: string, at: number, outcome: string) => ({ ...requestLog(at, 'm'), keyFingerprint: fp, outcome });
      await repo.insertRequestLogs([row('use-a', 100, 'ok'), row('use-a', 200, 'transient'), row('use-a', 300, 'ok'), row('use-a', 50, 'key-invalid'), row('use-b', 250, 'rate-limited'), row('use-c', 300, 'ok')]);
      const usage = await repo.keyUsage(['use-a', 'use-b', 'use-none'], 100);
      expect([...usage].sort((x, y) => x.keyFingerprint.localeCompare(y.keyFingerprint))).toEqual([
        { keyFingerprint: 'use-a', calls: 3, failures: 1 },
        { keyFingerprint: 'use-b', calls: 1, failures: 1 },
      ]);
      expect(await repo.keyUsage([], 0)).toEqual([]);
    });
  });
}

contract('sqlite', openSqlite);
if (mysqlAvailable) contract('mysql', openMysql);

/** The log browser and stats queries (db/logs/*): every number checked against the rows themselves. */
function logContract(dialect: 'sqlite' | 'mysql', open: () => Promise<OpenedDatabase>) {
  const NOW = 1_760_000_123_457; // not on a minute, hour or day boundary: every window is ragged
  const DAY = 86_400_000;
  describe(`${dialect} log and stats queries`, () => {
    let db: OpenedDatabase;
    let repo: Repository;
    let rows: NewRequestLog[];
    beforeAll(async () => {
      db = await open();
      repo = db.repo;
      rows = sampleRequestLogs(3000, NOW, 40 * DAY);
      await repo.insertRequestLogs(rows.slice(0, 1700));
      await repo.insertRequestLogs(rows.slice(1700));
    });
    afterAll(async () => db?.dispose());
    const since = (t: number) => rows.filter((r) => r.at >= t);
    const stillThere = async () => (await repo.pageRequestLogs({ limit: 10_000 })).items;

    test('totals, breakdowns and series equal sums over the rows', async () => {
      // Starts early and late in their hour and day: read forward, and as whole buckets minus their start.
      const windows = [NOW - 60_000, NOW - 3_600_000, NOW - 3_000_000, NOW - DAY, NOW - 30 * DAY, NOW - 7 * DAY - 1234, NOW - 9 * DAY + 5 * 3_600_000, 0];
      expect(await repo.usageTotals(windows, NOW)).toEqual(windows.map((w) => sumRows(since(w))));
      for (const w of windows) {
        expect(await repo.usageBy('key', w, NOW, 4)).toEqual(sharesOf(since(w), (r) => r.keyFingerprint, 4));
        expect(await repo.usageBy('model', w, NOW, 10)).toEqual(sharesOf(since(w), (r) => r.model, 10));
      }
      const start = Math.floor(NOW / DAY) * DAY - 29 * DAY + 8 * 3_600_000; // local midnight at UTC+16h
      const series = await repo.usageSeries(start, DAY, 30);
      expect(series).toEqual(Array.from({ length: 30 }, (_, i) => sumRows(rows.filter((r) => r.at >= start + i * DAY && r.at < start + (i + 1) * DAY))));
      expect(series.reduce((n, b) => n + b.calls, 0)).toBeGreaterThan(2000);
    });

    test('the migration rebuilds the same sums from the rows (MySQL: and runs twice unharmed)', async () => {
      const sums = 'SELECT dimension, grain, bucket, value, calls, failures, prompt_tokens, completion_tokens FROM request_stats WHERE calls <> 0 ORDER BY dimension, grain, bucket, value';
      const before = await db.query(sums);
      const file = await Bun.file(`${import.meta.dir}/../../db/migrations/${dialect}/0001_log_stats.sql`).text();
      const statements = file.split('--> statement-breakpoint').map((s) => s.trim());
      await db.query('DELETE FROM request_stats');
      if (dialect === 'sqlite') for (const s of statements.filter((s) => s.startsWith('INSERT'))) await db.query(s);
      else for (const s of [...statements, ...statements]) await db.query(s);
      expect(before.length).toBeGreaterThan(1000);
      expect(await db.query(sums)).toEqual(before);
    });

    test('pages walk every matching row newest first; filters combine; the total counts them', async () => {
      const key = 'fp3';
      const wanted = rows.filter((r) => r.keyFingerprint === key && r.at >= NOW - 20 * DAY && r.at <= NOW - DAY);
      const seen: number[] = [];
      let page = await repo.pageRequestLogs({ keyFingerprint: key, from: NOW - 20 * DAY, to: NOW - DAY, limit: 25 });
      expect(page.total).toBe(wanted.length);
      expect(page.totalCapped).toBe(false);
      for (;;) {
        seen.push(...page.items.map((r) => r.at));
        if (!page.nextCursor) break;
        page = await repo.pageRequestLogs({ keyFingerprint: key, from: NOW - 20 * DAY, to: NOW - DAY, limit: 25, cursor: page.nextCursor });
      }
      expect(seen).toEqual(wanted.map((r) => r.at).sort((a, b) => b - a));
      const both = await repo.pageRequestLogs({ model: 'gemini-2.5-pro', status: 429, outcome: 'rate-limited', limit: 5000 });
      expect(both.items.length).toBe(rows.filter((r) => r.model === 'gemini-2.5-pro' && r.status === 429).length);
      expect(both.items.every((r) => r.model === 'gemini-2.5-pro' && r.status === 429 && r.outcome === 'rate-limited')).toBe(true);
      expect(both).toMatchObject({ total: both.items.length, totalCapped: false });
    });

    test('rows at the same millisecond page by id, none lost or repeated', async () => {
      const same = Array.from({ length: 7 }, () => ({ ...sampleRequestLogs(1, NOW, 1)[0], at: NOW + 5, keyFingerprint: 'tie' }) as NewRequestLog);
      rows.push(...same);
      await repo.insertRequestLogs(same);
      const ids: number[] = [];
      let cursor: LogCursor | undefined;
      do {
        const page = await repo.pageRequestLogs({ keyFingerprint: 'tie', limit: 3, ...(cursor ? { cursor } : {}) });
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids.length).toBe(7);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    });

    test('a 20 MB request body (inline images) is kept cut to 256 KB, and the batch with it is written', async () => {
      const facts = { at: 9_000, tokenLabel: 't', key: `AIza${'q'.repeat(35)}`, model: 'huge-body', endpoint: 'generateContent', attempt: 1 };
      const body = `{"contents":[{"parts":[{"inlineData":{"data":"${'A'.repeat(20_000_000)}"}}]}]}`;
      const rows = Array.from({ length: 12 }, (_, i) => errorRow({ ...facts, at: facts.at + i }, 500, 'upstream failed', body));
      await repo.insertErrorLogs(rows);
      const stored = (await repo.listErrorLogs(100)).filter((r) => r.model === 'huge-body');
      expect(stored).toHaveLength(12);
      expect(stored[0]?.requestBody?.length).toBeLessThan(ERROR_TEXT_MAX + 100);
      expect(stored[0]?.requestBody).toEndWith(`… [cut: ${body.length - ERROR_TEXT_MAX} more characters]`);
      // Gone again: the tests below count the error logs.
      expect(await repo.deleteLogs('errors', stored.map((r) => r.id))).toBe(12);
    }, 30_000);

    test('error logs list a preview; the detail has the whole message and body', async () => {
      const message = `{"error":"${'e'.repeat(5000)}"}`;
      await repo.insertErrorLogs([
        { at: NOW - 10, keyFingerprint: 'fpE', model: 'm', status: 503, errorType: 'gemini-chat', message, requestBody: '{"contents":[]}' },
        { at: NOW - 5, keyFingerprint: 'fpF', model: 'm', status: 400, errorType: 'gemini-chat', message: 'bad', requestBody: null },
      ]);
      const page = await repo.pageErrorLogs({ status: 503, limit: 10 });
      expect(page.items).toHaveLength(1);
      const [item] = page.items;
      expect(item?.messagePreview).toBe(message.slice(0, 300));
      expect(Object.keys(item ?? {})).not.toContain('message');
      expect(await repo.errorLog(item?.id ?? 0)).toMatchObject({ message, requestBody: '{"contents":[]}', keyFingerprint: 'fpE' });
      expect(await repo.errorLog(987_654)).toBeNull();
    });

    test('deleting rows takes them out of the stats too', async () => {
      const victims = (await repo.pageRequestLogs({ keyFingerprint: 'fp1', limit: 40 })).items;
      expect(await repo.deleteLogs('requests', [...victims.map((r) => r.id), 999_999])).toBe(40);
      const left = await stillThere();
      expect(left.length).toBe(rows.length - 40);
      rows = rows.filter((r) => left.some((l) => l.at === r.at && l.keyFingerprint === r.keyFingerprint && l.model === r.model));
      expect(await repo.usageTotals([0, NOW - 30 * DAY], NOW)).toEqual([sumRows(left), sumRows(left.filter((r) => r.at >= NOW - 30 * DAY))]);
      expect(await repo.usageBy('key', NOW - 30 * DAY, NOW, 3)).toEqual(sharesOf(left.filter((r) => r.at >= NOW - 30 * DAY), (r) => r.keyFingerprint, 3));
    });

    test('retention deletes only rows older than the cutoff, and their stats', async () => {
      const cutoff = NOW - 10 * DAY - 77_777;
      const old = (await stillThere()).filter((r) => r.at < cutoff).length;
      expect(await repo.purgeLogs('requests', cutoff)).toBe(old);
      const left = await stillThere();
      expect(left.every((r) => r.at >= cutoff)).toBe(true);
      expect(await repo.usageTotals([0, NOW - DAY], NOW)).toEqual([sumRows(left), sumRows(left.filter((r) => r.at >= NOW - DAY))]);
      const counted = await db.query(`SELECT COUNT(*) AS n FROM request_stats WHERE bucket < ${cutoff - DAY}`);
      expect(Number((counted[0] as { n: number }).n)).toBe(0);
      expect(await repo.purgeLogs('errors', NOW - 7)).toBe(1);
      expect((await repo.pageErrorLogs({ limit: 10 })).items.map((e) => e.keyFingerprint)).toEqual(['fpF']);
    });

    test('past 10,000 rows the total is capped; with two filters it counts among 2,000 of the first; delete all empties logs and stats', async () => {
      const hot = sampleRequestLogs(10_050, NOW, DAY, 3).map((r) => ({ ...r, keyFingerprint: 'hot' }));
      await repo.insertRequestLogs(hot);
      expect(await repo.pageRequestLogs({ limit: 1 })).toMatchObject({ total: 10_000, totalCapped: true });
      expect(await repo.pageRequestLogs({ keyFingerprint: 'hot', limit: 1 })).toMatchObject({ total: 10_000, totalCapped: true });
      const pro = await repo.pageRequestLogs({ keyFingerprint: 'hot', model: 'gemini-2.5-pro', limit: 1 });
      const matching = hot.filter((r) => r.model === 'gemini-2.5-pro').length;
      expect(pro.totalCapped).toBe(true);
      expect(pro.total).toBeGreaterThan(0);
      expect(pro.total).toBeLessThan(Math.min(matching, 2001));
      expect(await repo.deleteAllLogs('requests')).toBeGreaterThan(10_050);
      expect(await repo.deleteAllLogs('errors')).toBe(1);
      expect(await repo.usageTotals([0], NOW)).toEqual([{ calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 }]);
      expect((await repo.pageRequestLogs({ limit: 1 })).total).toBe(0);
    });
  });
}

logContract('sqlite', openSqlite);
if (mysqlAvailable) logContract('mysql', openMysql);
