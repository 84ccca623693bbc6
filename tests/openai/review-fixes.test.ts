import { afterEach, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RateLimitError } from 'openai';
import { eventually } from '../helpers/eventually';
import { startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, expectNoSecrets, FLASH, gkey, keysSeen, lastBody, rawChat, sdk, sseData, STREAM_TEXT } from './support';

// Regression tests for the review fixes of db2d12a, end to end: real HTTP, real app, fake Google.
const [A, B, C] = [gkey('A'), gkey('B'), gkey('C')];
const ok = { kind: 'ok' } as const;
const h = proxyWithFake();
const ask = { model: FLASH, messages: [{ role: 'user' as const, content: 'Capital of Wyoming?' }] };
type Fetch = (request: Request) => Promise<Response>;
type Chunk = { choices: { delta: { content?: string }; finish_reason: string | null }[]; error?: { code?: string; message?: string } };

const enc = new TextEncoder();
const SSE = { 'content-type': 'text/event-stream' };
const sse = (events: unknown[]) => new Response(events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join(''), { headers: SSE });
const chunksOf = (body: string) => sseData(body).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Chunk);
const contents = (chunks: Chunk[]) => chunks.map((c) => c.choices?.[0]?.delta.content).filter((t): t is string => Boolean(t));

async function rows(p: RunningProxy) {
  await p.deps.recorder.flush();
  return p.repo.listRequestLogs(50);
}
async function errorRows(p: RunningProxy) {
  await p.deps.recorder.flush();
  return p.repo.listErrorLogs(50);
}

