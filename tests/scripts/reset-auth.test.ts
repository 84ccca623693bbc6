import { afterAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { adminClient, trpcData } from '../helpers/admin-client';
import { type ServerProcess, startOrThrow } from '../helpers/server-process';
import { runScript } from '../helpers/run-script';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const dirs = tempDirsRemovedAfterAll();

const resetAuth = (cwd: string, env: Record<string, string>, args: string[]) => runScript('reset-auth.ts', cwd, env, args);

const login = (server: ServerProcess, token: string) => adminClient(server).mutate('auth.login', { token });

async function loggedIn(admin: ReturnType<typeof adminClient>) {
  return (await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn;
}

describe('scripts/reset-auth.ts', () => {
  const cwd = dirs.fresh();
  const env = { SQLITE_DATABASE: join(cwd, 'gb.db'), AUTH_TOKEN: 'env-admin-token-1', LOG_LEVEL: 'WARNING' };
  let server: ServerProcess | undefined;
  let generated = '';
  afterAll(async () => {
    await server?.stop();
  });

  test('with the server running: the new token logs in within ~6 s, the old one and its sessions end', async () => {
    server = await startOrThrow(cwd, env);
    const admin = adminClient(server);
    expect((await admin.mutate('auth.login', { token: env.AUTH_TOKEN })).status).toBe(200);
    expect(await loggedIn(admin)).toBe(true);

    const result = await resetAuth(cwd, env, ['reset-token-from-script']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('every dashboard session has ended');
    expect(result.stdout).not.toContain('reset-token-from-script');
    expect(result.stdout).toContain('AUTH_TOKEN is also set in the environment');

    // The session check counts no failed logins, so it can be polled (wrong logins would hit the 429 limit).
    const started = Date.now();
    while ((await loggedIn(admin)) && Date.now() - started < 7_000) await Bun.sleep(200);
    expect(Date.now() - started).toBeLessThan(6_500);
    expect(await loggedIn(admin)).toBe(false);
    expect((await login(server, 'reset-token-from-script')).status).toBe(200);
    expect((await login(server, env.AUTH_TOKEN)).status).toBe(401);
    expect(server.output()).toContain('AUTH_TOKEN was changed in the database');
  }, 30_000);

  test('a token shorter than 8 characters is refused with one line and exit 1; nothing changes', async () => {
    const result = await resetAuth(cwd, env, ['short']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual(['The new AUTH_TOKEN must be at least 8 characters long (give none to have a strong one generated).']);
    if (!server) throw new Error('no server');
    await Bun.sleep(5_500);
    expect((await login(server, 'reset-token-from-script')).status).toBe(200);
  }, 30_000);

  test('without a token: a strong one is generated, printed, and in force at once', async () => {
    if (!server) throw new Error('no server');
    const result = await resetAuth(cwd, env, []);
    expect(result.code).toBe(0);
    const token = /New dashboard password \(AUTH_TOKEN\): (\S+)/.exec(result.stdout)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const started = Date.now();
    let status = 0;
    // One attempt a second: at most ~6 wrong logins, and only after the first (the 429 limit is "more than 5").
    while (Date.now() - started < 7_000) {
      await Bun.sleep(1_100);
      status = (await login(server, token ?? '')).status;
      if (status === 200) break;
    }
    expect(status).toBe(200);
    generated = token ?? '';
  }, 30_000);

  test('a restart with the same (unchanged) env AUTH_TOKEN keeps the reset token', async () => {
    await server?.stop();
    server = await startOrThrow(cwd, env);
    expect((await login(server, generated)).status).toBe(200);
    expect((await login(server, env.AUTH_TOKEN)).status).toBe(401);
    await server.stop();
    const result = await resetAuth(cwd, env, ['token-set-while-stopped']);
    expect(result.code).toBe(0);
    server = await startOrThrow(cwd, env);
    expect((await login(server, 'token-set-while-stopped')).status).toBe(200);
    expect((await login(server, env.AUTH_TOKEN)).status).toBe(401);
    // Restart once more: still the reset token.
    await server.stop();
    server = await startOrThrow(cwd, env);
    expect((await login(server, 'token-set-while-stopped')).status).toBe(200);
  }, 60_000);
});
