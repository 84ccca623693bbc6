import { afterAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient, trpcData } from '../helpers/admin-client';
import { type OriginalRows, originalMysqlDatabase, originalSqliteDatabase } from '../helpers/gemini-balance-db';
import { freshMysqlDatabase, mysqlAvailable } from '../helpers/mysql';
import { runScript } from '../helpers/run-script';
import { type ServerProcess, startOrThrow } from '../helpers/server-process';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const dirs = tempDirsRemovedAfterAll();
const key = (n: number) => `AIzaSy${String(n).padStart(33, 'k')}`;
const vertexKey = `AQ.Ab8RN6${'v'.repeat(50)}`;
const importScript = (cwd: string, env: Record<string, string>, args: string[]) => runScript('import-gemini-balance.ts', cwd, env, args);

/** A gemini-balance t_settings table as its start-up sync and one dashboard save left it. */
const ORIGINAL: OriginalRows = [
  ['SQLITE_DATABASE', 'default_db'],
  ['MYSQL_HOST', ''],
  ['MYSQL_PORT', '3306'],
  ['API_KEYS', `["${key(1)}", "${key(2)}", "${key(3)}", "${key(2)}"]`],
  ['ALLOWED_TOKENS', '["sk-old-client-1111", "sk-old-client-2222"]'],
  ['AUTH_TOKEN', 'old-admin-password-1'],
  ['BASE_URL', 'https://relay.example.com/v1beta/'],
  ['MAX_FAILURES', '5'],
  ['TEST_MODEL', 'gemini-2.5-flash'],
  ['TIME_OUT', '120'],
  ['MAX_RETRIES', '3'],
  ['PROXIES', '[]'],
  ['PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY', 'true'],
  ['VERTEX_API_KEYS', `["${vertexKey}"]`],
  ['URL_NORMALIZATION_ENABLED', 'false'],
  ['CUSTOM_HEADERS', '{"X-Team": "\\u7814\\u53d1"}'],
  ['SEARCH_MODELS', '["gemini-2.5-pro"]'],
  ['THINKING_MODELS', '["gemini-2.5-flash"]'],
  ['THINKING_BUDGET_MAP', '{"gemini-2.5-flash": 1024.0, "gemini-2.5-pro": -1.0}'],
  ['SAFETY_SETTINGS', '[{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}]'],
  ['SHOW_THINKING_PROCESS', 'false'],
  ['TTS_VOICE_NAME', 'Puck'],
  ['PAID_KEY', key(9)],
  ['UPLOAD_PROVIDER', 'smms'],
  ['SMMS_SECRET_TOKEN', 'None'],
  ['PICGO_API_KEY', ''],
  ['STREAM_MIN_DELAY', '0.016'],
  ['FAKE_STREAM_ENABLED', 'true'],
  ['TIMEZONE', 'Asia/Shanghai'],
  ['LOG_LEVEL', 'warning'],
  ['AUTO_DELETE_REQUEST_LOGS_DAYS', '0'],
  ['ADMIN_SESSION_EXPIRE', '7200'],
  ['OLD_FEATURE_FLAG', 'true'],
];

async function exportedState(server: ServerProcess, authToken: string) {
  const admin = adminClient(server);
  expect((await admin.mutate('auth.login', { token: authToken })).status).toBe(200);
  const { settings } = await trpcData<{ settings: Record<string, unknown> }>(await admin.query('settings.export'));
  const keys: Record<string, string[]> = {};
  for (const kind of ['gemini', 'vertex', 'paid']) {
    const { valid, invalid } = await trpcData<{ valid: string[]; invalid: string[] }>(await admin.query('keys.export', { kind }));
    keys[kind] = [...valid, ...invalid].sort();
  }
  const tokens = await trpcData<{ label: string }[]>(await admin.query('tokens.list'));
  return { settings, keys, tokenLabels: tokens.map((t) => t.label) };
}

/** A client request with an imported token reaches the proxy's auth (no upstream is needed: models.list of a filtered model 404s after auth). */
async function clientTokenAccepted(server: ServerProcess, token: string) {
  const res = await fetch(`${server.url}/v1beta/models/gemini-pro-vision`, { headers: { 'x-goog-api-key': token } });
  return res.status !== 401 && res.status !== 403;
}

