import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { fnv1a, maskProxy, proxyFor } from '../../server/proxy/outbound-proxy';
import { loggedInAdmin, trpcData } from '../helpers/admin-client';
import { startFakeUpstream } from '../helpers/fake-upstream/server';
import { startHttpProxy, startSocks5 } from '../helpers/fake-proxies';
import { CLIENT_TOKEN, startProxy } from '../helpers/proxy-app';

// PROXIES: http and socks5 proxies with passwords, each key on one proxy by a stable hash.
const KEYS = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => `AIza${c.repeat(35)}`);
const CREDENTIALS = { user: 'gb-user', password: 's3cret:pass' };
let http: Awaited<ReturnType<typeof startHttpProxy>>;
let socks: Awaited<ReturnType<typeof startSocks5>>;
beforeAll(async () => {
  http = await startHttpProxy(CREDENTIALS);
  socks = await startSocks5(CREDENTIALS);
});
afterAll(async () => {
  await http.stop();
  await socks.stop();
});

async function proxyWith(proxies: string[], keys = KEYS) {
  const fake = await startFakeUpstream();
  for (const key of keys) fake.setKey(key, { kind: 'ok' });
  const proxy = await startProxy({ upstreamUrl: fake.url, keys, env: { PROXIES: JSON.stringify(proxies), MAX_RETRIES: '0' } });
  return {
    fake,
    proxy,
    ask: () =>
      fetch(`${proxy.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
      }),
    async stop() {
      await proxy.stop();
      await fake.stop();
    },
  };
}

describe('proxyFor (pure)', () => {
  test('the same key always gets the same proxy, by FNV-1a, whatever the process; invalid entries are skipped', () => {
    const proxies = ['http://a:1', 'socks5://u:p@b:2', 'ftp://nope', 'http://c:3'];
    for (const key of KEYS) {
      const usable = ['http://a:1', 'socks5://u:p@b:2', 'http://c:3'];
      expect(proxyFor(key, proxies, true, () => 0.99)).toBe(usable[fnv1a(key) % 3]);
    }
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(proxyFor(KEYS[0] ?? '', proxies, false, () => 0.99)).toBe('http://c:3');
    expect(proxyFor(KEYS[0] ?? '', [], true, Math.random)).toBeUndefined();
    expect(maskProxy('socks5://user:pw@h:1')).toBe('socks5://user:***@h:1');
  });
});

describe('calls to Google through PROXIES', () => {
  test('an HTTP proxy with a password carries the call; the answer is Google\'s', async () => {
    const run = await proxyWith([http.url], KEYS.slice(0, 1));
    try {
      const before = http.calls.length;
      const answer = await run.ask();
      expect(answer.status).toBe(200);
      expect(http.calls.slice(before)).toEqual([{ user: CREDENTIALS.user, host: '127.0.0.1', port: Number(new URL(run.fake.url).port) }]);
      expect(run.fake.requests.at(-1)?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    } finally {
      await run.stop();
    }
  });

  test('a SOCKS5 proxy with a password carries the call (Bun\'s fetch has no SOCKS: the local bridge does it)', async () => {
    const run = await proxyWith([socks.url], KEYS.slice(0, 1));
    try {
      const before = socks.calls.length;
      expect((await run.ask()).status).toBe(200);
      expect((await run.ask()).status).toBe(200);
      expect(socks.calls.slice(before).map((c) => [c.user, c.host])).toEqual([
        [CREDENTIALS.user, '127.0.0.1'],
        [CREDENTIALS.user, '127.0.0.1'],
      ]);
      expect(run.fake.requests).toHaveLength(2);
    } finally {
      await run.stop();
    }
  });

  test('with both, each key sticks to its proxy (stable hash), over many calls', async () => {
    const run = await proxyWith([http.url, socks.url]);
    try {
      const counts = { http: http.calls.length, socks: socks.calls.length };
      for (let i = 0; i < KEYS.length * 2; i++) expect((await run.ask()).status).toBe(200);
      const expectedSocks = KEYS.filter((k) => fnv1a(k) % 2 === 1).length * 2;
      expect(socks.calls.length - counts.socks).toBe(expectedSocks);
      expect(http.calls.length - counts.http).toBe(KEYS.length * 2 - expectedSocks);
    } finally {
      await run.stop();
    }
  });

  test('a proxy that refuses its password: a 502 in Google\'s shape, the password never shown', async () => {
    const wrong = socks.url.replace(encodeURIComponent(CREDENTIALS.password), 'wrong').replace(CREDENTIALS.password, 'wrong');
    const run = await proxyWith([wrong], KEYS.slice(0, 1));
    try {
      const answer = await run.ask();
      expect(answer.status).toBe(502);
      const text = await answer.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 502, message: 'Could not reach Gemini.', status: 'UNAVAILABLE' } });
      expect(text).not.toContain('wrong');
    } finally {
      await run.stop();
    }
  });
});

describe('settings.checkProxies (admin API)', () => {
  test('checks each proxy against Google\'s host: working ones with their time, failures with the reason; passwords masked', async () => {
    const run = await proxyWith([http.url, socks.url]);
    try {
      const admin = await loggedInAdmin(run.proxy);
      const saved = await trpcData<{ proxy: string; ok: boolean; ms: number | null }[]>(await admin.mutate('settings.checkProxies', {}));
      expect(saved.map((r) => r.ok)).toEqual([true, true]);
      expect(saved.every((r) => typeof r.ms === 'number' && !r.proxy.includes(CREDENTIALS.password))).toBe(true);
      const given = await trpcData<{ proxy: string; ok: boolean; error: string | null }[]>(
        await admin.mutate('settings.checkProxies', { proxies: ['ftp://host:1', 'http://gb-user:bad@127.0.0.1:1', http.url.replace(CREDENTIALS.password, 'nope')] }),
      );
      expect(given[0]).toMatchObject({ ok: false, error: expect.stringContaining('Invalid proxy format') });
      expect(given[1]?.ok).toBe(false);
      expect(given[2]).toMatchObject({ ok: false, error: 'The proxy answered HTTP 407.' });
      expect(JSON.stringify(given)).not.toContain('bad@');
    } finally {
      await run.stop();
    }
  });
});
