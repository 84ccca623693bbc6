import { describe, expect, test } from 'bun:test';
import { APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { CLIENT_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, FLASH, gkey, keysSeen, rawChat, sdk, sseData, STREAM_TEXT, UNARY_TEXT, upstreamCalls, WEATHER_TOOL } from './support';

// Settings a user turns on for OpenAI clients, and the /openai/v1 pass-through.
const [A, B] = [gkey('A'), gkey('B')];
const h = proxyWithFake();
const hi = { model: FLASH, messages: [{ role: 'user' as const, content: 'hi' }] };

type Fetch = (request: Request) => Promise<Response>;
/** Holds every upstream generateContent answer back by `ms`, as a slow model would. */
const slowUnary = (ms: number) => (real: Fetch): Fetch => async (request) => {
  if (request.url.includes(':generateContent')) await Bun.sleep(ms);
  return real(request);
};

async function collect(stream: AsyncIterable<ChatCompletionChunk>) {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

describe('EMPTY_RESPONSE_RETRIES', () => {
  test('an empty answer on key A is retried on key B, whose text the client gets', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'ok' } });
    const r = await sdk(p).chat.completions.create(hi);
    expect(r.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('streaming: an empty stream on key A is retried on key B before anything is sent', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'ok' } });
    const chunks = await collect(await sdk(p).chat.completions.create({ ...hi, stream: true }));
    expect(textOf(chunks)).toBe(STREAM_TEXT);
    expect(chunks.filter((c) => c.choices[0]?.delta.role === 'assistant')).toHaveLength(1);
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('every key empty: a 200 with an empty completion, not an error', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'empty' } });
    const r = await sdk(p).chat.completions.create(hi);
    expect(r.choices).toHaveLength(1);
    expect([null, '']).toContain(r.choices[0]?.message.content ?? null);
    expect(r.choices[0]?.message.tool_calls ?? []).toEqual([]);
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('streaming, every key empty: the stream still ends normally, with no content and a finish_reason', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'empty' } });
    const chunks = await collect(await sdk(p).chat.completions.create({ ...hi, stream: true }));
    expect(textOf(chunks)).toBe('');
    expect(chunks.filter((c) => c.choices[0]?.finish_reason)).toHaveLength(1);
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('EMPTY_RESPONSE_RETRIES=0: the empty answer is returned, no other key is tried', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'ok' } }, { EMPTY_RESPONSE_RETRIES: '0' });
    const r = await sdk(p).chat.completions.create(hi);
    expect([null, '']).toContain(r.choices[0]?.message.content ?? null);
    expect(keysSeen(f)).toEqual([A]);
  });
});

