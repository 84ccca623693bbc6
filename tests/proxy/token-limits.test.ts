import { describe, expect, test } from 'bun:test';
import type { TokenView } from '../../server/admin/tokens/token-view';
import { createRateLimiter } from '../../server/proxy/rate-limit';
import { adminClient, trpcData } from '../helpers/admin-client';
import { ADMIN_TOKEN, CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// Every access-token property, set through the admin API, is enforced by the proxy on the next request.
const h = proxyWithFake();
const KEY = `AIza${'L'.repeat(35)}`;
const FLASH = 'gemini-2.5-flash';
const PRO = 'gemini-2.5-pro';

interface Admin {
  create(input: Record<string, unknown>): Promise<string>;
  update(input: Record<string, unknown>): Promise<TokenView>;
  idOf(token: string): Promise<number>;
}

async function start(): Promise<{ p: RunningProxy; admin: Admin; upstreamCalls: () => number }> {
  const { f, p } = await h.setup({ [KEY]: { kind: 'ok' } });
  const client = adminClient(p);
  await client.mutate('auth.login', { token: ADMIN_TOKEN });
  const admin: Admin = {
    create: async (input) => (await trpcData<{ token: string }>(await client.mutate('tokens.create', input))).token,
    update: async (input) => trpcData<TokenView>(await client.mutate('tokens.update', input)),
    idOf: async (token) => (await p.repo.listTokens()).find((r) => r.token === token)?.id ?? -1,
  };
  return { p, admin, upstreamCalls: () => f.requests.length };
}

const native = (p: RunningProxy, token: string, model = FLASH) =>
  fetch(`${p.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': token },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  });

const openai = (p: RunningProxy, token: string, path: string, body: unknown) =>
  fetch(`${p.url}/v1/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

const chat = (p: RunningProxy, token: string, model = FLASH) => openai(p, token, 'chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] });

const statuses = async (n: number, send: () => Promise<Response>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
};

describe('the sliding-window limiter', () => {
  test('admits `limit` in any 60 s and says when the oldest ages out; refusals do not count', () => {
    const limiter = createRateLimiter();
    const t0 = 1_000_000;
    for (const at of [t0, t0 + 20_000, t0 + 40_000]) expect(limiter.admit(1, 3, at)).toBeNull();
    expect(limiter.admit(1, 3, t0 + 50_000)).toBe(10_000);
    expect(limiter.admit(1, 3, t0 + 59_999)).toBe(1);
    // Exactly 60 s after the first, it no longer counts: a sliding window, not a fixed minute.
    expect(limiter.admit(1, 3, t0 + 60_000)).toBeNull();
    expect(limiter.admit(1, 3, t0 + 61_000)).toBe(19_000);
    expect(limiter.admit(2, 3, t0 + 61_000)).toBeNull();
  });

  test('a lowered limit waits until enough have aged out; retain forgets deleted subjects', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 5; i++) expect(limiter.admit(7, 5, i * 1000)).toBeNull();
    // 5 in the window, limit now 2: four must age out for a slot, the fourth at 3,000 + 60,000.
    expect(limiter.admit(7, 2, 10_000)).toBe(53_000);
    expect(limiter.admit(7, 2, 62_000)).toBe(1_000);
    limiter.retain((subject) => subject !== 7);
    expect(limiter.admit(7, 2, 62_000)).toBeNull();
  });

  test('stays exact over a long run (the queue is compacted as it goes)', () => {
    const limiter = createRateLimiter();
    let admitted = 0;
    for (let at = 0; at < 600_000; at += 100) if (limiter.admit(1, 10, at) === null) admitted++;
    expect(admitted).toBe(100);
  });
});

describe('rpmLimit through the proxy', () => {
  test('native: the 4th request in a minute is a Google-shaped 429 with Retry-After, Google is not called', async () => {
    const { p, admin, upstreamCalls } = await start();
    const token = await admin.create({ label: 'three a minute', rpmLimit: 3 });
    expect(await statuses(3, () => native(p, token))).toEqual([200, 200, 200]);
    const before = upstreamCalls();
    const refused = await native(p, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: object }).error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(upstreamCalls()).toBe(before);
    h.clock.t += 30_000;
    expect((await native(p, token)).headers.get('retry-after')).toBe('30');
    h.clock.t += 30_000;
    expect((await native(p, token)).status).toBe(200);
  });

  test('OpenAI routes answer in OpenAI shape: rate_limit_error / rate_limit_exceeded', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'one a minute', rpmLimit: 1 });
    expect((await chat(p, token)).status).toBe(200);
    h.clock.t += 15_500;
    const refused = await chat(p, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(((await refused.json()) as { error: object }).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null });
  });

  test('one HTTP request counts once, even when it becomes several upstream calls (150 embeddings)', async () => {
    const { p, admin, upstreamCalls } = await start();
    const token = await admin.create({ label: 'two a minute', rpmLimit: 2 });
    const inputs = Array.from({ length: 150 }, (_, i) => `text ${i}`);
    expect((await openai(p, token, 'embeddings', { model: 'text-embedding-004', input: inputs })).status).toBe(200);
    expect(upstreamCalls()).toBe(2);
    expect(await statuses(2, () => chat(p, token))).toEqual([200, 429]);
  });

  test('limits are per token; AUTH_TOKEN and tokens without a limit are never limited', async () => {
    const { p, admin } = await start();
    const limited = await admin.create({ label: 'limited', rpmLimit: 1 });
    const other = await admin.create({ label: 'other', rpmLimit: 1 });
    expect(await statuses(2, () => native(p, limited))).toEqual([200, 429]);
    expect((await native(p, other)).status).toBe(200);
    expect(await statuses(5, () => native(p, ADMIN_TOKEN))).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(5, () => native(p, CLIENT_TOKEN))).toEqual([200, 200, 200, 200, 200]);
  });

  test('a changed limit applies at once and keeps the count of the last minute', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'changing', rpmLimit: 2 });
    const id = await admin.idOf(token);
    expect(await statuses(3, () => native(p, token))).toEqual([200, 200, 429]);
    await admin.update({ id, rpmLimit: 3 });
    expect(await statuses(2, () => native(p, token))).toEqual([200, 429]);
    await admin.update({ id, rpmLimit: null });
    expect(await statuses(3, () => native(p, token))).toEqual([200, 200, 200]);
  });
});

