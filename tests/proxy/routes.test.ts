import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Gemini-native routes through real HTTP: the proxy only swaps the credential for a pool key.
const FLASH = 'gemini-2.5-flash';
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const KEYS = [key('R'), key('S')];
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
const AUTH = { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' };

interface GoogleError {
  error: { code: number; message: string; status: string };
}

let fake: FakeUpstream;
let proxy: RunningProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  for (const k of KEYS) fake.setKey(k, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: KEYS });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const viaProxy = (path: string, init: RequestInit = {}) => fetch(`${proxy.url}${path}`, { headers: AUTH, ...init });
const direct = (path: string, init: RequestInit = {}) =>
  fetch(`${fake.url}${path}`, { ...init, headers: { 'x-goog-api-key': KEYS[0] ?? '', 'content-type': 'application/json' } });
const post = (body: string = BODY): RequestInit => ({ method: 'POST', body });
const lastRequest = () => {
  const last = fake.requests.at(-1);
  if (!last) throw new Error('the fake received nothing');
  return last;
};

describe('generateContent', () => {
  test.each(['/v1beta', '/gemini/v1beta'])('under %s the client gets 200 and exactly the bytes Google sent', async (prefix) => {
    const path = `/models/${FLASH}:generateContent`;
    const res = await viaProxy(`${prefix}${path}`, post());
    expect(res.status).toBe(200);
    const expected = await (await direct(`/v1beta${path}`, post())).text();
    expect(await res.text()).toBe(expected);
  });

  test('Google receives a pool key, the other query params unchanged, and never the client token', async () => {
    const res = await fetch(`${proxy.url}/v1beta/models/${FLASH}:generateContent?foo=1&key=${CLIENT_TOKEN}&bar=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    expect(res.status).toBe(200);
    const seen = lastRequest();
    expect(seen.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
    expect(seen.query).toEqual({ foo: '1', bar: 'a b' });
    expect(KEYS).toContain(seen.key ?? '');
    await viaProxy('/v1beta/models', { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } });
    await viaProxy(`/v1beta/models/${FLASH}:countTokens`, post());
    for (const r of fake.requests) {
      expect(KEYS).toContain(r.key ?? '');
      expect(JSON.stringify([r.headers, r.query, r.body])).not.toContain(CLIENT_TOKEN);
    }
  });

  test('a body with the client’s own safetySettings is forwarded byte for byte', async () => {
    const own = '{ "contents": [{"parts":[{"text":"hi"}]}],\n  "safetySettings": [{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_LOW_AND_ABOVE"}] }';
    expect((await viaProxy(`/v1beta/models/${FLASH}:generateContent`, post(own))).status).toBe(200);
    expect(lastRequest().body).toBe(own);
  });
});

describe('other Gemini methods', () => {
  const content = JSON.stringify({ content: { parts: [{ text: 'embed me' }] } });
  test.each([
    ['countTokens', 'POST', `/models/${FLASH}:countTokens`, BODY],
    ['embedContent', 'POST', '/models/text-embedding-004:embedContent', content],
    ['batchEmbedContents', 'POST', '/models/text-embedding-004:batchEmbedContents', JSON.stringify({ requests: [JSON.parse(content)] })],
    ['a generic action', 'POST', `/models/${FLASH}:predict`, '{"instances":[]}'],
    ['get one model', 'GET', `/models/${FLASH}`, undefined],
  ])('%s reaches Google at the same path and returns its answer', async (_, method, path, body) => {
    const init: RequestInit = body === undefined ? { method } : { method, body };
    const res = await viaProxy(`/v1beta${path}`, init);
    const seen = lastRequest();
    expect([seen.method, seen.path]).toEqual([method, `/v1beta${path}`]);
    const expected = await direct(`/v1beta${path}`, init);
    expect(res.status).toBe(expected.status);
    expect(await res.text()).toBe(await expected.text());
  });

  test('list models: Google’s list minus FILTERED_MODELS, each base followed by its -search alias', async () => {
    const res = await viaProxy('/v1beta/models');
    expect(lastRequest().path).toBe('/v1beta/models');
    const google = (await (await direct('/v1beta/models')).json()) as { models: { name: string; displayName: string }[] };
    const ours = (await res.json()) as { models: { name: string; displayName: string }[] };
    const names = ours.models.map((m) => m.name);
    expect(names).toEqual(google.models.flatMap((m) => (m.name.endsWith('2.5-flash') || m.name.endsWith('2.5-pro') ? [m.name, `${m.name}-search`] : [m.name])));
    expect(ours.models.find((m) => m.name === `models/${FLASH}-search`)?.displayName).toEndWith(' For Search');
  });

  test('an unknown model gets Google’s own 404 body', async () => {
    const res = await viaProxy('/v1beta/models/nope');
    expect(res.status).toBe(404);
    const expected = await (await direct('/v1beta/models/nope')).text();
    expect(await res.text()).toBe(expected);
    expect((JSON.parse(expected) as GoogleError).error.status).toBe('NOT_FOUND');
  });
});

describe('/v1 (Google’s JS SDK default) and unknown paths', () => {
  test('/v1/models/{m}:generateContent with x-goog-api-key is served like /v1beta', async () => {
    const res = await viaProxy(`/v1/models/${FLASH}:generateContent`, post());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await (await direct(`/v1beta/models/${FLASH}:generateContent`, post())).text());
  });

  test('GET /v1/models with x-goog-api-key lists Gemini models', async () => {
    const res = await viaProxy('/v1/models');
    expect(res.status).toBe(200);
    const list = (await res.json()) as { models: { name: string }[] };
    expect(list.models.map((m) => m.name)).toContain(`models/${FLASH}`);
  });

  test('GET /v1/models from an OpenAI client (Bearer only) gets the OpenAI-format list', async () => {
    const res = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { object: string; data: { id: string; object: string }[] };
    expect(list.object).toBe('list');
    expect(list.data.map((m) => m.id)).toContain(FLASH);
    expect(list.data.every((m) => m.object === 'model')).toBe(true);
  });

  test('an unknown native path answers 404 in Google’s error shape without calling Google', async () => {
    const before = fake.requests.length;
    const res = await viaProxy('/v1beta/cachedContents');
    expect(res.status).toBe(404);
    const body = (await res.json()) as GoogleError;
    expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(fake.requests.length).toBe(before);
  });
});

describe('CORS', () => {
  test.each([`/v1beta/models/${FLASH}:generateContent`, '/v1beta/models', '/v1/models', `/v1/models/${FLASH}`])(
    'a browser preflight to %s is answered 204 with access-control-allow-origin',
    async (path) => {
      const res = await fetch(`${proxy.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://chat.example',
          'access-control-request-method': path.includes(':') ? 'POST' : 'GET',
          'access-control-request-headers': 'x-goog-api-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    },
  );
});
