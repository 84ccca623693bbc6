import { describe, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken } from '../../server/settings/auth-token';
import { startOrThrow } from '../helpers/server-process';
import { readSqliteFile } from '../helpers/sqlite-file';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const KEY_A = 'AIzaSyA111111111111111111111111111111111';
const KEY_B = 'AIzaSyB222222222222222222222222222222222';
const KEY_C = 'AIzaSyC333333333333333333333333333333333';

const dirs = tempDirsRemovedAfterAll();

/** A deployment folder; run() starts the server there, stops it, and returns what it printed. */
function deployment() {
  const cwd = dirs.fresh();
  return {
    cwd,
    db: join(cwd, 'data', 'gemini-balance.db'),
    async run(env: Record<string, string> = {}) {
      const server = await startOrThrow(cwd, env);
      const output = server.output();
      expect(await server.stop()).toBe(0);
      return output;
    },
  };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('first start', () => {
  test('seeds settings, keys, tokens and the admin token hash from env over .env', async () => {
    const d = deployment();
    writeFileSync(
      join(d.cwd, '.env'),
      `MAX_FAILURES=7\nTEST_MODEL=from-dotenv\nAPI_KEYS=${KEY_A},${KEY_B}\nAUTH_TOKEN=dotenv-admin-token-123456\n`,
    );
    const output = await d.run({ TEST_MODEL: 'from-env', ALLOWED_TOKENS: 'sk-client-1', MYSQL_PASSWORD: 'hunter2-db-secret' });
    expect(output).toContain('First start');
    const stored = await readSqliteFile(d.db);
    expect(stored.settings.get('MAX_FAILURES')).toBe('7');
    expect(stored.settings.get('TEST_MODEL')).toBe('"from-env"');
    expect(stored.settings.get('AUTH_TOKEN_HASH')).toBe(JSON.stringify(hashToken('dotenv-admin-token-123456')));
    expect(stored.keys).toEqual([
      { key: KEY_A, kind: 'gemini' },
      { key: KEY_B, kind: 'gemini' },
    ]);
    expect(stored.tokens).toEqual([{ token: 'sk-client-1', label: 'ALLOWED_TOKENS' }]);
    for (const envOnly of ['DATABASE_TYPE', 'MYSQL_PASSWORD', 'PORT', 'API_KEYS', 'ALLOWED_TOKENS', 'AUTH_TOKEN']) {
      expect(stored.settings.has(envOnly)).toBe(false);
    }
    const file = await Bun.file(d.db).text();
    expect(file).not.toContain('dotenv-admin-token-123456');
    expect(file).not.toContain('hunter2-db-secret');
    for (const secret of [KEY_A, KEY_B, 'sk-client-1', 'dotenv-admin-token-123456']) expect(output).not.toContain(secret);
  });

  test('without AUTH_TOKEN the first ALLOWED_TOKENS entry becomes the dashboard password, with a warning', async () => {
    const d = deployment();
    const output = await d.run({ ALLOWED_TOKENS: '["sk-first","sk-second"]' });
    expect(output).toContain('AUTH_TOKEN is not set: the first ALLOWED_TOKENS entry is the dashboard password');
    expect((await readSqliteFile(d.db)).settings.get('AUTH_TOKEN_HASH')).toBe(JSON.stringify(hashToken('sk-first')));
  });

  test('without any token a strong one is generated and printed once, even with LOG_LEVEL=ERROR', async () => {
    const d = deployment();
    const first = await d.run({ LOG_LEVEL: 'ERROR' });
    const token = /Dashboard password: (\S+) /.exec(first)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect((await readSqliteFile(d.db)).settings.get('AUTH_TOKEN_HASH')).toBe(JSON.stringify(hashToken(token)));
    const second = await d.run();
    expect(second).not.toContain('Dashboard password');
    expect(second).not.toContain(token);
  });
});

describe('later starts', () => {
  test('the database wins; a differing env value is logged once with a hint', async () => {
    const d = deployment();
    await d.run({ MAX_FAILURES: '7', SMMS_SECRET_TOKEN: 'smms-secret-value-123456' });
    const output = await d.run({ MAX_FAILURES: '5', SMMS_SECRET_TOKEN: 'smms-other-value-654321' });
    const line = 'MAX_FAILURES: the environment says 5, the database says 7; the database wins.';
    expect(occurrences(output, line)).toBe(1);
    expect(output).toContain('start once with CONFIG_SOURCE=env to make the environment win');
    expect(output).toContain('SMMS_SECRET_TOKEN: the environment says smms…4321, the database says smms…3456');
    expect(output).not.toContain('smms-other-value-654321');
    expect((await readSqliteFile(d.db)).settings.get('MAX_FAILURES')).toBe('7');
  });

  test('CONFIG_SOURCE=env makes env win and saves it, so it stays after env goes away', async () => {
    const d = deployment();
    await d.run({ MAX_FAILURES: '7', API_KEYS: `${KEY_A},${KEY_B}` });
    const output = await d.run({ CONFIG_SOURCE: 'env', MAX_FAILURES: '5', API_KEYS: `${KEY_B},${KEY_C}` });
    expect(output).toContain('CONFIG_SOURCE=env: MAX_FAILURES taken from the environment and saved to the database.');
    expect(output).toContain('CONFIG_SOURCE=env: API_KEYS from the environment: 1 added, 1 removed.');
    const after = await d.run();
    expect(after).not.toContain('the database wins');
    const stored = await readSqliteFile(d.db);
    expect(stored.settings.get('MAX_FAILURES')).toBe('5');
    expect(stored.keys.map((k) => k.key)).toEqual([KEY_B, KEY_C]);
  });

  test('API_KEYS in env that differ from the key table are reported, and the table is kept', async () => {
    const d = deployment();
    await d.run({ API_KEYS: `${KEY_A},${KEY_B}` });
    const output = await d.run({ API_KEYS: `${KEY_A},${KEY_B},${KEY_C}` });
    expect(output).toContain(
      'API_KEYS: the environment says 3 keys (1 not in the database), the database says 2 keys (0 not in the environment); the database wins.',
    );
    expect(output).not.toContain(KEY_C);
    expect((await readSqliteFile(d.db)).keys.map((k) => k.key)).toEqual([KEY_A, KEY_B]);
  });

  test('an AUTH_TOKEN changed in the environment since the last start becomes the password', async () => {
    const d = deployment();
    await d.run({ AUTH_TOKEN: 'first-admin-token-aaaa' });
    const output = await d.run({ AUTH_TOKEN: 'second-admin-token-bbbb' });
    expect(output).toContain('AUTH_TOKEN from the environment is new since the last start');
    expect((await readSqliteFile(d.db)).settings.get('AUTH_TOKEN_HASH')).toBe(JSON.stringify(hashToken('second-admin-token-bbbb')));
    expect(output).not.toContain('second-admin-token-bbbb');
  });

  test('a setting added by an upgrade (no row yet) is filled from env or its default', async () => {
    const d = deployment();
    await d.run();
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url: `file:${d.db}` });
    await client.execute("DELETE FROM settings WHERE key IN ('TTS_VOICE_NAME', 'TIME_OUT')");
    client.close();
    await d.run({ TIME_OUT: '120' });
    const stored = await readSqliteFile(d.db);
    expect(stored.settings.get('TTS_VOICE_NAME')).toBe('"Zephyr"');
    expect(stored.settings.get('TIME_OUT')).toBe('120');
  });

  test('a .env file removed after the first start changes nothing', async () => {
    const d = deployment();
    writeFileSync(join(d.cwd, '.env'), 'MAX_RETRIES=9\n');
    await d.run();
    rmSync(join(d.cwd, '.env'));
    const output = await d.run();
    expect(output).not.toContain('the database wins');
    expect((await readSqliteFile(d.db)).settings.get('MAX_RETRIES')).toBe('9');
  });
});
