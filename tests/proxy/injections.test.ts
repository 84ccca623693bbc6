import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// The optional features of server/proxy/native-request.ts, seen from Google's side of the proxy.
const FLASH = 'gemini-2.5-flash';
const KEY = `AIzaSy${'I'.repeat(33)}`;
const contents = [{ role: 'user', parts: [{ text: 'hello' }] }];
const OWN_SAFETY = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' }];

type Json = Record<string, unknown>;
interface Sent {
  status: number;
  path: string;
  body: string;
  json: Json;
  text: string;
}

let fake: FakeUpstream;
const proxies: RunningProxy[] = [];
beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setKey(KEY, { kind: 'ok' });
});
afterAll(async () => {
  for (const p of proxies) await p.stop();
  await fake.stop();
});

/** A proxy with `env`, started for the enclosing describe (stopped with the fake at the end). */
function proxyWith(env: Record<string, string> = {}): () => RunningProxy {
  let proxy: RunningProxy | undefined;
  beforeAll(async () => {
    proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY], env });
    proxies.push(proxy);
  });
  return () => {
    if (!proxy) throw new Error('proxy not started');
    return proxy;
  };
}

/** Sends `body` (an object or raw text) through the proxy; returns what Google received and answered. */
async function send(proxy: RunningProxy, model: string, body: Json | string, action = 'generateContent'): Promise<Sent> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${proxy.url}/v1beta/models/${model}:${action}`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: raw,
  });
  const text = await res.text();
  const seen = fake.requests.at(-1);
  if (!seen) throw new Error('the fake received nothing');
  let json: Json = {};
  try {
    json = JSON.parse(seen.body) as Json;
  } catch {
    // Not JSON: callers look at `body`.
  }
  return { status: res.status, path: seen.path, body: seen.body, json, text };
}

describe('safety settings', () => {
  const proxy = proxyWith();
  test('the default SAFETY_SETTINGS are added when the client sent none; the rest of the body is kept', async () => {
    const defaults = proxy().deps.settings.current.SAFETY_SETTINGS;
    expect(defaults.length).toBeGreaterThan(0);
    const sent = await send(proxy(), FLASH, { contents, generationConfig: { temperature: 0.2 } });
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({ contents, generationConfig: { temperature: 0.2 }, safetySettings: defaults });
  });

  test('the client’s own safetySettings reach Google untouched, byte for byte', async () => {
    const raw = `{"contents": ${JSON.stringify(contents)}, "safetySettings": ${JSON.stringify(OWN_SAFETY)}}`;
    expect((await send(proxy(), FLASH, raw)).body).toBe(raw);
  });

  test('a body that is not JSON is forwarded unchanged and Google’s answer comes back', async () => {
    const raw = 'this is { not json';
    const sent = await send(proxy(), FLASH, raw);
    expect(sent.body).toBe(raw);
    // The fake answers any generateContent body; its status is what the client must see.
    expect(sent.status).toBe(200);
  });

  test('a body Google rejects as invalid JSON gets Google’s 400 back', async () => {
    const sent = await send(proxy(), 'text-embedding-004', '{"requests": [', 'batchEmbedContents');
    expect(sent.body).toBe('{"requests": [');
    expect(sent.status).toBe(400);
    expect((JSON.parse(sent.text) as { error: Json }).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });
});

describe('SAFETY_SETTINGS=[]', () => {
  const proxy = proxyWith({ SAFETY_SETTINGS: '[]' });
  test('with nothing to inject the client’s bytes go to Google as they are', async () => {
    const raw = '{ "contents" : [ {"parts":[{"text":"hi"}]} ],\n "generationConfig": {"temperature": 1.0} }';
    expect((await send(proxy(), FLASH, raw)).body).toBe(raw);
    expect((await send(proxy(), FLASH, raw, 'streamGenerateContent')).body).toBe(raw);
  });
});

describe('model aliases', () => {
  const proxy = proxyWith({ SAFETY_SETTINGS: '[]' });
  test.each(['generateContent', 'streamGenerateContent'])('-search calls the base model with Google Search added (%s)', async (action) => {
    const sent = await send(proxy(), `${FLASH}-search`, { contents }, action);
    expect(sent.path).toBe(`/v1beta/models/${FLASH}:${action}`);
    expect(sent.json.tools).toEqual([{ googleSearch: {} }]);
  });

  test('-search adds no Google Search when the client declares functions', async () => {
    const tools = [{ functionDeclarations: [{ name: 'lookup', description: 'Looks things up' }] }];
    const sent = await send(proxy(), `${FLASH}-search`, { contents, tools });
    expect(sent.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
    expect(sent.json.tools).toEqual(tools);
  });

  test.each([
    [FLASH, 0],
    ['gemini-2.5-pro', 128],
  ])('%s-non-thinking calls the base model with thinkingBudget %d', async (model, budget) => {
    const sent = await send(proxy(), `${model}-non-thinking`, { contents, generationConfig: { temperature: 0.5 } });
    expect(sent.path).toBe(`/v1beta/models/${model}:generateContent`);
    expect(sent.json.generationConfig).toEqual({ temperature: 0.5, thinkingConfig: { thinkingBudget: budget } });
  });
});

describe('THINKING_BUDGET_MAP', () => {
  const proxy = proxyWith({ SAFETY_SETTINGS: '[]', THINKING_BUDGET_MAP: '{"gemini-2.5-flash":1024}' });
  test('a mapped model gets the configured budget when the client sent no thinkingConfig', async () => {
    const sent = await send(proxy(), FLASH, { contents, generationConfig: { maxOutputTokens: 50 } });
    expect(sent.json.generationConfig).toMatchObject({ maxOutputTokens: 50, thinkingConfig: { thinkingBudget: 1024 } });
  });

  test('the client’s own thinkingConfig wins, and models not in the map are left alone', async () => {
    const raw = JSON.stringify({ contents, generationConfig: { thinkingConfig: { thinkingBudget: 0 } } });
    expect((await send(proxy(), FLASH, raw)).body).toBe(raw);
    const other = JSON.stringify({ contents });
    expect((await send(proxy(), 'gemini-2.5-pro', other)).body).toBe(other);
  });
});

describe('TOOLS_CODE_EXECUTION_ENABLED', () => {
  const proxy = proxyWith({ SAFETY_SETTINGS: '[]', TOOLS_CODE_EXECUTION_ENABLED: 'true' });
  test('a text request gets the code-execution tool', async () => {
    expect((await send(proxy(), FLASH, { contents })).json.tools).toEqual([{ codeExecution: {} }]);
  });

  test('a request carrying inlineData (an image) is sent without code execution', async () => {
    const image = [{ role: 'user', parts: [{ text: 'what is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] }];
    const raw = JSON.stringify({ contents: image });
    const sent = await send(proxy(), FLASH, raw);
    expect(sent.body).toBe(raw);
    expect(sent.body).not.toContain('codeExecution');
  });
});
