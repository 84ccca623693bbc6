import { describe, expect, test } from 'bun:test';
import { APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, expectNoSecrets, FLASH, gkey, keysSeen, rawChat, sdk, sseData, STREAM_TEXT, upstreamCalls } from './support';

// Streaming chat completions through the openai SDK: the chunk protocol a client relies on.
const [A, B] = [gkey('A'), gkey('B')];
const h = proxyWithFake();
const ask = { model: FLASH, messages: [{ role: 'user' as const, content: 'Capital of Wyoming?' }] };

const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

describe('stream: true (openai SDK)', () => {
  test('one id, role only first, finish_reason only on the last choice chunk, no usage unless asked; Google streamed with alt=sse', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);

    expect(textOf(chunks)).toBe(STREAM_TEXT);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === FLASH)).toBe(true);
    const roles = chunks.map((c) => c.choices[0]?.delta.role);
    expect(roles[0]).toBe('assistant');
    expect(roles.slice(1).every((r) => r === undefined)).toBe(true);
    const finishes = chunks.map((c) => c.choices[0]?.finish_reason ?? null);
    expect(finishes.at(-1)).toBe('stop');
    expect(finishes.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(chunks.some((c) => c.usage)).toBe(false);

    const calls = upstreamCalls(f, ':streamGenerateContent');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`/v1beta/models/${FLASH}:streamGenerateContent`);
    expect(calls[0]?.query).toEqual({ alt: 'sse' });
  });

  test('stream_options.include_usage adds one final usage chunk with the stream totals', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const chunks: ChatCompletionChunk[] = [];
    const stream = await sdk(p).chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 10, total_tokens: 17 });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(textOf(chunks)).toBe(STREAM_TEXT);
  });

  test('the SDK stream helper assembles the same text as the chunks', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const deltas: string[] = [];
    const runner = sdk(p).chat.completions.stream({ ...ask, stream_options: { include_usage: true } });
    runner.on('content', (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(STREAM_TEXT);
    expect(final.choices[0]?.message.content).toBe(deltas.join(''));
    expect(final.choices[0]?.finish_reason).toBe('stop');
    expect(final.usage?.total_tokens).toBe(17);
  });

  test('the raw body is OpenAI SSE and ends with data: [DONE]', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const res = await rawChat(p, { ...ask, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe('[DONE]');
    expect(data.slice(0, -1).every((d) => JSON.parse(d).object === 'chat.completion.chunk')).toBe(true);
  });

  test('Google failing mid-answer: the SDK gets the content so far, then raises an APIError', async () => {
    const { p } = await h.setup({ [A]: { kind: 'stream-fail-after', events: 2 } });
    const chunks: ChatCompletionChunk[] = [];
    const error = await caught(async () => {
      for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    });
    expect(error).toBeInstanceOf(APIError);
    expect(String(error.message)).toMatch(/cancelled|mid-answer/i);
    expect(textOf(chunks)).toBe('The capital of Wyoming');
    expect(chunks.some((c) => c.choices[0]?.finish_reason)).toBe(false);
    expectNoSecrets(String(error.message), [A]);
    await p.deps.recorder.flush();
    expect((await p.repo.listRequestLogs(5))[0]).toMatchObject({ endpoint: 'chat/completions', outcome: 'stream-broken' });
  });

  test('a client that stops reading mid-stream closes the upstream stream too', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    f.setStreamPacing({ holdAfterFirst: true });
    const stream = await sdk(p).chat.completions.create({ ...ask, stream: true });
    const seen: string[] = [];
    for await (const chunk of stream) {
      seen.push(chunk.choices[0]?.delta.content ?? '');
      break;
    }
    expect(seen).toEqual(['The']);
    const deadline = Date.now() + 3000;
    while (f.openRequests() > 0 && Date.now() < deadline) await Bun.sleep(20);
    expect(f.openRequests()).toBe(0);
    await p.deps.recorder.flush();
    expect((await p.repo.listRequestLogs(5))[0]).toMatchObject({ endpoint: 'chat/completions', outcome: 'cancelled' });
  });

  test('Google failing before any content: retried on the next key, the client gets the whole answer', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'stream-fail-after', events: 0 }, [B]: { kind: 'ok' } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    expect(textOf(chunks)).toBe(STREAM_TEXT);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('a key that answers 500 is skipped before the first byte: the stream comes from the next key', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'server-error', status: 500 }, [B]: { kind: 'ok' } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    expect(textOf(chunks)).toBe(STREAM_TEXT);
    expect(keysSeen(f)).toEqual([A, B]);
  });

  test('STREAM_OPTIMIZER_ENABLED: the text arrives in more, smaller chunks that join to the same text', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, { STREAM_OPTIMIZER_ENABLED: 'true', STREAM_MIN_DELAY: '0.001', STREAM_MAX_DELAY: '0.002' });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    const pieces = chunks.map((c) => c.choices[0]?.delta.content).filter((c): c is string => typeof c === 'string' && c !== '');
    expect(pieces.join('')).toBe(STREAM_TEXT);
    // Google sent 3 text events; every piece of text shorter than STREAM_LONG_TEXT_THRESHOLD goes char by char.
    expect(pieces.length).toBe(Array.from(STREAM_TEXT).length);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.filter((c) => c.choices[0]?.delta.role === 'assistant')).toHaveLength(1);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  test('without the optimizer, each Google event is one content chunk', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await sdk(p).chat.completions.create({ ...ask, stream: true })) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content).filter(Boolean)).toEqual(['The', ' capital of Wyoming', ' is **Cheyenne**.\n']);
  });
});
