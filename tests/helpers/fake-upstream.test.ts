import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream/server';

interface ErrorBody {
  error: { code: number; status: string; message: string; details?: Array<Record<string, unknown>> };
}

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream();
  fake.setKey('good', { kind: 'ok' });
});
afterEach(() => fake.stop());

const KEY = { 'x-goog-api-key': 'good' };
const get = (path: string, key = 'good') => fetch(`${fake.url}${path}`, { headers: { 'x-goog-api-key': key } });
const post = (path: string, body = '{"contents":[]}', key = 'good', signal?: AbortSignal) =>
  fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'x-goog-api-key': key }, body, signal });
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const errorOf = async (res: Response) => (await json<ErrorBody>(res)).error;
const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';

async function waitFor(condition: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await Bun.sleep(10);
  expect(condition()).toBe(true);
}

describe('routes', () => {
  test('ListModels pages with pageSize/pageToken and names the expected models', async () => {
    type Page = { models: { name: string }[]; nextPageToken?: string };
    const first = await json<Page>(get('/v1beta/models?pageSize=2'));
    expect(first.models.map((m) => m.name)).toEqual(['models/gemini-2.5-flash', 'models/gemini-2.5-pro']);
    const rest = await json<Page>(get(`/v1beta/models?pageToken=${first.nextPageToken}`));
    const names = rest.models.map((m) => m.name);
    expect(names).toContain('models/gemini-2.5-flash-lite');
    expect(names).toContain('models/text-embedding-004');
    expect(rest).not.toHaveProperty('nextPageToken');
  });

  test('GetModel answers the entry, or Google 404 naming model and API version', async () => {
    const model = await json<Record<string, unknown>>(get('/v1beta/models/gemini-2.5-pro'));
    expect(model).toMatchObject({ name: 'models/gemini-2.5-pro', displayName: 'Gemini 2.5 Pro' });
    expect(model.supportedGenerationMethods).toContain('generateContent');
    const missing = await get('/v1/models/gemini-9');
    expect(missing.status).toBe(404);
    const error = await errorOf(missing);
    expect(error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(error.message).toStartWith('models/gemini-9 is not found for API version v1,');
  });

  test('generateContent returns the recorded reply with modelVersion set, under /v1beta and /v1', async () => {
    for (const version of ['v1beta', 'v1']) {
      const res = await post(`/${version}/models/gemini-2.5-flash:generateContent`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      type Reply = { modelVersion: string; candidates: { content: { parts: { text: string }[] } }[] };
      const body = await json<Reply>(res);
      expect(body.modelVersion).toBe('gemini-2.5-flash');
      expect(body.candidates[0]?.content.parts[0]?.text).toContain('Mountain View');
    }
  });

  test('countTokens grows with the request; embeddings have eight floats per input', async () => {
    const count = async (body: string) => (await json<{ totalTokens: number }>(post('/v1beta/models/m:countTokens', body))).totalTokens;
    expect(await count('x'.repeat(400))).toBeGreaterThan(await count('x'.repeat(40)));
    const content = (text: string) => ({ content: { parts: [{ text }] } });
    const one = await json<{ embedding: { values: number[] } }>(post('/v1beta/models/e:embedContent', JSON.stringify(content('a'))));
    expect(one.embedding.values).toHaveLength(8);
    const batch = JSON.stringify({ requests: [content('a'), content('b')] });
    const many = await json<{ embeddings: { values: number[] }[] }>(post('/v1beta/models/e:batchEmbedContents', batch));
    expect(many.embeddings).toHaveLength(2);
    expect(many.embeddings[0]?.values).not.toEqual(many.embeddings[1]?.values);
    expect((await post('/v1beta/models/m:batchEmbedContents', 'not json')).status).toBe(400);
  });

  test('other actions echo; unknown paths and keyless calls get Google errors', async () => {
    expect(await json(post('/v1beta/models/gemini-2.5-flash:generateAnswer'))).toEqual({ action: 'generateAnswer', model: 'gemini-2.5-flash' });
    const unknown = await get('/v1beta/tunedModels');
    expect([unknown.status, (await errorOf(unknown)).status]).toEqual([404, 'NOT_FOUND']);
    const keyless = await fetch(`${fake.url}/v1beta/models`);
    expect(keyless.status).toBe(403);
    expect((await errorOf(keyless)).message).toStartWith("Method doesn't allow unregistered callers");
    expect((await fetch(`${fake.url}/v1beta/models?key=good`)).status).toBe(200);
  });
});

describe('stream framing', () => {
  test('alt=sse: data events separated by CRLF CRLF, usage on each, finishReason on the last', async () => {
    const res = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    // Byte for byte the recording, apart from the model named in modelVersion.
    expect(text).toBe(fixture('streaming-success-basic-reply-short.txt').replaceAll('"gemini-2.0-flash"', '"gemini-2.5-flash"'));
    const events = text.split('\r\n\r\n');
    expect(events.pop()).toBe('');
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.startsWith('data: {') && !e.includes('\n'))).toBe(true);
    type Chunk = { usageMetadata: unknown; modelVersion: string; candidates: { finishReason?: string }[] };
    const parsed = events.map((e) => JSON.parse(e.slice('data: '.length)) as Chunk);
    expect(parsed.every((e) => e.usageMetadata !== undefined && e.modelVersion === 'gemini-2.5-flash')).toBe(true);
    expect(parsed.map((e) => e.candidates[0]?.finishReason)).toEqual([...Array(parsed.length - 1).fill(undefined), 'STOP']);
  });

  test('without alt: one JSON array framed byte-like the llm-gemini recording', async () => {
    const res = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const text = await res.text();
    for (const body of [fixture('test_prompt.response-body.json'), text]) {
      expect(body.startsWith('[{\n  "candidates"')).toBe(true);
      expect(body.endsWith('}\n]')).toBe(true);
      expect(body.split('}\n,\r\n{').length).toBe((JSON.parse(body) as unknown[]).length);
    }
    expect((JSON.parse(text) as unknown[]).length).toBeGreaterThan(1);
  });
});

