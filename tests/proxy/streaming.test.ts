import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { eventually } from '../helpers/eventually';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// streamGenerateContent through the proxy: bytes pass as Google sends them, as soon as it sends them.
const FLASH = 'gemini-2.5-flash';
const KEY = `AIzaSy${'T'.repeat(33)}`;
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'tell me a story' }] }] });
const STREAM = `/v1beta/models/${FLASH}:streamGenerateContent`;

let fake: FakeUpstream;
let proxy: RunningProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.setKey(KEY, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY] });
});
afterEach(() => {
  fake.setStreamPacing({});
  fake.release();
  fake.setKey(KEY, { kind: 'ok' });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const viaProxy = (query: string, signal?: AbortSignal) =>
  fetch(`${proxy.url}${STREAM}${query}`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: BODY,
    signal,
  });
const direct = (query: string) =>
  fetch(`${fake.url}${STREAM}${query}`, { method: 'POST', headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' }, body: BODY });

const TIMED_OUT = Symbol('timed out');
const within = <T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> =>
  Promise.race([promise, Bun.sleep(ms).then((): typeof TIMED_OUT => TIMED_OUT)]);

/** The body's next decoded chunk, or null at its end. */
type NextChunk = () => Promise<string | null>;
function chunks(res: Response): NextChunk {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('the response has no body');
  const decoder = new TextDecoder();
  return async () => {
    const chunk = await reader.read();
    return chunk.done ? null : decoder.decode(chunk.value, { stream: true });
  };
}

/** Reads until the text holds `events` complete SSE events, or gives up after `ms`. */
async function readEvents(next: NextChunk, events: number, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  let seen = '';
  while (seen.split('\r\n\r\n').length <= events) {
    const chunk = await within(next(), Math.max(1, deadline - Date.now()));
    if (chunk === TIMED_OUT) throw new Error(`only received ${JSON.stringify(seen)} within ${ms} ms`);
    if (chunk === null) break;
    seen += chunk;
  }
  return seen;
}

async function waitFor(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await Bun.sleep(10);
  expect(condition()).toBe(true);
}

describe('stream framing', () => {
  test('alt=sse arrives as text/event-stream, byte for byte what Google sent (CRLF separators kept)', async () => {
    const res = await viaProxy('?alt=sse');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toBe(await (await direct('?alt=sse')).text());
    expect(text.split('\r\n\r\n').length).toBeGreaterThan(2);
  });

  test('without alt=sse the JSON-array stream arrives as application/json, byte for byte', async () => {
    const res = await viaProxy('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text).toBe(await (await direct('')).text());
    expect(text.startsWith('[{')).toBe(true);
  });
});

describe('delivery', () => {
  test('the first event reaches the client while Google still holds back the rest', async () => {
    const whole = await (await direct('?alt=sse')).text();
    fake.setStreamPacing({ holdAfterFirst: true });
    const res = await viaProxy('?alt=sse');
    const next = chunks(res);
    const first = await readEvents(next, 1, 2000);
    expect(first.startsWith('data: {')).toBe(true);
    expect(first).not.toContain('"finishReason"');
    const pending = next();
    expect(await within(pending, 150)).toBe(TIMED_OUT);
    fake.release();
    let rest = '';
    for (let chunk = await pending; chunk !== null; chunk = await next()) rest += chunk;
    expect(first + rest).toBe(whole);
  });

  test('a client leaving mid-stream ends the upstream request and the key stays active', async () => {
    fake.setStreamPacing({ holdAfterFirst: true });
    const abort = new AbortController();
    const res = await viaProxy('?alt=sse', abort.signal);
    await readEvents(chunks(res), 1, 2000);
    expect(fake.openRequests()).toBe(1);
    abort.abort();
    await waitFor(() => fake.openRequests() === 0, 1000);
    const state = proxy.deps.pool.snapshot().find((s) => s.key === KEY);
    expect(state).toMatchObject({ status: 'active', failures: 0 });
    await eventually(async () => (await proxy.repo.listRequestLogs(1))[0]?.outcome === 'cancelled', 'the request logged as cancelled', 1000);
  });

  test('a stream Google breaks after N events delivers them and the error object, then ends', async () => {
    fake.setKey(KEY, { kind: 'stream-fail-after', events: 2 });
    const res = await viaProxy('?alt=sse');
    expect(res.status).toBe(200);
    const text = await within(res.text(), 2000);
    if (text === TIMED_OUT) throw new Error('the broken stream never ended');
    const parts = text.split('\r\n\r\n');
    expect(parts.slice(0, 2).every((p) => p.startsWith('data: {'))).toBe(true);
    const error = JSON.parse(parts.slice(2).join('\r\n\r\n')) as { error: { status: string } };
    expect(error.error.status).toBe('CANCELLED');
    expect(text).toBe(await (await direct('?alt=sse')).text());
    await waitFor(() => fake.openRequests() === 0, 1000);
  });
});
