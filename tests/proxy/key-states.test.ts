import { describe, expect, test } from 'bun:test';
import type { KeyState } from '../../server/keypool/machine';
import type { FakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// DESIGN §5, row by row, through real HTTP: what the client gets, the key's state, and which keys Google saw.
const FLASH = 'gemini-2.5-flash';
const PRO = 'gemini-2.5-pro';
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C, D] = [key('A'), key('B'), key('C'), key('D')];

const { clock, setup } = proxyWithFake();

const headers = { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' };
const generate = (p: RunningProxy, model = FLASH, signal?: AbortSignal) =>
  fetch(`${p.url}/v1beta/models/${model}:generateContent`, { method: 'POST', headers, body: BODY, signal });
const state = (p: RunningProxy, k: string): KeyState => {
  const found = p.deps.pool.snapshot().find((s) => s.key === k);
  if (!found) throw new Error('key not in the pool');
  return found;
};
const seen = (f: FakeUpstream) => f.requests.map((r) => r.key);
async function waitFor(condition: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await Bun.sleep(10);
  expect(condition()).toBe(true);
}

describe('key states (DESIGN §5)', () => {
  test('a success clears the failures a 500 left on the key', async () => {
    const { f, p } = await setup({ [A]: { kind: 'server-error', status: 500 }, [B]: { kind: 'ok' } });
    expect((await generate(p)).status).toBe(200);
    expect(state(p, A).failures).toBe(1);
    f.setKey(A, { kind: 'ok' });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual([A, B, A]);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 0 });
  });

  test('a 429 rests the key for that model only, until RetryInfo says, without counting a failure', async () => {
    const { f, p } = await setup({ [A]: { kind: 'rate-limited', retryDelay: '41s', models: [FLASH] }, [B]: { kind: 'ok' } });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual([A, B]);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 0, modelCooldowns: { [FLASH]: clock.t + 41_000 } });
    expect((await generate(p, PRO)).status).toBe(200);
    expect(f.requests.at(-1)).toMatchObject({ key: A, path: `/v1beta/models/${PRO}:generateContent` });
    const before = f.requests.length;
    for (let i = 0; i < 3; i++) expect((await generate(p)).status).toBe(200);
    expect(seen(f).slice(before)).toEqual([B, B, B]);
    clock.t += 41_001;
    f.setKey(A, { kind: 'ok' });
    const after = f.requests.length;
    for (let i = 0; i < 2; i++) expect((await generate(p)).status).toBe(200);
    expect(seen(f).slice(after)).toContain(A);
    expect(state(p, A).modelCooldowns[FLASH]).toBeUndefined();
  });

  test.each([
    ['400 API_KEY_INVALID', { kind: 'invalid-key' } as const, /API_KEY_INVALID/],
    ['403 PERMISSION_DENIED', { kind: 'permission-denied' } as const, /SERVICE_DISABLED|PERMISSION_DENIED/],
  ])('%s disables the key with the reason; the client still gets 200 and the key is never picked again', async (_, bad, reason) => {
    const { f, p } = await setup({ [A]: bad, [B]: { kind: 'ok' } });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual([A, B]);
    expect(state(p, A).status).toBe('disabled');
    expect(state(p, A).disabledReason ?? '').toMatch(reason);
    for (let i = 0; i < 4; i++) expect((await generate(p, i % 2 ? FLASH : PRO)).status).toBe(200);
    expect(seen(f).slice(2)).toEqual([B, B, B, B]);
  });

  test.each([500, 503] as const)('%i counts a failure; MAX_FAILURES in a row rests the key, a later success revives it', async (status) => {
    const { f, p } = await setup({ [A]: { kind: 'server-error', status }, [B]: { kind: 'ok' } }, { MAX_FAILURES: '2' });
    expect((await generate(p)).status).toBe(200);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 1 });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual([A, B, A, B]);
    expect(state(p, A)).toMatchObject({ status: 'cooling', failures: 2, cooldownUntil: clock.t + 60_000, disabledReason: null });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f).slice(4)).toEqual([B]);
    f.setKey(A, { kind: 'ok' });
    clock.t += 60_001;
    expect((await generate(p)).status).toBe(200);
    expect(seen(f).slice(5)).toEqual([A]);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 0, cooldownUntil: null });
  });

  test.each([
    ['GET of an unknown model', 404, 'GET', '/v1beta/models/no-such-model', null],
    ['POST with a malformed body', 400, 'POST', '/v1beta/models/text-embedding-004:batchEmbedContents', 'not json'],
  ])('the client’s own mistake (%s, %i) is passed back as is, tried on one key only', async (_, status, method, path, body) => {
    const { f, p } = await setup({ [A]: { kind: 'ok' }, [B]: { kind: 'ok' } });
    const direct = await fetch(`${f.url}${path}`, { method, headers: { 'x-goog-api-key': A }, body });
    const expected = { status: direct.status, body: await direct.text() };
    f.requests.length = 0;
    const before = [state(p, A), state(p, B)].map(({ lastUsedAt: _, ...rest }) => rest);
    const res = await fetch(`${p.url}${path}`, { method, headers, body });
    expect({ status: res.status, body: await res.text() }).toEqual(expected);
    expect(expected.status).toBe(status);
    expect(f.requests).toHaveLength(1);
    expect([state(p, A), state(p, B)].map(({ lastUsedAt: _, ...rest }) => rest)).toEqual(before);
  });

  test('retries go to a different key each time, MAX_RETRIES + 1 at most, and the client gets Google’s last answer', async () => {
    const failing = { kind: 'server-error', status: 500 } as const;
    const { f, p } = await setup({ [A]: failing, [B]: failing, [C]: failing }, { MAX_RETRIES: '1' });
    const res = await generate(p);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 500, status: 'INTERNAL' } });
    expect(seen(f)).toEqual([A, B]);
  });

  test('rejected and rate-limited keys do not use up MAX_RETRIES: past five dead keys, the sixth answers', async () => {
    const keys = ['P', 'Q', 'R', 'S', 'T', 'U'].map((c) => `AIza${c.repeat(35)}`);
    const [p1, p2, p3, p4, p5, good] = keys as [string, string, string, string, string, string];
    const { f, p } = await setup(
      { [p1]: { kind: 'invalid-key' }, [p2]: { kind: 'rate-limited' }, [p3]: { kind: 'permission-denied' }, [p4]: { kind: 'rate-limited' }, [p5]: { kind: 'invalid-key' }, [good]: { kind: 'ok' } },
      { MAX_RETRIES: '1' },
    );
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual(keys);
  });

  test('an upstream that does not answer within TIME_OUT counts as a failure; the next key answers', async () => {
    const { f, p } = await setup({ [A]: { kind: 'hang' }, [B]: { kind: 'ok' } }, { TIME_OUT: '1' });
    const started = performance.now();
    expect((await generate(p)).status).toBe(200);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(2500);
    expect(seen(f)).toEqual([A, B]);
    expect(state(p, A).failures).toBe(1);
    await waitFor(() => f.openRequests() === 0);
  });

  test('a dropped upstream connection counts as a failure and is retried on another key', async () => {
    const { f, p } = await setup({ [A]: { kind: 'drop' }, [B]: { kind: 'ok' } });
    expect((await generate(p)).status).toBe(200);
    expect(seen(f)).toEqual([A, B]);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 1 });
    expect(state(p, B).failures).toBe(0);
  });

  test('a client that gives up leaves the key alone and closes the upstream request', async () => {
    const { f, p } = await setup({ [A]: { kind: 'hang' }, [B]: { kind: 'ok' } });
    const client = new AbortController();
    const pending = generate(p, FLASH, client.signal).catch((e: unknown) => e);
    await waitFor(() => f.openRequests() === 1);
    client.abort();
    expect(await pending).toBeInstanceOf(Error);
    await waitFor(() => f.openRequests() === 0);
    await waitFor(() => state(p, A).lastUsedAt !== null);
    await Bun.sleep(50);
    expect(seen(f)).toEqual([A]);
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 0, cooldownUntil: null });
  });

  test('when 3 keys fail at once the breaker answers 503 with Retry-After without calling Google, then closes', async () => {
    const down = { kind: 'server-error', status: 503 } as const;
    const { f, p } = await setup({ [A]: down, [B]: down, [C]: down, [D]: down });
    const first = await generate(p);
    expect(first.status).toBe(503);
    // The request during which the breaker opened already tells the client when to come back.
    expect(first.headers.get('retry-after')).toBe('30');
    expect(seen(f)).toEqual([A, B, C]);
    for (let i = 0; i < 3; i++) {
      const res = await generate(p);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    }
    expect(f.requests).toHaveLength(3);
    const states = [A, B, C, D].map((k) => state(p, k));
    expect(states.reduce((sum, s) => sum + s.failures, 0)).toBeLessThanOrEqual(2);
    expect(states.every((s) => s.status === 'active')).toBe(true);
    for (const k of [A, B, C, D]) f.setKey(k, { kind: 'ok' });
    clock.t += 30_000;
    expect((await generate(p)).status).toBe(200);
    expect(f.requests).toHaveLength(4);
  });
});

describe('quota is per upstream model', () => {
  test('a 429 on gemini-2.5-flash-search rests the key for gemini-2.5-flash too (one quota)', async () => {
    const { f, p } = await setup({ [A]: { kind: 'rate-limited', retryDelay: '41s' }, [B]: { kind: 'ok' } });
    expect((await generate(p, `${FLASH}-search`)).status).toBe(200);
    expect(state(p, A).modelCooldowns[FLASH]).toBe(clock.t + 41_000);
    f.setKey(A, { kind: 'ok' });
    const before = f.requests.length;
    expect((await generate(p, FLASH)).status).toBe(200);
    expect((await generate(p, FLASH)).status).toBe(200);
    expect(seen(f).slice(before)).toEqual([B, B]);
  });
});
