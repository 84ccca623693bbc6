import { describe, expect, test } from 'bun:test';
import { TRPCError } from '@trpc/server';
import { createAdminState } from '../../server/admin/admin-state';
import type { AdminContext } from '../../server/admin/context';
import { appRouter } from '../../server/admin/router';
import type { TokenView } from '../../server/admin/tokens/token-view';
import { createCallerFactory } from '../../server/admin/trpc';
import type { Deps } from '../../server/deps';
import { createTokenRegistry } from '../../server/proxy/tokens';
import { adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { ADMIN_TOKEN, CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// The tokens router: over real HTTP with a session cookie, and through createCaller.
const h = proxyWithFake();
const KEY = `AIza${'t'.repeat(35)}`;
type Created = TokenView & { token: string };

const loggedIn = loggedInAdmin;

const errorCode = async (res: Response) => ((await res.json()) as { error: { data: { code: string } } }).error.data.code;

const generate = (p: RunningProxy, token: string) =>
  fetch(`${p.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': token },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  });

describe('tokens over HTTP', () => {
  test('without a session every procedure is 401 and nothing is written', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const anonymous = adminClient(p);
    const before = await p.repo.listTokens();
    expect((await anonymous.query('tokens.list')).status).toBe(401);
    expect((await anonymous.mutate('tokens.create', { label: 'x' })).status).toBe(401);
    expect((await anonymous.mutate('tokens.reveal', { id: before[0]?.id })).status).toBe(401);
    expect((await anonymous.mutate('tokens.update', { id: before[0]?.id, label: 'hacked' })).status).toBe(401);
    expect((await anonymous.mutate('tokens.delete', { ids: before.map((r) => r.id) })).status).toBe(401);
    expect(await p.repo.listTokens()).toEqual(before);
  });

  test('create generates a strong token shown once; list masks it; reveal gives it whole; the proxy takes it at once', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const created = await trpcData<Created>(await admin.mutate('tokens.create', { label: 'alice', rpmLimit: 60 }));
    expect(created.token).toMatch(/^sk-[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({ label: 'alice', allowedModels: null, expiresAt: null, rpmLimit: 60, createdAt: h.clock.t });
    expect(created.maskedToken).toBe(`${created.token.slice(0, 6)}…${created.token.slice(-4)}`);

    const listed = await trpcData<TokenView[]>(await admin.query('tokens.list'));
    expect(listed.map((t) => t.label)).toEqual(['ALLOWED_TOKENS', 'alice']);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(CLIENT_TOKEN);
    const { token, ...view } = created;
    expect(listed[1]).toEqual(view);
    expect(token).toBe(created.token);

    expect(await trpcData<{ token: string }>(await admin.mutate('tokens.reveal', { id: created.id }))).toEqual({ token: created.token });
    expect(p.logs.some((line) => line.includes(`access token ${created.id} (alice) was revealed`))).toBe(true);
    expect((await generate(p, created.token)).status).toBe(200);
  });

  test('a chosen token is stored as given; the same value again, or the AUTH_TOKEN, is a 409 CONFLICT', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const chosen = 'my-own-token.2025~x';
    const created = await trpcData<Created>(await admin.mutate('tokens.create', { label: 'mine', token: chosen, allowedModels: ['models/gemini-2.5-flash', 'gemini-2.5-flash'] }));
    expect(created).toMatchObject({ token: chosen, allowedModels: ['gemini-2.5-flash'] });
    for (const token of [chosen, CLIENT_TOKEN, ADMIN_TOKEN]) {
      const res = await admin.mutate('tokens.create', { label: 'again', token });
      expect(res.status).toBe(409);
      expect(await errorCode(res)).toBe('CONFLICT');
    }
    expect((await p.repo.listTokens()).map((r) => r.label)).toEqual(['ALLOWED_TOKENS', 'mine']);
  });

  test('update changes only what it is given (null clears); delete removes; unknown ids are 404 / 0', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const created = await trpcData<Created>(await admin.mutate('tokens.create', { label: 'bob', allowedModels: ['gemini-2.5-pro'], rpmLimit: 5, expiresAt: h.clock.t + 60_000 }));
    const updated = await trpcData<TokenView>(await admin.mutate('tokens.update', { id: created.id, label: 'robert', rpmLimit: null }));
    expect(updated).toMatchObject({ label: 'robert', rpmLimit: null, allowedModels: ['gemini-2.5-pro'], expiresAt: h.clock.t + 60_000 });
    expect(await errorCode(await admin.mutate('tokens.update', { id: created.id + 100, label: 'ghost' }))).toBe('NOT_FOUND');
    expect(await errorCode(await admin.mutate('tokens.reveal', { id: created.id + 100 }))).toBe('NOT_FOUND');
    expect(await trpcData(await admin.mutate('tokens.delete', { ids: [created.id, created.id, created.id + 100] }))).toEqual({ deleted: 1 });
    expect((await p.repo.listTokens()).map((r) => r.label)).toEqual(['ALLOWED_TOKENS']);
  });

  test('a cross-site create is refused (403) and writes nothing', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const res = await admin.mutate('tokens.create', { label: 'csrf' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await p.repo.listTokens()).toHaveLength(1);
  });
});

describe('every input is validated: 400 BAD_REQUEST, nothing written', () => {
  // [what is wrong, input, what the error message says]
  const badCreates: [string, Record<string, unknown>, string][] = [
    ['no label', {}, 'label'],
    ['an empty label', { label: '   ' }, 'Give the token a label'],
    ['a 101-character label', { label: 'x'.repeat(101) }, 'at most 100 characters'],
    ['an empty model name', { label: 'a', allowedModels: ['gemini-2.5-flash', ''] }, 'A model name cannot be empty'],
    ['an empty model list', { label: 'a', allowedModels: [] }, 'send null for every model'],
    ['a model that is not a string', { label: 'a', allowedModels: [42] }, 'allowedModels'],
    ['rpmLimit 0', { label: 'a', rpmLimit: 0 }, 'at least 1'],
    ['rpmLimit 100,001', { label: 'a', rpmLimit: 100_001 }, 'at most 100,000'],
    ['a fractional rpmLimit', { label: 'a', rpmLimit: 1.5 }, 'whole number'],
    ['rpmLimit as text', { label: 'a', rpmLimit: '10' }, 'rpmLimit'],
    ['an expiry in the past', { label: 'a', expiresAt: 999_999 }, 'must expire in the future'],
    ['an expiry right now', { label: 'a', expiresAt: 1_000_000 }, 'must expire in the future'],
    ['a token with a space', { label: 'a', token: 'has a space in it' }, 'only letters, digits'],
    ['a token with a comma', { label: 'a', token: 'abcdefgh,ijk' }, 'only letters, digits'],
    ['a 7-character token', { label: 'a', token: 'abcdefg' }, 'at least 8 characters'],
  ];
  test.each(badCreates)('create with %s', async (_, input, says) => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const res = await (await loggedIn(p)).mutate('tokens.create', input);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain(says);
    expect(await p.repo.listTokens()).toHaveLength(1);
  });

  test('update and delete with bad input leave the rows as they were', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const before = await p.repo.listTokens();
    const id = before[0]?.id;
    for (const input of [{ id, rpmLimit: 0 }, { id, label: '' }, { id, allowedModels: [''] }, { id: 'one', label: 'x' }, { label: 'no id' }, { id, expiresAt: -1 }]) {
      expect((await admin.mutate('tokens.update', input)).status).toBe(400);
    }
    for (const input of [{ ids: [] }, { ids: ['1'] }, {}]) expect((await admin.mutate('tokens.delete', input)).status).toBe(400);
    expect(await p.repo.listTokens()).toEqual(before);
  });
});

describe('reloading the registry', () => {
  test('of two overlapping reloads, an older read finishing last is not applied (no deleted token comes back)', async () => {
    const registry = createTokenRegistry([], '');
    const row = (id: number, token: string) => ({ id, token, label: token, allowedModels: null, expiresAt: null, rpmLimit: null, createdAt: 0 });
    let finishOld: (rows: ReturnType<typeof row>[]) => void = () => {};
    const older = registry.reload(() => new Promise((resolve) => (finishOld = resolve)), () => '');
    await registry.reload(async () => [row(2, 'sk-newer-read-0002')], () => '');
    finishOld([row(1, 'sk-older-read-0001')]);
    await older;
    expect(registry.identify('sk-newer-read-0002')).toBeDefined();
    expect(registry.identify('sk-older-read-0001')).toBeUndefined();
  });
});

describe('tokens through createCaller', () => {
  const callerFor = (deps: Deps, session: AdminContext['session']) =>
    createCallerFactory(appRouter)({ deps, admin: createAdminState(), session, address: '127.0.0.1', https: false, crossSite: false, resHeaders: new Headers() });

  test('the same procedures in-process: create, list, update, reveal, delete', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const caller = callerFor(p.deps, { id: 'test-session', expiresAt: h.clock.t + 60_000 });
    const created = await caller.tokens.create({ label: 'in-process', allowedModels: ['gemini-2.5-flash'], expiresAt: h.clock.t + 1_000 });
    expect((await caller.tokens.list()).at(-1)).toMatchObject({ id: created.id, label: 'in-process', allowedModels: ['gemini-2.5-flash'] });
    expect(await caller.tokens.update({ id: created.id, allowedModels: null })).toMatchObject({ allowedModels: null });
    expect(await caller.tokens.reveal({ id: created.id })).toEqual({ token: created.token });
    expect(await caller.tokens.delete({ ids: [created.id] })).toEqual({ deleted: 1 });
    expect(p.deps.tokens.identify(created.token)).toBeUndefined();
  });

  test('no session → UNAUTHORIZED; bad input → BAD_REQUEST', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const anonymous = callerFor(p.deps, null);
    await expect(anonymous.tokens.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const caller = callerFor(p.deps, { id: 'test-session', expiresAt: h.clock.t + 60_000 });
    const error = await caller.tokens.create({ label: 'x', rpmLimit: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await p.repo.listTokens()).toHaveLength(1);
  });
});
