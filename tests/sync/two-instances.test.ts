import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { fingerprint } from '../../server/keypool/keys';
import { adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { eventually } from '../helpers/eventually';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { freshMysqlDatabase, mysqlAvailable } from '../helpers/mysql';
import { ADMIN_TOKEN, CLIENT_TOKEN, generate, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { redisAvailable, redisState, redisUrl } from '../helpers/redis';
import { mysqlConfig } from '../helpers/repositories';

// Issue 9 (part): two instances on one MariaDB share settings, tokens, keys and key states.
const K1 = `AIza${'1'.repeat(35)}`;
const K2 = `AIza${'2'.repeat(35)}`;
const K3 = `AIza${'3'.repeat(35)}`;
const WATCH_MS = 200;

const ask = (p: RunningProxy, token = CLIENT_TOKEN, model = 'gemini-2.5-flash') => generate(p.url, token, model);

describe.if(mysqlAvailable)('two instances on one MariaDB', () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let fake: FakeUpstream;
  let a: RunningProxy;
  let b: RunningProxy;
  beforeAll(async () => {
    db = await freshMysqlDatabase();
    fake = await startFakeUpstream();
    for (const key of [K1, K2, K3]) fake.setKey(key, { kind: 'ok' });
    const options = { upstreamUrl: fake.url, keys: [K1, K2], database: mysqlConfig(db.name), watchMs: WATCH_MS };
    a = await startProxy(options);
    b = await startProxy(options);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
    await db?.drop();
  });

  test('a settings save on one is applied by the other', async () => {
    const admin = await loggedInAdmin(a);
    await trpcData(await admin.mutate('settings.update', { changes: { MAX_RETRIES: 7, LOG_LEVEL: 'DEBUG' } }));
    await eventually(() => b.deps.settings.current.MAX_RETRIES === 7, 'MAX_RETRIES on B');
    expect(b.deps.settings.current.LOG_LEVEL).toBe('DEBUG');
  });

  test('an access token created on one is accepted by the other; deleted, refused by it', async () => {
    const admin = await loggedInAdmin(a);
    const created = await trpcData<{ id: number; token: string }>(await admin.mutate('tokens.create', { label: 'shared' }));
    await eventually(async () => (await ask(b, created.token)).status === 200, 'the new token on B');
    await trpcData(await admin.mutate('tokens.delete', { ids: [created.id] }));
    await eventually(async () => (await ask(b, created.token)).status === 401, 'the deleted token refused on B');
  });

  test('a key disabled on one is left alone by the other (whose own use of it does not undo that); a key added on one is used by the other', async () => {
    for (let i = 0; i < 4; i++) expect((await ask(b)).status).toBe(200);
    const admin = await loggedInAdmin(a);
    await trpcData(await admin.mutate('keys.disable', { ids: [fingerprint(K1)], reason: 'paused on A' }));
    await eventually(() => b.deps.pool.snapshot().find((k) => k.key === K1)?.status === 'disabled', 'K1 disabled on B');
    const before = fake.requests.length;
    for (let i = 0; i < 4; i++) expect((await ask(b)).status).toBe(200);
    expect(new Set(fake.requests.slice(before).map((r) => r.key))).toEqual(new Set([K2]));

    await trpcData(await admin.mutate('keys.add', { text: K3 }));
    await eventually(() => b.deps.pool.has(K3), 'K3 in B\'s pool');
    await trpcData(await admin.mutate('keys.delete', { ids: [fingerprint(K3)] }));
    await eventually(() => !b.deps.pool.has(K3), 'K3 gone from B\'s pool');
  });

  test('a per-model cooldown from a 429 on one is respected by the other', async () => {
    fake.setKey(K2, { kind: 'rate-limited', retryDelay: '60s', models: ['gemini-2.5-pro'] });
    await ask(a, CLIENT_TOKEN, 'gemini-2.5-pro');
    fake.setKey(K2, { kind: 'ok' });
    await eventually(() => (b.deps.pool.snapshot().find((k) => k.key === K2)?.modelCooldowns['gemini-2.5-pro'] ?? 0) > Date.now(), 'K2 cooling for gemini-2.5-pro on B');
    // K1 is disabled and K2 rests for that model: B answers at once, without asking Google.
    const before = fake.requests.length;
    expect((await ask(b, CLIENT_TOKEN, 'gemini-2.5-pro')).status).toBe(503);
    expect(fake.requests.length).toBe(before);
  });

  test('changes made at once on both instances do not undo each other: a disable stays, both cooldowns stay', async () => {
    const admin = await loggedInAdmin(a);
    await trpcData(await admin.mutate('keys.enable', { ids: [fingerprint(K1), fingerprint(K2)] }));
    await eventually(() => b.deps.pool.snapshot().every((k) => k.status === 'active' && Object.keys(k.modelCooldowns).length === 0), 'both keys fresh on B');
    const minute = (model: string) => ({ kind: 'rate-limited' as const, model, retryAfterMs: 60_000 });
    // A disables K1 while B, not knowing yet, counts a 429 on it; A and B rest K2 for different models.
    await trpcData(await admin.mutate('keys.disable', { ids: [fingerprint(K1)], reason: 'admin on A' }));
    b.deps.pool.settle(K1, minute('gemini-2.5-flash'));
    a.deps.pool.settle(K2, minute('gemini-2.5-pro'));
    b.deps.pool.settle(K2, minute('gemini-2.5-flash'));
    await Promise.all([a.deps.pool.flush(), b.deps.pool.flush()]);
    for (const p of [a, b]) {
      await eventually(() => p.deps.pool.snapshot().find((k) => k.key === K1)?.status === 'disabled', 'K1 still disabled');
      await eventually(() => {
        const cooldowns = p.deps.pool.snapshot().find((k) => k.key === K2)?.modelCooldowns ?? {};
        return (cooldowns['gemini-2.5-pro'] ?? 0) > Date.now() && (cooldowns['gemini-2.5-flash'] ?? 0) > Date.now();
      }, 'both K2 cooldowns');
    }
    const rows = (await db.query('SELECT `key`, status, model_cooldowns FROM api_keys')) as { key: string; status: string; model_cooldowns: string }[];
    expect(rows.find((r) => r.key === K1)?.status).toBe('disabled');
    expect(Object.keys(JSON.parse(rows.find((r) => r.key === K2)?.model_cooldowns ?? '{}')).sort()).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
  });
});

describe.if(mysqlAvailable && redisAvailable)('two instances on one MariaDB and Redis', () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let fake: FakeUpstream;
  let a: RunningProxy;
  let b: RunningProxy;
  beforeAll(async () => {
    db = await freshMysqlDatabase();
    fake = await startFakeUpstream();
    for (const key of [K1, K2]) fake.setKey(key, { kind: 'ok' });
    // The database sync every minute only: what arrives sooner came through Redis.
    const options = { upstreamUrl: fake.url, keys: [K1, K2], database: mysqlConfig(db.name), watchMs: 60_000, redisUrl };
    a = await startProxy(options);
    b = await startProxy(options);
    await eventually(async () => (await redisState(b.url)) === 'connected', 'B connected to Redis');
    await eventually(async () => (await redisState(a.url)) === 'connected', 'A connected to Redis');
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
    await db?.drop();
  });

  test('a 429 cooldown on one is respected by the other at once, and a token limit is one count for both', async () => {
    fake.setKey(K2, { kind: 'rate-limited', retryDelay: '60s', models: ['gemini-2.5-pro'] });
    fake.setKey(K1, { kind: 'rate-limited', retryDelay: '60s', models: ['gemini-2.5-pro'] });
    expect((await ask(a, CLIENT_TOKEN, 'gemini-2.5-pro')).status).toBe(429);
    await eventually(() => b.deps.pool.snapshot().every((k) => (k.modelCooldowns['gemini-2.5-pro'] ?? 0) > Date.now()), 'both keys cooling on B', 500);
    // Every key rests for that model: B answers at once (503, no key to try) without asking Google.
    const before = fake.requests.length;
    expect((await ask(b, CLIENT_TOKEN, 'gemini-2.5-pro')).status).toBe(503);
    expect(fake.requests.length).toBe(before);

    const admin = await loggedInAdmin(a);
    const created = await trpcData<{ id: number; token: string }>(await admin.mutate('tokens.create', { label: 'limited', rpmLimit: 4 }));
    // The token reaches B through the database sync (slowed down here): read it now.
    await b.deps.tokens.reload(() => b.deps.repo.listTokens(), () => b.deps.settings.authTokenHash);
    const statuses: number[] = [];
    for (const p of [a, b, a, b, a, b]) statuses.push((await ask(p, created.token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe.if(mysqlAvailable)('dashboard sessions across instances on one MariaDB', () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let fake: FakeUpstream;
  const running: RunningProxy[] = [];
  beforeAll(async () => {
    db = await freshMysqlDatabase();
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await fake?.stop();
    await db?.drop();
  });

  test('a logout on one ends that session on the others, and on an instance started later', async () => {
    const options = { upstreamUrl: fake.url, keys: [K1], database: mysqlConfig(db.name), watchMs: WATCH_MS };
    const [a, b] = [await startProxy(options), await startProxy(options)];
    running.push(a, b);
    const onA = adminClient(a);
    expect((await onA.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
    const cookie = onA.cookie();
    const onB = adminClient(b);
    onB.setCookie(cookie);
    const loggedIn = async (client: ReturnType<typeof adminClient>) => (await trpcData<{ loggedIn: boolean }>(await client.query('auth.session'))).loggedIn;
    // The same cookie works on both instances (one secret in the database)...
    expect(await loggedIn(onB)).toBe(true);
    expect((await onA.mutate('auth.logout')).status).toBe(200);
    // ...and the logout on A ends it on B within the database watch.
    await eventually(async () => !(await loggedIn(onB)), 'the session ended on B');
    const c = await startProxy(options);
    running.push(c);
    const onC = adminClient(c);
    onC.setCookie(cookie);
    expect(await loggedIn(onC)).toBe(false);
  });
});