function expectImported(state: Awaited<ReturnType<typeof exportedState>>) {
  expect(state.settings.BASE_URL).toBe('https://relay.example.com/v1beta');
  expect(state.settings.MAX_FAILURES).toBe(5);
  expect(state.settings.TIME_OUT).toBe(120);
  expect(state.settings.CUSTOM_HEADERS).toEqual({ 'X-Team': '研发' });
  expect(state.settings.SEARCH_MODELS).toEqual(['gemini-2.5-pro']);
  expect(state.settings.THINKING_BUDGET_MAP).toEqual({ 'gemini-2.5-flash': 1024, 'gemini-2.5-pro': -1 });
  expect(state.settings.SAFETY_SETTINGS).toEqual([{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]);
  expect(state.settings.SHOW_THINKING_PROCESS).toBe(false);
  expect(state.settings.FAKE_STREAM_ENABLED).toBe(true);
  expect(state.settings.TTS_VOICE_NAME).toBe('Puck');
  expect(state.settings.LOG_LEVEL).toBe('WARNING');
  expect(state.settings.ADMIN_SESSION_EXPIRE).toBe(7200);
  // Skipped: the original's 0 ("delete everything") is not valid here, None means empty.
  expect(state.settings.AUTO_DELETE_REQUEST_LOGS_DAYS).toBe(30);
  expect(state.settings.SMMS_SECRET_TOKEN).toBe('');
  expect(state.keys).toEqual({ gemini: [key(1), key(2), key(3)], vertex: [vertexKey], paid: [key(9)] });
  expect(state.tokenLabels).toEqual(['imported from gemini-balance', 'imported from gemini-balance']);
}

describe('scripts/import-gemini-balance.ts', () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of running) await s.stop();
  });

  test('SQLite → SQLite: settings, keys, tokens and the dashboard password arrive; the report says what was skipped and shows no secret', async () => {
    const cwd = dirs.fresh();
    const source = join(cwd, 'default_db');
    await originalSqliteDatabase(source, ORIGINAL);
    const env = { SQLITE_DATABASE: join(cwd, 'new.db') };

    const dry = await importScript(cwd, env, [source, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Would import into the sqlite database ${env.SQLITE_DATABASE} (dry run: nothing written;`);
    expect(dry.stdout).toContain('MAX_FAILURES = 5 (was 3)');
    expect(existsSync(env.SQLITE_DATABASE)).toBe(false);

    const result = await importScript(cwd, env, [source]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(`Read 33 rows of t_settings from gemini-balance's sqlite database ${source}.`);
    expect(out).toContain(`Imported into the sqlite database ${env.SQLITE_DATABASE}:`);
    expect(out).toContain('CUSTOM_HEADERS = 1 entry (values hidden) (was 0 entries (values hidden))');
    expect(out).toContain('API keys: 3 new; Vertex keys: 1 new; paid keys: 1 new');
    expect(out).toContain('access tokens: 2 new');
    expect(out).toContain('MAX_FAILURES = 5 (was 3)');
    expect(out).toContain('the dashboard password is your gemini-balance AUTH_TOKEN');
    expect(out).toContain('MYSQL_HOST: database and listening settings are read from the environment only here');
    expect(out).toContain('OLD_FEATURE_FLAG: not a setting of this server');
    expect(out).toContain('SMMS_SECRET_TOKEN: empty in gemini-balance (None): the default applies');
    expect(out).toContain('AUTO_DELETE_REQUEST_LOGS_DAYS: the value "0" is not valid here: expected a whole number of at least 1; the default applies');
    for (const secret of [key(1), key(9), vertexKey, 'sk-old-client-1111', 'old-admin-password-1']) expect(out).not.toContain(secret);

    const server = await startOrThrow(cwd, env);
    running.push(server);
    expect(server.output()).not.toContain('is not valid');
    expectImported(await exportedState(server, 'old-admin-password-1'));
    expect(await clientTokenAccepted(server, 'sk-old-client-2222')).toBe(true);
    expect(await clientTokenAccepted(server, 'sk-never-issued-0000')).toBe(false);
  }, 60_000);

  test('running it again changes nothing more, and says so', async () => {
    const cwd = dirs.fresh();
    const source = join(cwd, 'default_db');
    await originalSqliteDatabase(source, ORIGINAL);
    const env = { SQLITE_DATABASE: join(cwd, 'new.db') };
    expect((await importScript(cwd, env, [source])).code).toBe(0);
    const again = await importScript(cwd, env, [source]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 settings changed (');
    expect(again.stdout).toContain('API keys: 0 new, 3 already here; Vertex keys: 0 new, 1 already here; paid keys: 0 new, 1 already here');
    expect(again.stdout).toContain('access tokens: 0 new, 2 already here');
  }, 30_000);

  test('an empty AUTH_TOKEN makes the first ALLOWED_TOKENS entry the dashboard password, as in gemini-balance', async () => {
    const cwd = dirs.fresh();
    const source = join(cwd, 'default_db');
    await originalSqliteDatabase(source, [
      ['AUTH_TOKEN', ''],
      ['ALLOWED_TOKENS', '["sk-first-token-1234", "sk-second-token-5678"]'],
      ['API_KEYS', `["${key(4)}"]`],
    ]);
    const env = { SQLITE_DATABASE: join(cwd, 'new.db'), LOG_LEVEL: 'WARNING' };
    const result = await importScript(cwd, env, [source]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('AUTH_TOKEN was empty, so the dashboard password is the first ALLOWED_TOKENS entry');
    const server = await startOrThrow(cwd, env);
    running.push(server);
    expect((await adminClient(server).mutate('auth.login', { token: 'sk-first-token-1234' })).status).toBe(200);
    expect((await adminClient(server).mutate('auth.login', { token: 'sk-second-token-5678' })).status).toBe(401);
  }, 30_000);

  test('into a database a server already uses: settings are replaced, keys and tokens added to those there', async () => {
    const cwd = dirs.fresh();
    const env = { SQLITE_DATABASE: join(cwd, 'live.db'), AUTH_TOKEN: 'current-admin-token', API_KEYS: key(20), LOG_LEVEL: 'WARNING' };
    const first = await startOrThrow(cwd, env);
    await first.stop();
    const source = join(cwd, 'default_db');
    await originalSqliteDatabase(source, ORIGINAL);
    const result = await importScript(cwd, env, [source]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('AUTH_TOKEN is also set in the environment; it wins again only if you change it there and restart.');
    const server = await startOrThrow(cwd, env);
    running.push(server);
    const state = await exportedState(server, 'old-admin-password-1');
    expect(state.keys.gemini).toEqual([key(1), key(2), key(3), key(20)].sort());
    expect(state.settings.MAX_FAILURES).toBe(5);
  }, 45_000);

  test('gemini-balance\'s quirks: a PAID_KEY also in API_KEYS, its Docker placeholders, a password in quotes', async () => {
    const cwd = dirs.fresh();
    const source = join(cwd, 'default_db');
    await originalSqliteDatabase(source, [
      ['API_KEYS', `["${key(5)}", "your_api_key_1"]`],
      ['PAID_KEY', key(5)],
      ['ALLOWED_TOKENS', '["your_token_1", "sk-real-token-9999"]'],
      ['AUTH_TOKEN', '"quoted-admin-pass"'],
    ]);
    const env = { SQLITE_DATABASE: join(cwd, 'new.db'), LOG_LEVEL: 'WARNING' };
    const result = await importScript(cwd, env, [source]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('API keys: 1 new; Vertex keys: 0 new; paid keys: 0 new');
    expect(result.stdout).toContain('a paid key is also listed as an API key: a key has one kind here, so it stays an API key');
    expect(result.stdout).toContain("API_KEYS: a placeholder of gemini-balance's Docker image (your_…_1), public and never a real key: left out");
    expect(result.stdout).toContain('ALLOWED_TOKENS: a placeholder');
    expect(result.stdout).toContain('access tokens: 1 new');
    const server = await startOrThrow(cwd, env);
    running.push(server);
    const state = await exportedState(server, '"quoted-admin-pass"');
    expect(state.keys).toEqual({ gemini: [key(5)], vertex: [], paid: [] });
    expect(await clientTokenAccepted(server, 'your_token_1')).toBe(false);
    expect(await clientTokenAccepted(server, 'sk-real-token-9999')).toBe(true);
  }, 30_000);

  test('refuses to import into gemini-balance\'s own database (an old .env still names it)', async () => {
    const cwd = dirs.fresh();
    await originalSqliteDatabase(join(cwd, 'data', 'default_db'), ORIGINAL);
    const result = await importScript(cwd, { SQLITE_DATABASE: 'default_db' }, ['data/default_db']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The source is the sqlite database ${join(cwd, 'data', 'default_db')}, the one this server is configured to use`);
  }, 30_000);

  test('a source that is missing or not gemini-balance\'s is refused with one line and exit 1', async () => {
    const cwd = dirs.fresh();
    const env = { SQLITE_DATABASE: join(cwd, 'new.db') };
    const missing = await importScript(cwd, env, [join(cwd, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('is not a file');

    const ours = await startOrThrow(cwd, { ...env, LOG_LEVEL: 'WARNING' });
    await ours.stop();
    const wrong = await importScript(cwd, { SQLITE_DATABASE: join(cwd, 'other.db') }, [join(cwd, 'new.db')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('has no t_settings table: is it the database of gemini-balance');

    const usage = await importScript(cwd, env, []);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Usage: bun scripts/import-gemini-balance.ts <source> [--dry-run]');

    const noDb = await importScript(cwd, env, ['mysql://root:secret-pw@127.0.0.1:3306/']);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('names no database');
    expect(noDb.stderr).not.toContain('secret-pw');

    const badEscape = await importScript(cwd, env, ['mysql://root:p%zzsecret@127.0.0.1:3306/gb']);
    expect(badEscape.code).toBe(1);
    expect(badEscape.stderr).toContain('malformed %-escape');
    expect(badEscape.stderr).not.toContain('zzsecret');
  }, 30_000);
});

describe.if(mysqlAvailable)('scripts/import-gemini-balance.ts on MariaDB', () => {
  test('MySQL → MySQL: a gemini-balance MySQL database imported into another; the server starts on it with everything', async () => {
    const source = await originalMysqlDatabase(`gb_original_${randomBytes(4).toString('hex')}`, ORIGINAL);
    const target = await freshMysqlDatabase();
    let server: ServerProcess | undefined;
    try {
      const cwd = dirs.fresh();
      const result = await importScript(cwd, target.env, [source.url]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("from gemini-balance's mysql database gb_original_");
      expect(result.stdout).toContain(`Imported into the mysql database ${target.name} on 127.0.0.1:3306:`);
      server = await startOrThrow(cwd, target.env);
      expectImported(await exportedState(server, 'old-admin-password-1'));
      expect(await clientTokenAccepted(server, 'sk-old-client-1111')).toBe(true);
    } finally {
      await server?.stop();
      await source.drop();
      await target.drop();
    }
  }, 60_000);
});
