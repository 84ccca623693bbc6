import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connect } from 'node:net';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, generate, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Issue 9 (point 2, part): malformed and hostile requests, many of them: each answered with a
// clean 4xx in the client's error shape, never a 5xx, a hang or growing memory.
const KEY = `AIza${'H'.repeat(35)}`;
let fake: FakeUpstream;
let proxy: RunningProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setKey(KEY, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY] });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const auth = { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' };
const goog = { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' };

/** One hostile request of each kind; `i` varies them. */
function hostile(i: number): [string, RequestInit] {
  const kinds: (() => [string, RequestInit])[] = [
    () => ['/v1/chat/completions', { method: 'POST', headers: auth, body: `{"model": "gemini-2.5-flash", "messages": [${'{'.repeat(i % 50)}` }],
    () => ['/v1/chat/completions', { method: 'POST', headers: auth, body: JSON.stringify({ model: i, messages: 'hello' }) }],
    () => ['/v1/chat/completions', { method: 'POST', headers: auth, body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'wizard', content: { x: i } }] }) }],
    () => ['/v1/embeddings', { method: 'POST', headers: auth, body: JSON.stringify({ model: 'text-embedding-004', input: [i, null, {}] }) }],
    () => ['/v1/images/generations', { method: 'POST', headers: auth, body: JSON.stringify({ prompt: '', n: -i }) }],
    () => ['/v1/audio/speech', { method: 'POST', headers: auth, body: JSON.stringify({ input: 7, voice: [] }) }],
    () => [`/v1beta/models/..%2F..%2Fetc%2Fpasswd${i}:generateContent`, { method: 'POST', headers: goog, body: '{}' }],
    () => [`/v1beta/models/%E0%A4%A${i % 10}:generateContent`, { method: 'POST', headers: goog, body: '{}' }],
    () => [`/v1beta/models/gemini?x=${i}#:generateContent`, { method: 'POST', headers: goog, body: '{}' }],
    () => ['/v1beta/files?pageSize=-5', { headers: goog }],
    () => [`/upload/v1beta/files?upload_id=${i}&gb_key=zz&gb_sig=zz`, { method: 'POST', body: 'x' }],
    () => ['/api/trpc/settings.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"changes":{"MAX_RETRIES":"lots"}}' }],
    () => ['/v1/chat/completions', { method: 'POST', headers: auth, body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], temperature: 'hot', max_tokens: -1 }) }],
  ];
  return (kinds[i % kinds.length] ?? (kinds[0] as () => [string, RequestInit]))();
}

describe('10,000 malformed or hostile requests', () => {
  test('each is a clean 4xx with a JSON error body; memory does not grow; nothing reaches Google', async () => {
    Bun.gc(true);
    const before = process.memoryUsage().rss;
    const statuses = new Map<number, number>();
    let badBodies = 0;
    for (let start = 0; start < 10_000; start += 100) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, j) => {
          const [path, init] = hostile(start + j);
          const response = await fetch(`${proxy.url}${path}`, init);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const text = await response.text();
          try {
            const parsed = JSON.parse(text) as { error?: unknown };
            if (parsed.error === undefined) badBodies++;
          } catch {
            badBodies++;
          }
        }),
      );
    }
    Bun.gc(true);
    const grown = (process.memoryUsage().rss - before) / 1e6;
    const codes = [...statuses.keys()].sort();
    expect(codes.every((s) => s >= 400 && s < 500)).toBe(true);
    expect(badBodies).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`).slice(0, 3)).toEqual([]);
    // Every one was read and refused on its merits (no wrong token in the mix, so the guessing limit never held the address off).
    expect(statuses.get(429)).toBeUndefined();
    expect(codes).toEqual([400, 401, 404]);
    expect(grown).toBeLessThan(60);
  }, 120_000);

  test('a 50 MB body, and headers split mid-line on a raw socket: a clean answer, the server keeps serving', async () => {
    const huge = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: auth, body: `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"${'x'.repeat(50_000_000)}` });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const seenBefore = fake.requests.length;
    const raw = await new Promise<string>((resolve) => {
      const port = Number(new URL(proxy.url).port);
      const socket = connect(port, '127.0.0.1', () => {
        // A valid token and a valid body: only the folded (obsolete line-folding) header is wrong.
        const body = JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
        socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${CLIENT_TOKEN}\r\n injected: yes\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      });
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
        socket.end();
      });
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
      setTimeout(() => socket.destroy(), 3000);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(fake.requests.length).toBe(seenBefore);
    const ok = await generate(proxy.url);
    expect(ok.status).toBe(200);
  }, 60_000);
});