describe('the other properties apply to the next request', () => {
  test('a deleted token is refused at once (401)', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'doomed' });
    expect((await native(p, token)).status).toBe(200);
    const client = adminClient(p);
    await client.mutate('auth.login', { token: ADMIN_TOKEN });
    await client.mutate('tokens.delete', { ids: [await admin.idOf(token)] });
    expect((await native(p, token)).status).toBe(401);
    expect((await chat(p, token)).status).toBe(401);
  });

  test('expiry: refused once the clock passes it, or at once when moved into the past; accepted again when moved on', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'short-lived', expiresAt: h.clock.t + 10_000 });
    const id = await admin.idOf(token);
    expect((await native(p, token)).status).toBe(200);
    h.clock.t += 10_000;
    const expired = await native(p, token);
    expect(expired.status).toBe(401);
    expect(JSON.stringify(await expired.json())).toContain('expired');
    await admin.update({ id, expiresAt: h.clock.t + 60_000 });
    expect((await native(p, token)).status).toBe(200);
    await admin.update({ id, expiresAt: h.clock.t - 1 });
    expect((await chat(p, token)).status).toBe(401);
  });

  test('allowedModels: another model is a 403 in either dialect; models/ prefixes match; a change applies at once', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'flash only', allowedModels: [FLASH] });
    expect((await native(p, token)).status).toBe(200);
    expect((await chat(p, token, `models/${FLASH}`)).status).toBe(200);
    const nativePro = await native(p, token, PRO);
    expect(nativePro.status).toBe(403);
    expect(((await nativePro.json()) as { error: object }).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    const chatPro = await chat(p, token, PRO);
    expect(chatPro.status).toBe(403);
    expect(((await chatPro.json()) as { error: object }).error).toMatchObject({ type: 'permission_error', code: 'model_not_allowed' });
    await admin.update({ id: await admin.idOf(token), allowedModels: [PRO] });
    expect((await native(p, token, PRO)).status).toBe(200);
    expect((await native(p, token)).status).toBe(403);
  });

  test('a new label is what the next request-log rows carry', async () => {
    const { p, admin } = await start();
    const token = await admin.create({ label: 'before' });
    expect((await native(p, token)).status).toBe(200);
    await admin.update({ id: await admin.idOf(token), label: 'after' });
    expect((await native(p, token)).status).toBe(200);
    const deadline = Date.now() + 5_000;
    let labels: (string | null)[] = [];
    while (labels.length < 2 && Date.now() < deadline) {
      await Bun.sleep(20);
      labels = (await p.repo.listRequestLogs(10)).map((r) => r.tokenLabel);
    }
    expect(labels).toEqual(['after', 'before']);
  });
});
