import { expect } from 'bun:test';
import OpenAI from 'openai';
import type { FakeUpstream, RecordedRequest } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';

/** Shared by the tests in tests/openai/: the official openai SDK as a real client of the proxy. */

export const FLASH = 'gemini-2.5-flash';
/** The recorded unary answer (unary-success-basic-reply-short.json). */
export const UNARY_TEXT = "Google's headquarters, also known as the Googleplex, is located in **Mountain View, California**.\n";
/** The recorded stream (streaming-success-basic-reply-short.txt), its three text pieces joined. */
export const STREAM_TEXT = 'The capital of Wyoming is **Cheyenne**.\n';

/** A key shaped like Google's: AIza + 35 characters. */
export const gkey = (c: string) => `AIza${c.repeat(35)}`;

export const sdk = (p: RunningProxy, base = '/v1', apiKey = CLIENT_TOKEN) =>
  new OpenAI({ baseURL: `${p.url}${base}`, apiKey, maxRetries: 0 });

export const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'weather',
    description: 'Current weather at a place',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

/** Requests the fake got on a path containing `fragment` (e.g. ':generateContent'). */
export const upstreamCalls = (f: FakeUpstream, fragment: string): RecordedRequest[] => f.requests.filter((r) => r.path.includes(fragment));

/** The JSON body of the last upstream request whose path contains `fragment`. */
export function lastBody<T = Record<string, any>>(f: FakeUpstream, fragment = 'models/'): T {
  const found = upstreamCalls(f, fragment).at(-1);
  if (!found) throw new Error(`the fake received no request on ${fragment}`);
  return JSON.parse(found.body) as T;
}

/** The keys the fake saw, in order. */
export const keysSeen = (f: FakeUpstream) => f.requests.map((r) => r.key);

/** Whatever `fn` throws (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

/** Nothing the client sees may hold a pool key or an access token. */
export function expectNoSecrets(text: string, keys: readonly string[]) {
  expect(text).not.toContain(CLIENT_TOKEN);
  for (const key of keys) expect(text).not.toContain(key);
  expect(text).not.toMatch(/AIza[0-9A-Za-z_-]{35}/);
}

/** The data payloads of a raw SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split(/\r?\n\r?\n/)
    .flatMap((block) => block.split(/\r?\n/).filter((l) => l.startsWith('data:')))
    .map((l) => l.slice(5).trim());
}

export async function rawChat(p: RunningProxy, body: unknown, base = '/v1') {
  return fetch(`${p.url}${base}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
