import { describe, expect, test } from 'bun:test';
import { adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import type { RunningProxy } from '../helpers/proxy-app';
import { ADMIN_TOKEN, startProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

const h = proxyWithFake();
const GOOD = `AIza${'g'.repeat(35)}`;
const BAD = `AIza${'b'.repeat(35)}`;

interface View {
  settings: { name: string; value: unknown; secret: boolean; masked: string | null; live: boolean; expected: string }[];
}
interface ErrorBody {
  error: { message: string; data: { code: string; httpStatus: number; fields: { name: string; message: string }[] | null } };
}

const loggedIn = loggedInAdmin;

const storedRow = async (p: RunningProxy, key: string) => (await p.repo.readSettings()).find((r) => r.key === key)?.value;

describe('settings.get', () => {
  test('every editable setting with its value and metadata; secrets masked; bootstrap and table-backed ones absent', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { PROXIES: '["http://alice:s3cr3tpw@10.0.0.1:8080"]' });
    const view = await trpcData<View>(await (await loggedIn(p)).query('settings.get'));
    const byName = new Map(view.settings.map((s) => [s.name, s]));
    expect(byName.get('TIME_OUT')).toMatchObject({ value: 300, secret: false, live: true });
    expect(byName.get('PROXIES')).toMatchObject({ value: null, secret: true, masked: '1 item' });
    expect(JSON.stringify(view)).not.toContain('s3cr3tpw');
    for (const name of ['PORT', 'DATABASE_TYPE', 'API_KEYS', 'ALLOWED_TOKENS', 'AUTH_TOKEN']) expect(byName.has(name)).toBe(false);
  });

  test('without a session → 401', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } });
    expect((await adminClient(p).query('settings.get')).status).toBe(401);
  });
});

describe('settings.update', () => {
  test('a valid change is written to the database and applied to the proxy at once', async () => {
    const { p, f } = await h.setup({ [BAD]: { kind: 'server-error', status: 503 }, [GOOD]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const res = await admin.mutate('settings.update', { changes: { MAX_RETRIES: 0, LOG_LEVEL: 'DEBUG' } });
    expect(await trpcData<{ saved: string[] }>(res)).toEqual({ saved: ['MAX_RETRIES', 'LOG_LEVEL'] });
    expect(await storedRow(p, 'MAX_RETRIES')).toBe('0');
    expect(p.deps.settings.current.MAX_RETRIES).toBe(0);
    // With no retries, a failing key's error reaches the client instead of another key's answer.
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${p.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': ADMIN_TOKEN, 'content-type': 'application/json' },
        body: '{"contents":[{"parts":[{"text":"hi"}]}]}',
      });
      statuses.push(r.status);
    }
    expect(statuses.sort()).toEqual([200, 503]);
    expect(f.requests.length).toBe(2);
  });

  test('one bad field refuses the whole save, names each field, and writes nothing', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const before = await p.repo.readSettings();
    const res = await admin.mutate('settings.update', { changes: { MAX_RETRIES: 1, TIME_OUT: 0, PORT: 9000, API_KEYS: [], NOPE: 1 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.data.fields?.map((f) => f.name).sort()).toEqual(['API_KEYS', 'NOPE', 'PORT', 'TIME_OUT']);
    expect(body.error.data.fields?.find((f) => f.name === 'TIME_OUT')?.message).toContain('expected');
    expect(body.error.data.fields?.find((f) => f.name === 'PORT')?.message).toContain('environment');
    expect(await p.repo.readSettings()).toEqual(before);
    expect(p.deps.settings.current.MAX_RETRIES).toBe(3);
  });

  test('a refused secret is not quoted back, a built-in property name is a 400, and no stack trace is sent', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const res = await admin.mutate('settings.update', { changes: { PROXIES: 'http://alice:hunter2pw@host:1' } });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('hunter2pw');
    expect(text).not.toContain('"stack"');
    expect((await admin.mutate('settings.update', { changes: { toString: 1 } })).status).toBe(400);
  });

  test('a saved setting survives a restart', async () => {
    const { p, f } = await h.setup({ [GOOD]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    await trpcData(await admin.mutate('settings.update', { changes: { TIME_OUT: 42, SAFETY_SETTINGS: [] } }));
    const path = p.sqlitePath;
    await p.deps.recorder.flush();
    const again = await startProxy({ upstreamUrl: f.url, keys: [GOOD], sqlitePath: path });
    try {
      expect(again.deps.settings.current.TIME_OUT).toBe(42);
      expect(again.deps.settings.current.SAFETY_SETTINGS).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});

describe('reset, export and import', () => {
  test('reset puts every setting back to its default', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { TIME_OUT: '10', SHOW_SEARCH_LINK: 'false' });
    const admin = await loggedIn(p);
    const { saved } = await trpcData<{ saved: string[] }>(await admin.mutate('settings.reset'));
    expect(saved).toContain('TIME_OUT');
    expect(p.deps.settings.current.TIME_OUT).toBe(300);
    expect(p.deps.settings.current.SHOW_SEARCH_LINK).toBe(true);
  });

  test('export then import restores the settings; a foreign file is refused', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { TIME_OUT: '77' });
    const admin = await loggedIn(p);
    const file = await trpcData<{ format: string; settings: Record<string, unknown> }>(await admin.query('settings.export'));
    expect(file.settings.TIME_OUT).toBe(77);
    await trpcData(await admin.mutate('settings.update', { changes: { TIME_OUT: 5 } }));
    expect(await trpcData<{ saved: string[] }>(await admin.mutate('settings.import', file))).toEqual({ saved: ['TIME_OUT'] });
    expect(p.deps.settings.current.TIME_OUT).toBe(77);
    expect((await admin.mutate('settings.import', { settings: { TIME_OUT: 1 } })).status).toBe(400);
  });
});

describe('settings.changeAuthToken', () => {
  test('ends every session; only the new token logs in, and the proxy accepts it as a client token', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const other = await loggedIn(p);
    expect((await admin.mutate('settings.changeAuthToken', { token: 'short' })).status).toBe(400);
    expect((await admin.mutate('settings.changeAuthToken', { token: 'a-new-admin-token-42' })).status).toBe(200);
    expect((await other.query('settings.get')).status).toBe(401);
    expect((await adminClient(p).mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(401);
    expect((await adminClient(p).mutate('auth.login', { token: 'a-new-admin-token-42' })).status).toBe(200);
    const proxied = await fetch(`${p.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'a-new-admin-token-42' } });
    expect(proxied.status).toBe(200);
    expect(await storedRow(p, 'AUTH_TOKEN_HASH')).not.toContain('a-new-admin-token-42');
  });
});
