import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Google's official JS SDK pointed at the proxy, with its defaults (API version included).
const FLASH = 'gemini-2.5-flash';
const EMBEDDING = 'text-embedding-004';
const KEY = `AIzaSy${'G'.repeat(33)}`;
const PROMPT = 'Where is Google headquartered?';

interface Reply {
  candidates?: { content?: { parts?: { text?: string }[] } }[];
}

let fake: FakeUpstream;
let proxy: RunningProxy;
/** Paths the SDK asked the proxy for, seen by the fetch it was given (which only delegates). */
const sdkPaths: string[] = [];
const recordingFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  sdkPaths.push(new URL(url).pathname);
  return fetch(input, init);
};
const sdk = (apiKey = CLIENT_TOKEN) =>
  new GoogleGenAI({ apiKey, httpOptions: { baseUrl: proxy.url, fetch: recordingFetch, retryOptions: { attempts: 1 } } });

beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setKey(KEY, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY] });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const textOf = (reply: Reply) => (reply.candidates?.[0]?.content?.parts ?? []).map((p) => p.text ?? '').join('');
const askFake = (action: string, query = '') =>
  fetch(`${fake.url}/v1beta/models/${FLASH}:${action}${query}`, {
    method: 'POST',
    headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] }),
  });

/** Sends the last request the fake saw again, straight to it: what Google answers without the proxy. */
function replayLast(): Promise<Response> {
  const sent = fake.requests.at(-1);
  if (!sent) throw new Error('the fake received nothing');
  const headers = { 'x-goog-api-key': KEY, 'content-type': 'application/json' };
  return fetch(`${fake.url}${sent.path}`, { method: sent.method, headers, body: sent.body });
}

/** The answer text Google (the fake) gives, read straight from it. */
async function expectedUnaryText(): Promise<string> {
  return textOf((await (await askFake('generateContent')).json()) as Reply);
}
async function expectedStreamText(): Promise<string> {
  const sse = await (await askFake('streamGenerateContent', '?alt=sse')).text();
  const events = sse.split('\r\n\r\n').filter((e) => e.startsWith('data: '));
  return events.map((e) => textOf(JSON.parse(e.slice('data: '.length)) as Reply)).join('');
}

describe('@google/genai through the proxy', () => {
  test('generateContent returns Google’s answer text on the SDK’s default API version', async () => {
    const expected = await expectedUnaryText();
    expect(expected.length).toBeGreaterThan(0);
    sdkPaths.length = 0;
    const reply = await sdk().models.generateContent({ model: FLASH, contents: PROMPT });
    expect(reply.text).toBe(expected);
    expect(sdkPaths).toHaveLength(1);
    expect(sdkPaths[0]).toMatch(new RegExp(`^/v1(beta)?/models/${FLASH}:generateContent$`));
    expect(fake.requests.at(-1)?.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
  });

  test('generateContentStream yields chunks whose texts add up to Google’s streamed answer', async () => {
    const expected = await expectedStreamText();
    const stream = await sdk().models.generateContentStream({ model: FLASH, contents: PROMPT });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text ?? '');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe(expected);
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v1beta/models/${FLASH}:streamGenerateContent`, query: { alt: 'sse' } });
  });

  test('countTokens returns Google’s count', async () => {
    const result = await sdk().models.countTokens({ model: FLASH, contents: PROMPT });
    expect(fake.requests.at(-1)?.path).toBe(`/v1beta/models/${FLASH}:countTokens`);
    const expected = (await (await replayLast()).json()) as { totalTokens: number };
    expect(result.totalTokens).toBe(expected.totalTokens);
  });

  test('embedContent returns one embedding per input, as Google computed it', async () => {
    const result = await sdk().models.embedContent({ model: EMBEDDING, contents: ['first text', 'second text'] });
    expect(fake.requests.at(-1)?.path).toMatch(new RegExp(`^/v1beta/models/${EMBEDDING}:(batchEmbedContents|embedContent)$`));
    const expected = (await (await replayLast()).json()) as { embeddings: { values: number[] }[] };
    expect(result.embeddings?.map((e) => e.values)).toEqual(expected.embeddings.map((e) => e.values));
    expect(result.embeddings).toHaveLength(2);
  });

  test('a wrong apiKey makes the SDK throw an error with status 401, and Google is not called', async () => {
    const before = fake.requests.length;
    const failure = await sdk('sk-not-a-valid-token').models.generateContent({ model: FLASH, contents: PROMPT }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure instanceof ApiError ? failure.status : undefined).toBe(401);
    expect(fake.requests.length).toBe(before);
  });
});
