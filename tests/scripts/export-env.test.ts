import { afterAll, describe, expect, test } from 'bun:test';
import { appendFileSync, copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient, trpcData } from '../helpers/admin-client';
import { type ServerProcess, startOrThrow } from '../helpers/server-process';
import { runScript } from '../helpers/run-script';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const dirs = tempDirsRemovedAfterAll();
const key = (n: number) => `AIza${String(n).padStart(35, 'x')}`;

const exportEnv = (cwd: string, env: Record<string, string>, args: string[]) => runScript('export-env.ts', cwd, env, args);

async function loginAs(server: ServerProcess, token: string) {
  const admin = adminClient(server);
  const res = await admin.mutate('auth.login', { token });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return admin;
}

/** Everything the round trip must keep, as the admin API shows it (secrets in full where the API gives them). */
async function snapshot(server: ServerProcess, authToken: string) {
  const admin = await loginAs(server, authToken);
  const view = await trpcData<{ settings: unknown[]; differences: unknown[] }>(await admin.query('settings.get'));
  const full = await trpcData<{ settings: Record<string, unknown> }>(await admin.query('settings.export'));
  const keys: Record<string, string[]> = {};
  for (const kind of ['gemini', 'vertex', 'paid']) {
    const { valid, invalid } = await trpcData<{ valid: string[]; invalid: string[] }>(await admin.query('keys.export', { kind }));
    keys[kind] = [...valid, ...invalid].sort();
  }
  const listed = await trpcData<{ id: number }[]>(await admin.query('tokens.list'));
  const tokens: string[] = [];
  for (const { id } of listed) tokens.push((await trpcData<{ token: string }>(await admin.mutate('tokens.reveal', { id }))).token);
  return { settings: view.settings, full: full.settings, keys, tokens: tokens.sort() };
}

describe('scripts/export-env.ts', () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of running) await s.stop();
  });

  test('round trip: export, start on an empty database from the file alone → same settings, keys and tokens', async () => {
    const cwdA = dirs.fresh();
    const envA = {
      SQLITE_DATABASE: join(cwdA, 'a.db'),
      AUTH_TOKEN: 'admin-token-a-1',
      LOG_LEVEL: 'WARNING',
      API_KEYS: JSON.stringify([key(1), key(2), key(3)]),
      VERTEX_API_KEYS: `${key(11)},${key(12)}`,
      PAID_KEY: key(21),
      ALLOWED_TOKENS: '["sk-client-one-111","sk-client-two-222"]',
      MAX_FAILURES: '7',
      STREAM_MIN_DELAY: '0.05',
      URL_NORMALIZATION_ENABLED: 'yes',
      CUSTOM_HEADERS: '{"X-Team":"it\'s \\"ours\\" #1"}',
      THINKING_BUDGET_MAP: '{"gemini-2.5-flash":1024,"gemini-2.5-pro":-1}',
      SEARCH_MODELS: 'gemini-2.5-pro',
      SMMS_SECRET_TOKEN: "secret-with-'quote'-and-`tick`",
    };
    const a = await startOrThrow(cwdA, envA);
    running.push(a);
    const admin = await loginAs(a, envA.AUTH_TOKEN);
    const update = await admin.mutate('settings.update', {
      changes: { MAX_RETRIES: 9, TIMEZONE: 'Europe/Berlin', TTS_VOICE_NAME: 'Puck $HOME #x', PROXIES: ['http://u:p@proxy.example:8080'] },
    });
    expect(update.status).toBe(200);
    expect((await admin.mutate('tokens.create', { label: 'dashboard', token: 'sk-dashboard-made-333', rpmLimit: 10 })).status).toBe(200);
    expect((await admin.mutate('keys.add', { text: `${key(4)} ${key(5)}` })).status).toBe(200);
    const before = await snapshot(a, envA.AUTH_TOKEN);
    expect(before.keys.gemini).toHaveLength(5);
    expect(before.tokens).toHaveLength(3);

    const result = await exportEnv(cwdA, envA, []);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(cwdA, '.env.export');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# AUTH_TOKEN (the dashboard password) cannot be exported');
    expect(text).not.toContain(envA.AUTH_TOKEN);

    // The new server knows nothing but the file (plus the AUTH_TOKEN the comment asks for).
    const cwdB = dirs.fresh();
    copyFileSync(file, join(cwdB, '.env'));
    appendFileSync(join(cwdB, '.env'), 'AUTH_TOKEN=admin-token-b-1\n');
    // As when started from the app folder: Bun's own .env autoload (which expands $VARS) stays off.
    copyFileSync(join(import.meta.dir, '..', '..', 'bunfig.toml'), join(cwdB, 'bunfig.toml'));
    const b = await startOrThrow(cwdB, {});
    running.push(b);
    expect(b.output()).not.toContain('the database wins');
    const after = await snapshot(b, 'admin-token-b-1');
    expect(after.settings).toEqual(before.settings);
    expect(after.full).toEqual(before.full);
    expect(after.full.MAX_RETRIES).toBe(9);
    expect(after.full.CUSTOM_HEADERS).toEqual({ 'X-Team': 'it\'s "ours" #1' });
    expect(after.keys).toEqual(before.keys);
    expect(after.tokens).toEqual(before.tokens);
  }, 60_000);

  test('refuses to overwrite an existing file without --force; with it the file is replaced and stays mode 600', async () => {
    const cwd = dirs.fresh();
    const env = { SQLITE_DATABASE: join(cwd, 'c.db'), AUTH_TOKEN: 'admin-token-c-1', LOG_LEVEL: 'WARNING', API_KEYS: key(31) };
    const server = await startOrThrow(cwd, env);
    running.push(server);
    const path = join(cwd, 'out.env');
    await Bun.write(path, 'KEEP=1\n');
    const refused = await exportEnv(cwd, env, [path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(path, 'utf8')).toBe('KEEP=1\n');

    const forced = await exportEnv(cwd, env, [path, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(`API_KEYS='["${key(31)}"]'`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  }, 60_000);
});
