import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { ADMIN_TOKEN, CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Who may use the proxy: the client token in any of Google's three places, AUTH_TOKEN, and access tokens.
const FLASH = 'gemini-2.5-flash';
const PRO = 'gemini-2.5-pro';
const KEY = `AIzaSy${'U'.repeat(33)}`;
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
const FLASH_ONLY = 'sk-flash-only-token-0002';
const EXPIRED = 'sk-expired-token-0003';
const WRONG = 'sk-wrong-token-9999';

interface GoogleError {
  error: { code: number; message: string; status: string };
}

let fake: FakeUpstream;
let proxy: RunningProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setKey(KEY, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY] });
  const now = Date.now();
  await proxy.repo.insertTokens(
    [
      { token: FLASH_ONLY, label: 'flash only', allowedModels: JSON.stringify([FLASH]), expiresAt: null, rpmLimit: null },
      { token: EXPIRED, label: 'expired', allowedModels: null, expiresAt: now - 60_000, rpmLimit: null },
    ],
    now,
  );
  proxy.deps.tokens.replace(await proxy.repo.listTokens(), proxy.deps.settings.authTokenHash);
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const generate = (headers: Record<string, string>, model = FLASH, query = '') =>
  fetch(`${proxy.url}/v1beta/models/${model}:generateContent${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: BODY,
  });

/** Expects a Google-shaped error and that nothing reached Google; returns the body's text. */
async function refused(res: Response, code: number, status: string, before: number): Promise<string> {
  expect(res.status).toBe(code);
  const text = await res.text();
  const body = JSON.parse(text) as GoogleError;
  expect(body.error).toMatchObject({ code, status });
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(fake.requests.length).toBe(before);
  return text;
}

describe('accepted credentials', () => {
  test.each([
    ['the client token in the x-goog-api-key header', { 'x-goog-api-key': CLIENT_TOKEN }, ''],
    ['the client token in ?key=', {}, `?key=${CLIENT_TOKEN}`],
    ['the client token in Authorization: Bearer', { authorization: `Bearer ${CLIENT_TOKEN}` }, ''],
    ['the admin AUTH_TOKEN', { 'x-goog-api-key': ADMIN_TOKEN }, ''],
  ])('%s is accepted and the call reaches Google with a pool key', async (_, headers, query) => {
    const before = fake.requests.length;
    const res = await generate(headers, FLASH, query);
    expect(res.status).toBe(200);
    expect(fake.requests.length).toBe(before + 1);
    expect(fake.requests.at(-1)?.key).toBe(KEY);
  });
});

describe('refused credentials', () => {
  test('no token at all gets 401 UNAUTHENTICATED and Google is not called', async () => {
    await refused(await generate({}), 401, 'UNAUTHENTICATED', fake.requests.length);
  });

  test.each([
    ['x-goog-api-key', { 'x-goog-api-key': WRONG }, ''],
    ['?key=', {}, `?key=${WRONG}`],
    ['Bearer', { authorization: `Bearer ${WRONG}` }, ''],
  ])('a wrong token in %s gets 401, is not echoed back, and Google is not called', async (_, headers, query) => {
    const text = await refused(await generate(headers, FLASH, query), 401, 'UNAUTHENTICATED', fake.requests.length);
    expect(text).not.toContain(WRONG);
  });

  test('a token limited to one model gets 403 PERMISSION_DENIED for another and 200 for its own', async () => {
    await refused(await generate({ 'x-goog-api-key': FLASH_ONLY }, PRO), 403, 'PERMISSION_DENIED', fake.requests.length);
    expect((await generate({ 'x-goog-api-key': FLASH_ONLY }, FLASH)).status).toBe(200);
    expect(fake.requests.at(-1)?.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
  });

  test('an expired token gets 401 and Google is not called', async () => {
    await refused(await generate({ 'x-goog-api-key': EXPIRED }), 401, 'UNAUTHENTICATED', fake.requests.length);
  });
});