describe('behaviours', () => {
  test('unknown keys are invalid by default; setDefault changes that', async () => {
    const res = await post('/v1beta/models/m:generateContent', '{}', 'never-set');
    const error = await errorOf(res);
    expect([res.status, error.status, error.details?.[0]?.reason]).toEqual([400, 'INVALID_ARGUMENT', 'API_KEY_INVALID']);
    fake.setDefault({ kind: 'ok' });
    expect((await post('/v1beta/models/m:generateContent', '{}', 'never-set')).status).toBe(200);
  });

  test('permission-denied, server errors, and errors on streams are plain JSON', async () => {
    fake.setKey('denied', { kind: 'permission-denied' });
    expect(await errorOf(await get('/v1beta/models', 'denied'))).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    fake.setKey('busy', { kind: 'server-error', status: 503 });
    const busy = await post('/v1beta/models/m:streamGenerateContent?alt=sse', '{}', 'busy');
    expect([busy.status, busy.headers.get('content-type')]).toEqual([503, 'application/json; charset=UTF-8']);
    const overloaded = { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' };
    expect(await busy.json()).toEqual({ error: overloaded });
    fake.setKey('broken', { kind: 'server-error', status: 500 });
    expect(await errorOf(await post('/v1beta/models/m:generateContent', '{}', 'broken'))).toMatchObject({ code: 500, status: 'INTERNAL' });
  });

  test('rate-limited carries RetryInfo, and only for the listed models when given', async () => {
    fake.setKey('limited', { kind: 'rate-limited', retryDelay: '41s', models: ['gemini-2.5-pro'] });
    const limited = await post('/v1beta/models/gemini-2.5-pro:generateContent', '{}', 'limited');
    const error = await errorOf(limited);
    expect([limited.status, error.status]).toEqual([429, 'RESOURCE_EXHAUSTED']);
    expect(error.details).toContainEqual({ '@type': RETRY_INFO, retryDelay: '41s' });
    expect((await post('/v1beta/models/gemini-2.5-flash:generateContent', '{}', 'limited')).status).toBe(200);
    fake.setKey('all', { kind: 'rate-limited' });
    // Without a retryDelay the recorded one stays.
    expect((await errorOf(await get('/v1beta/models', 'all'))).details).toContainEqual({ '@type': RETRY_INFO, retryDelay: '34.4s' });
  });

  test('hang holds the request until the client aborts', async () => {
    fake.setKey('slow', { kind: 'hang' });
    const attempt = post('/v1beta/models/m:generateContent', '{}', 'slow', AbortSignal.timeout(200));
    await waitFor(() => fake.openRequests() === 1);
    expect(await attempt.then(() => 'answered', (e: Error) => e.name)).toBe('TimeoutError');
    await waitFor(() => fake.openRequests() === 0);
  });

  test('drop closes the connection without an answer', async () => {
    fake.setKey('gone', { kind: 'drop' });
    expect(await post('/v1beta/models/m:generateContent', '{}', 'gone').then(() => 'answered', () => 'failed')).toBe('failed');
    expect(fake.openRequests()).toBe(0);
    expect((await post('/v1beta/models/m:generateContent')).status).toBe(200);
  });

  test('stream-fail-after sends N events then the raw error object, in both framings', async () => {
    fake.setKey('flaky', { kind: 'stream-fail-after', events: 3 });
    const sse = await (await post('/v1beta/models/m:streamGenerateContent?alt=sse', '{}', 'flaky')).text();
    const parts = sse.split('\r\n\r\n');
    expect(parts.slice(0, 3).every((e) => e.startsWith('data: ') && !e.includes('finishReason'))).toBe(true);
    expect((JSON.parse(parts[3] ?? '') as ErrorBody).error).toMatchObject({ code: 499, status: 'CANCELLED' });
    const array = JSON.parse(await (await post('/v1beta/models/m:streamGenerateContent', '{}', 'flaky')).text()) as unknown[];
    expect([array.length, (array[3] as ErrorBody).error.status]).toEqual([4, 'CANCELLED']);
    expect((await post('/v1beta/models/m:generateContent', '{}', 'flaky')).status).toBe(200);
  });
});

describe('pacing, recording, stop', () => {
  test('holdAfterFirst: the first event arrives, the rest waits for release()', async () => {
    fake.setStreamPacing({ holdAfterFirst: true, delayMs: 20 });
    const res = await post('/v1beta/models/m:streamGenerateContent?alt=sse');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes('\r\n\r\n')) seen += (await reader.read()).value ?? '';
    expect(seen.split('\r\n\r\n')).toHaveLength(2);
    const next = reader.read();
    expect(await Promise.race([next.then(() => 'data'), Bun.sleep(150).then(() => 'held')])).toBe('held');
    expect(fake.openRequests()).toBe(1);
    const released = Date.now();
    fake.release();
    seen += (await next).value ?? '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) seen += chunk.value;
    // Two more events, each after the 20 ms delay.
    expect(Date.now() - released).toBeGreaterThanOrEqual(35);
    expect(seen.split('\r\n\r\n')).toHaveLength(4);
    expect(seen).toContain('"finishReason": "STOP"');
    expect(fake.openRequests()).toBe(0);
  });

  test('a client leaving a held stream is no longer counted', async () => {
    fake.setStreamPacing({ holdAfterFirst: true });
    const abort = new AbortController();
    const res = await post('/v1beta/models/m:streamGenerateContent', '{}', 'good', abort.signal);
    await res.body!.getReader().read();
    abort.abort();
    await waitFor(() => fake.openRequests() === 0);
  });

  test('requests are recorded in order with key, query, headers and body', async () => {
    await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', '{"contents":[1]}');
    await fetch(`${fake.url}/v1/models?key=q-key&pageSize=1`, { headers: { 'X-Custom': 'yes' } });
    const [first, second] = fake.requests;
    const path = '/v1beta/models/gemini-2.5-flash:streamGenerateContent';
    expect(first).toMatchObject({ method: 'POST', path, query: { alt: 'sse' }, key: 'good', body: '{"contents":[1]}' });
    expect(first?.headers['x-goog-api-key']).toBe('good');
    expect(second).toMatchObject({ method: 'GET', path: '/v1/models', query: { key: 'q-key', pageSize: '1' }, key: 'q-key', body: '' });
    expect(second?.headers['x-custom']).toBe('yes');
    expect((second?.at ?? 0) >= (first?.at ?? Infinity)).toBe(true);
  });

  test('stop() ends hanging and held requests and closes the port', async () => {
    fake.setKey('slow', { kind: 'hang' });
    fake.setStreamPacing({ holdAfterFirst: true, delayMs: 10_000 });
    const hanging = post('/v1beta/models/m:generateContent', '{}', 'slow').then(() => 'answered', () => 'failed');
    const held = await post('/v1beta/models/m:streamGenerateContent?alt=sse');
    await waitFor(() => fake.openRequests() === 2);
    const started = Date.now();
    await fake.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe('failed');
    expect(await held.text().then(() => 'completed', () => 'cut')).toBe('cut');
    expect(fake.openRequests()).toBe(0);
    const after = await fetch(`${fake.url}/v1beta/models`, { headers: KEY }).then(() => 'answered', () => 'refused');
    expect(after).toBe('refused');
  });
});
