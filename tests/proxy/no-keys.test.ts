import { describe, expect, test } from 'bun:test';
import type { Behaviour } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// When no key can serve a call, the client hears so at once, in Google's error shape, and Google is not called.
const FLASH = 'gemini-2.5-flash';
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B] = [key('A'), key('B')];

const { clock, setup } = proxyWithFake();

const generate = (p: RunningProxy, model = FLASH) =>
  fetch(`${p.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });

interface GoogleError {
  error: { code: number; status: string; message: string };
}

async function unavailable(res: Response, started: number): Promise<GoogleError['error']> {
  expect(res.status).toBe(503);
  expect(performance.now() - started).toBeLessThan(500);
  const body = (await res.json()) as GoogleError;
  expect(body.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe('no usable key', () => {
  test('when the keys tried turn out invalid, the client never sees Google\'s "API key not valid" (its token is fine)', async () => {
    const { f, p } = await setup({ [A]: { kind: 'invalid-key' }, [B]: { kind: 'invalid-key' } });
    const res = await generate(p);
    expect(res.status).toBe(503);
    const body = (await res.json()) as GoogleError;
    expect(body.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    expect(body.error.message).toContain('rejected the Gemini API keys');
    expect(body.error.message).not.toContain('API key not valid');
    expect(f.requests).toHaveLength(2);
  });

  test('with no keys configured the client gets a 503 naming the problem, and Google is not called', async () => {
    const { f, p } = await setup({});
    const started = performance.now();
    const error = await unavailable(await generate(p), started);
    expect(error.message).toMatch(/no .*keys/i);
    expect(f.requests).toHaveLength(0);
  });

  test('with every key disabled as invalid the client gets a 503 saying the keys are disabled', async () => {
    const { f, p } = await setup({ [A]: { kind: 'invalid-key' }, [B]: { kind: 'invalid-key' } });
    await generate(p);
    expect(p.deps.pool.snapshot().map((k) => k.status)).toEqual(['disabled', 'disabled']);
    const calls = f.requests.length;
    const started = performance.now();
    const error = await unavailable(await generate(p), started);
    expect(error.message).toMatch(/disabled/i);
    expect(f.requests).toHaveLength(calls);
  });

  test('with every key resting for a model the client gets a 503 with Retry-After; other models still work', async () => {
    const limited: Behaviour = { kind: 'rate-limited', retryDelay: '30s', models: [FLASH] };
    const { f, p } = await setup({ [A]: limited, [B]: limited });
    await generate(p);
    expect(f.requests.map((r) => r.key)).toEqual([A, B]);
    const started = performance.now();
    const res = await generate(p);
    expect(Number(res.headers.get('retry-after'))).toBe(30);
    await unavailable(res, started);
    expect(f.requests).toHaveLength(2);
    clock.t += 10_000;
    expect(Number((await generate(p)).headers.get('retry-after'))).toBe(20);
    expect((await generate(p, 'gemini-2.5-pro')).status).toBe(200);
    expect(f.requests).toHaveLength(3);
  });
});