describe('clients leaving mid-stream', () => {
  test('three Stop presses on three keys: no key failure, breaker stays closed, the rows say cancelled', async () => {
    const { f, p } = await h.setup({ [A]: ok, [B]: ok, [C]: ok });
    f.setStreamPacing({ holdAfterFirst: true });
    const leave = async () => {
      const stop = new AbortController();
      const res = await fetch(`${p.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...ask, stream: true }),
        signal: stop.signal,
      });
      expect(res.status).toBe(200);
      const first = await res.body?.getReader().read();
      expect(new TextDecoder().decode(first?.value)).toContain('"The"');
      stop.abort();
    };
    await Promise.all([leave(), leave(), leave()]);
    expect(new Set(keysSeen(f))).toEqual(new Set([A, B, C]));
    await eventually(() => f.openRequests() === 0, 'the upstream request closed', 5000);
    await eventually(async () => (await rows(p)).length === 3, 'three request-log rows', 5000);
    await Bun.sleep(100);
    expect((await rows(p)).map((r) => r.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(p.deps.pool.snapshot().map((k) => [k.status, k.failures])).toEqual([['active', 0], ['active', 0], ['active', 0]]);
    const after = await rawChat(p, ask);
    expect(after.status).toBe(200);
  });
});

describe('Google failing mid-answer', () => {
  test('stream-fail-after 2: an SSE error event, upstream closed, an error-log row, no key in the bytes', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'stream-fail-after', events: 2 } });
    const res = await rawChat(p, { ...ask, stream: true });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(contents(chunksOf(body)).join('')).toBe('The capital of Wyoming');
    expect(chunksOf(body).at(-1)?.error).toMatchObject({ code: 'stream_interrupted' });
    await eventually(() => f.openRequests() === 0, 'the upstream request closed', 2000);
    const errors = await errorRows(p);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]?.message).toContain('CANCELLED');
    expectNoSecrets(body, [A]);
  });

  test('an error event naming the key while Google keeps the stream open: key masked, upstream cancelled', async () => {
    // Google's stream stays open (held after its first event); an error naming the key is slipped in after it.
    const inject = (real: Fetch): Fetch => async (request) => {
      const res = await real(request);
      if (!request.url.includes(':streamGenerateContent') || !res.body) return res;
      const key = request.headers.get('x-goog-api-key');
      const upstream = res.body.getReader();
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          if (n++ !== 1) {
            const { done, value } = await upstream.read();
            return done ? c.close() : c.enqueue(value);
          }
          c.enqueue(enc.encode(`data: ${JSON.stringify({ error: { code: 500, message: `Internal error for API key ${key}`, status: 'INTERNAL' } })}\r\n\r\n`));
        },
        cancel: (reason) => upstream.cancel(reason),
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const { f, p } = await h.setup({ [A]: ok }, {}, inject);
    f.setStreamPacing({ holdAfterFirst: true });
    const res = await rawChat(p, { ...ask, stream: true });
    const body = await res.text();
    expect(chunksOf(body).at(-1)?.error?.message).toContain('Internal error for API key');
    expectNoSecrets(body, [A]);
    await eventually(() => f.openRequests() === 0, 'the upstream request closed', 2000);
    const errors = await errorRows(p);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).not.toContain(A);
  });
});

describe('STREAM_OPTIMIZER_ENABLED', () => {
  const LONG = 'All work and no play makes Jack a dull boy. '.repeat(50);
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const part = (p: Record<string, unknown>, last = false) => ({
    candidates: [{ content: { role: 'model', parts: [p] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
    modelVersion: FLASH,
  });

  test('a text over 2,000 characters and a data-URL image each go out as one chunk, not re-chunked', async () => {
    const answer = (real: Fetch): Fetch => async (request) =>
      request.url.includes(':streamGenerateContent') ? sse([part({ text: LONG }), part({ inlineData: { mimeType: 'image/png', data: PNG } }, true)]) : real(request);
    const { p } = await h.setup({ [A]: ok }, { STREAM_OPTIMIZER_ENABLED: 'true', STREAM_MIN_DELAY: '0.001', STREAM_MAX_DELAY: '0.001' }, answer);
    expect(LONG.length).toBeGreaterThan(2000);
    const res = await rawChat(p, { ...ask, stream: true });
    const pieces = contents(chunksOf(await res.text()));
    expect(pieces).toHaveLength(2);
    expect(pieces[0]).toBe(LONG);
    expect(pieces[1]).toContain(`](data:image/png;base64,${PNG})`);
  });

  test('TIME_OUT=1: pacing ~40 characters at 0.1 s each (4 s) completes without an error event', async () => {
    const { f, p } = await h.setup({ [A]: ok }, { STREAM_OPTIMIZER_ENABLED: 'true', TIME_OUT: '1', STREAM_MIN_DELAY: '0.1', STREAM_MAX_DELAY: '0.1' });
    // Google sends an event every 0.9 s (within TIME_OUT), so its stream is still open while 19 characters take 1.9 s to pace.
    f.setStreamPacing({ delayMs: 900 });
    const started = Date.now();
    const res = await rawChat(p, { ...ask, stream: true });
    const body = await res.text();
    expect(Date.now() - started).toBeGreaterThan(2000);
    expect(chunksOf(body).filter((c) => c.error)).toEqual([]);
    expect(contents(chunksOf(body)).join('')).toBe(STREAM_TEXT);
    expect(sseData(body).at(-1)).toBe('[DONE]');
  });
});

describe('EMPTY_RESPONSE_RETRIES', () => {
  const MAX_TOKENS = JSON.parse(readFileSync(join(import.meta.dir, '..', 'fixtures', 'gemini', 'test_google_model_max_tokens_thinking_model_empty_response.response-body.json'), 'utf8'));

  test.each([false, true])('an empty MAX_TOKENS answer from key A is not retried on healthy key B (stream: %p)', async (stream) => {
    const calls: (string | null)[] = [];
    const emptyOnA = (real: Fetch): Fetch => async (request) => {
      const key = request.headers.get('x-goog-api-key');
      if (request.url.includes('enerateContent')) calls.push(key);
      if (key !== A) return real(request);
      return stream ? sse([MAX_TOKENS]) : Response.json(MAX_TOKENS);
    };
    const { p } = await h.setup({ [A]: ok, [B]: ok }, {}, emptyOnA);
    const res = await rawChat(p, { ...ask, stream });
    expect(res.status).toBe(200);
    const finish = stream
      ? chunksOf(await res.text()).flatMap((c) => c.choices.map((x) => x.finish_reason)).filter(Boolean)
      : ((await res.json()) as Chunk & { choices: { finish_reason: string }[] }).choices.map((x) => x.finish_reason);
    expect(finish).toEqual(['length']);
    expect(calls).toEqual([A]);
  });
});

describe('image URLs', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const running: { stop(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.stop();
  });
  async function start(allowPrivateMedia: boolean) {
    const hits: string[] = [];
    const images = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch(req) {
        const path = new URL(req.url).pathname;
        hits.push(path);
        if (path === '/redirect') return new Response(null, { status: 302, headers: { location: '/cat.png' } });
        return new Response(PNG, { headers: { 'content-type': 'image/png' } });
      },
    });
    running.push({ stop: () => images.stop(true) });
    const f = await startFakeUpstream();
    running.push(f);
    f.setKey(A, ok);
    const p = await startProxy({ upstreamUrl: f.url, keys: [A], allowPrivateMedia });
    running.push(p);
    return { f, p, hits, base: `http://127.0.0.1:${images.port}` };
  }
  const withImages = (...urls: string[]) => ({
    model: FLASH,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, ...urls.map((url) => ({ type: 'image_url', image_url: { url } }))] }],
  });
  async function refusal(p: RunningProxy, url: string) {
    const res = await rawChat(p, withImages(url));
    const body = (await res.json()) as { error?: { message: string; type: string } };
    return { status: res.status, type: body.error?.type, message: body.error?.message.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT') };
  }

  test('private addresses refused by default, with one message whether the port is open or closed', async () => {
    const { f, p, hits, base } = await start(false);
    const closed = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('') });
    const closedPort = closed.port;
    await closed.stop(true);
    const open = await refusal(p, `${base}/cat.png`);
    const shut = await refusal(p, `http://127.0.0.1:${closedPort}/cat.png`);
    expect(open).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(shut).toEqual(open);
    expect(hits).toEqual([]);
    expect(f.requests).toHaveLength(0);
  });

  // Still open after db2d12a: URL parsing writes [::ffff:127.0.0.1] as ::ffff:7f00:1, which
  // isPublicAddress (server/proxy/public-address.ts) takes for a public address; fetch reaches 127.0.0.1.
  test('the IPv4-mapped IPv6 spelling of 127.0.0.1 is refused too', async () => {
    const { f, p, hits, base } = await start(false);
    const res = await rawChat(p, withImages(`http://[::ffff:127.0.0.1]:${new URL(base).port}/cat.png`));
    expect(res.status).toBe(400);
    expect(hits).toEqual([]);
    expect(f.requests).toHaveLength(0);
  });

  test('allowPrivateMedia: the PNG (directly, and through a same-host redirect) reaches Google as inlineData', async () => {
    const { f, p, hits, base } = await start(true);
    for (const path of ['/cat.png', '/redirect']) {
      expect((await rawChat(p, withImages(`${base}${path}`))).status).toBe(200);
      const parts = lastBody<{ contents: { parts: Record<string, unknown>[] }[] }>(f, ':generateContent').contents[0]?.parts;
      expect(parts?.[1]).toEqual({ inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } });
    }
    expect(hits).toEqual(['/cat.png', '/redirect', '/cat.png']);
  });

  test('17 image URLs: 400 naming the limit of 16, Google not called', async () => {
    const { f, p, base } = await start(true);
    const res = await rawChat(p, withImages(...Array.from({ length: 17 }, (_, i) => `${base}/cat.png?n=${i}`)));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('16');
    expect(f.requests).toHaveLength(0);
  });
});