describe('FAKE_STREAM_ENABLED', () => {
  const env = { FAKE_STREAM_ENABLED: 'true', FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS: '1' };

  test('keep-alive chunks (choices: []) flow while Google answers slowly, then the answer; Google was asked without streaming', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, env, slowUnary(2500));
    const res = await rawChat(p, { ...hi, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe('[DONE]');
    const events = data.slice(0, -1).map((d) => JSON.parse(d) as ChatCompletionChunk);
    const firstContent = events.findIndex((e) => e.choices.length > 0);
    expect(firstContent).toBeGreaterThanOrEqual(2);
    expect(events.slice(0, firstContent).every((e) => e.choices.length === 0 && e.object === 'chat.completion.chunk')).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(textOf(events)).toBe(UNARY_TEXT);
    expect(upstreamCalls(f, ':generateContent')).toHaveLength(1);
    expect(upstreamCalls(f, ':streamGenerateContent')).toHaveLength(0);
  }, 20_000);

  test('the SDK reads the fake stream like a real one: whole text, finish_reason stop, usage when asked', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, env, slowUnary(1200));
    const chunks = await collect(await sdk(p).chat.completions.create({ ...hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe(UNARY_TEXT);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 22, total_tokens: 29 });
    expect(f.requests.map((r) => r.path)).toEqual([`/v1beta/models/${FLASH}:generateContent`]);
  }, 20_000);

  test('a tool call arrives as a tool_calls delta with finish_reason tool_calls', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, env);
    const chunks = await collect(await sdk(p).chat.completions.create({ ...hi, tools: [WEATHER_TOOL], stream: true }));
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ index: 0, function: { name: 'weather' } });
    expect(JSON.parse(calls[0]?.function?.arguments ?? '')).toEqual({ location: 'San Francisco' });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  test('a Google error during a fake stream is raised by the SDK with Google\'s message', async () => {
    const { p } = await h.setup({ [A]: { kind: 'server-error', status: 503 } }, env);
    const error = await caught(async () => collect(await sdk(p).chat.completions.create({ ...hi, stream: true })));
    expect(error).toBeInstanceOf(APIError);
    expect(String(error.message)).toContain('The model is overloaded');
  });

  test('with STREAM_OPTIMIZER_ENABLED the fake-streamed text comes in small pieces that join to the answer', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, { ...env, STREAM_OPTIMIZER_ENABLED: 'true', STREAM_MIN_DELAY: '0.001', STREAM_MAX_DELAY: '0.002' });
    const chunks = await collect(await sdk(p).chat.completions.create({ ...hi, stream: true }));
    const pieces = chunks.map((c) => c.choices[0]?.delta.content).filter((c): c is string => Boolean(c));
    expect(pieces.join('')).toBe(UNARY_TEXT);
    // 99 characters, at least STREAM_LONG_TEXT_THRESHOLD: pieces of STREAM_CHUNK_SIZE (5).
    expect(pieces.length).toBe(Math.ceil(Array.from(UNARY_TEXT).length / 5));
  });
});

describe('/openai/v1 pass-through to Google\'s OpenAI-compatible endpoint', () => {
  const compat = '/v1beta/openai/chat/completions';

  test('non-stream: the body arrives byte for byte with the pool key as Bearer; the answer comes back', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const body = '{"model":"gemini-2.5-flash",  "messages":[{"role":"user","content":"hi"}],"seed":7,"max_completion_tokens":9}';
    const res = await rawChat(p, body, '/openai/v1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('answered with key AAAA');
    const sent = upstreamCalls(f, compat);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toBe(body);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${A}`);
    expect(JSON.stringify(sent[0])).not.toContain(CLIENT_TOKEN);
  });

  test('through the SDK: non-stream and stream both answered by Google\'s endpoint', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const client = sdk(p, '/openai/v1');
    const r = await client.chat.completions.create(hi);
    expect(r.choices[0]?.message.content).toBe('answered with key AAAA');
    expect(JSON.parse(upstreamCalls(f, compat)[0]?.body ?? '{}')).toEqual(hi);
    const chunks = await collect(await client.chat.completions.create({ ...hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe('answered with key AAAA');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(JSON.parse(upstreamCalls(f, compat)[1]?.body ?? '{}')).toEqual({ ...hi, stream: true, stream_options: { include_usage: true } });
    expect(f.requests.every((r) => r.path === compat)).toBe(true);
  });

  test('an invalid key is skipped: the answer comes from the next key', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'invalid-key' }, [B]: { kind: 'ok' } });
    const r = await sdk(p, '/openai/v1').chat.completions.create(hi);
    expect(r.choices[0]?.message.content).toBe('answered with key BBBB');
    expect(keysSeen(f)).toEqual([A, B]);
    const chunks = await collect(await sdk(p, '/openai/v1').chat.completions.create({ ...hi, stream: true }));
    expect(textOf(chunks)).toBe('answered with key BBBB');
  });

  test('a wrong token is refused before Google is called', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p, '/openai/v1', 'sk-wrong').chat.completions.create(hi));
    expect(error.status).toBe(401);
    expect(f.requests).toHaveLength(0);
  });
});
