import { describe, expect, test } from 'bun:test';
import { ADMIN_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

const h = proxyWithFake();
const KEY = `AIza${'q'.repeat(35)}`;

const native = (url: string, token: string, from: string) =>
  fetch(`${url}/v1beta/models`, { headers: { 'x-goog-api-key': token, 'x-forwarded-for': from } });
const openai = (url: string, token: string, from: string) =>
  fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } });

describe('guessing tokens on the proxy routes (AUTH_TOKEN is a client token too)', () => {
  test('after 30 wrong tokens in a minute an address gets 429 with Retry-After, even with the right token; others are not affected', async () => {
    const { p, f } = await h.setup({ [KEY]: { kind: 'ok' } });
    for (let i = 0; i < 30; i++) expect((await native(p.url, `guess-${i}`, '203.0.113.5')).status).toBe(401);
    const google = await native(p.url, ADMIN_TOKEN, '203.0.113.5');
    expect(google.status).toBe(429);
    expect(Number(google.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await google.json()) as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED');
    const shaped = await openai(p.url, ADMIN_TOKEN, '203.0.113.5');
    expect(shaped.status).toBe(429);
    expect(((await shaped.json()) as { error: { code: string } }).error.code).toBe('too_many_wrong_tokens');
    expect((await native(p.url, ADMIN_TOKEN, '198.51.100.2')).status).toBe(200);
    const upstreamCalls = f.requests.length;
    h.clock.t += 61_000;
    expect((await native(p.url, ADMIN_TOKEN, '203.0.113.5')).status).toBe(200);
    expect(f.requests.length).toBe(upstreamCalls + 1);
  });
});