describe('FAKE_STREAM_ENABLED', () => {
  // Each on a fresh proxy: afterwards the keys rest, and the pool's own answer is a 503 all_keys_cooling.
  test.each(['raw', 'sdk'])('every key rate-limited before the first keep-alive: HTTP 429 with Retry-After (%s)', async (client) => {
    const limited = { kind: 'rate-limited', retryDelay: '41s' } as const;
    const env = { FAKE_STREAM_ENABLED: 'true', FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS: '2' };
    const { f, p } = await h.setup({ [A]: limited, [B]: limited }, env);
    if (client === 'raw') {
      const res = await rawChat(p, { ...ask, stream: true });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('41');
      expect(((await res.json()) as { error: { message: string } }).error.message).toBeString();
    } else {
      const error = await caught(async () => {
        for await (const _ of await sdk(p).chat.completions.create({ ...ask, stream: true })) void _;
      });
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.headers.get('retry-after')).toBe('41');
    }
    expect(keysSeen(f)).toEqual([A, B]);
  });
});

describe('malformed %-escapes in paths', () => {
  test('GET /v1/models/%E0%A4%A: a 404 in OpenAI shape', async () => {
    const { p } = await h.setup({ [A]: ok });
    const res = await fetch(`${p.url}/v1/models/%E0%A4%A`, { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  test('POST /v1beta/models/%E0%A4%A:generateContent: a 404 in Google shape', async () => {
    const { f, p } = await h.setup({ [A]: ok });
    const res = await fetch(`${p.url}/v1beta/models/%E0%A4%A:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: number; status: string } }).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(f.requests).toHaveLength(0);
  });
});

describe('/openai/v1 pass-through', () => {
  test('the request-log row holds the OpenAI usage counts of the answer', async () => {
    const { p } = await h.setup({ [A]: ok });
    const res = await rawChat(p, { model: FLASH, messages: [{ role: 'user', content: 'hi' }] }, '/openai/v1');
    expect(res.status).toBe(200);
    await res.text();
    await eventually(async () => (await rows(p)).length === 1, 'one request-log row', 5000);
    expect((await rows(p))[0]).toMatchObject({ outcome: 'ok', promptTokens: 3, completionTokens: 4 });
  });
});
