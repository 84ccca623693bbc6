import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connect } from 'node:net';
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
    expect(maskProxy('socks5://u:p@ss@h:1')).toBe('socks5://u:***@h:1');
    expect(maskProxy('http://tokenonly@h:1')).toBe('http://***:***@h:1');
    // A proxy that failed lately is passed over for the next one; all down: the key's own.
    const down = new Set(['http://a:1']);
    const key = KEYS.find((k) => fnv1a(k) % 2 === 0) ?? '';
    expect(proxyFor(key, ['http://a:1', 'http://b:2'], true, Math.random, (p) => down.has(p))).toBe('http://b:2');
    expect(proxyFor(key, ['http://a:1'], true, Math.random, () => true)).toBe('http://a:1');
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

  test('a proxy that refuses its password: a 502 in Google\'s shape that blames the proxy, not the key; the password never shown', async () => {
    const wrong = socks.url.replace(encodeURIComponent(CREDENTIALS.password), 'wrong').replace(CREDENTIALS.password, 'wrong');
    const run = await proxyWith([wrong], KEYS.slice(0, 1));
    try {
      const answer = await run.ask();
      expect(answer.status).toBe(502);
      const text = await answer.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 502, message: 'The outbound proxy failed (PROXIES).', status: 'UNAVAILABLE' } });
      expect(text).not.toContain('wrong');
      expect(run.proxy.deps.pool.snapshot()[0]).toMatchObject({ status: 'active', failures: 0 });
    } finally {
      await run.stop();
    }
  });
});

describe('a failing proxy is not the keys\' fault', () => {
  test('a dead proxy: its calls move to the live one, no key is penalised, the breaker stays shut', async () => {
    const run = await proxyWith([http.url, 'http://127.0.0.1:1']);
    try {
      run.proxy.deps.settings.current = { ...run.proxy.deps.settings.current, MAX_RETRIES: 3 };
      for (let i = 0; i < 12; i++) expect((await run.ask()).status).toBe(200);
      expect(run.proxy.deps.pool.snapshot().every((k) => k.status === 'active' && k.failures === 0)).toBe(true);
      expect(run.proxy.deps.proxyHealth.isDown('http://127.0.0.1:1')).toBe(true);
    } finally {
      await run.stop();
    }
  });

  test('a big request body reaches an http target through SOCKS5 whole', async () => {
    const run = await proxyWith([socks.url], KEYS.slice(0, 1));
    try {
      const text = 'x'.repeat(1_000_000);
      const answer = await fetch(`${run.proxy.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ parts: [{ text }] }] }),
      });
      expect(answer.status).toBe(200);
      expect(run.fake.requests.at(-1)?.body.length).toBeGreaterThan(1_000_000);
    } finally {
      await run.stop();
    }
  });

  test('the SOCKS5 relay on 127.0.0.1 serves no one who does not know its random route id', async () => {
    const run = await proxyWith([socks.url], KEYS.slice(0, 1));
    try {
      const option = await run.proxy.deps.socks.proxyOption(socks.url);
      expect(Object.values(option.headers)[0]).toMatch(/^[0-9a-f]{32}$/);
      const port = Number(new URL(option.url).port);
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`CONNECT 127.0.0.1:${new URL(run.fake.url).port} HTTP/1.1\r\nx-gb-socks-proxy: 1\r\n\r\n`));
        let got = '';
        socket.on('data', (d) => (got += d.toString()));
        socket.on('close', () => resolve(got));
        socket.on('error', () => resolve(got));
      });
      expect(answer).not.toContain('200');
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
