import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { completionTokens, NO_USAGE, scanBodyUsage, scanUsage, tapStream, type StreamEnd, type Usage } from '../../server/proxy/usage';

const fixture = (name: string) => Bun.file(join(import.meta.dir, '..', 'fixtures', 'gemini', name)).text();

/** The counts of the last usageMetadata and the last finishReason in a Google body, the slow and obvious way. */
function lastUsage(text: string): Usage {
  const all = [...text.matchAll(/"usageMetadata"\s*:\s*(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})/g)];
  const meta = JSON.parse(all.at(-1)?.[1] ?? '{}') as Record<string, number>;
  const finishReason = [...text.matchAll(/"finishReason"\s*:\s*"([A-Z_]+)"/g)].at(-1)?.[1] ?? null;
  return { promptTokens: meta.promptTokenCount ?? null, candidatesTokens: meta.candidatesTokenCount ?? null, thoughtsTokens: meta.thoughtsTokenCount ?? null, finishReason };
}

/** Feeds `text` through the tap in pieces of `size` bytes and returns what it reported. */
async function tapInPieces(text: string, size: number): Promise<{ usage: Usage; end: StreamEnd; relayed: string }> {
  const bytes = new TextEncoder().encode(text);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  let reported: { usage: Usage; end: StreamEnd } | undefined;
  const relayed = await new Response(tapStream(source, () => {}, (usage, end) => (reported = { usage, end }))).text();
  if (!reported) throw new Error('onEnd was not called');
  return { ...reported, relayed };
}

describe('token counts read from passing bytes', () => {
  for (const name of ['unary-success-basic-reply-short.json', 'streaming-success-basic-reply-short.txt', 'test_prompt.response-body.json', 'test_google_model_max_tokens.response-body.json', 'generative-ai-js-streaming-failure-finish-reason-safety.txt']) {
    test(`${name}: the last usageMetadata, even when numbers are split across chunks`, async () => {
      const text = await fixture(name);
      for (const size of [1, 7, 64, 100_000]) {
        const { usage, end, relayed } = await tapInPieces(text, size);
        expect(usage).toEqual(lastUsage(text));
        expect(end).toEqual({ kind: 'complete' });
        expect(relayed).toBe(text);
      }
    });
  }

  test('completion tokens include thinking tokens', () => {
    const usage = scanUsage('{"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":10,"thoughtsTokenCount":32}}', NO_USAGE);
    expect(usage).toEqual({ promptTokens: 4, candidatesTokens: 10, thoughtsTokens: 32, finishReason: null });
    expect(completionTokens(usage)).toBe(42);
    expect(completionTokens(NO_USAGE)).toBeNull();
  });

  test('a broken upstream stream is reported as broken, once', async () => {
    let ends = 0;
    let pulled = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled++ === 0) controller.enqueue(new TextEncoder().encode('data: {"usageMetadata":{"promptTokenCount":3}}\r\n\r\n'));
        else controller.error(new Error('connection reset'));
      },
    });
    let last: StreamEnd | undefined;
    const reader = tapStream(source, () => {}, (_u, end) => {
      ends++;
      last = end;
    }).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow('connection reset');
    expect(ends).toBe(1);
    expect(last?.kind).toBe('broken');
  });

  test('a client that stops reading cancels the upstream read and is reported as cancelled', async () => {
    let upstreamCancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode('x')),
      cancel: () => {
        upstreamCancelled = true;
      },
    });
    let last: StreamEnd | undefined;
    const reader = tapStream(source, () => {}, (_u, end) => (last = end)).getReader();
    await reader.read();
    await reader.cancel();
    expect(last).toEqual({ kind: 'cancelled' });
    expect(upstreamCancelled).toBe(true);
  });
});

describe('token counts of a unary answer', () => {
  const long = async (usageFirst: boolean) => {
    const reply = JSON.parse(await fixture('unary-success-basic-reply-short.json')) as { candidates: { content: { parts: { text: string }[] } }[]; usageMetadata: unknown };
    const part = reply.candidates[0]?.content.parts[0];
    if (part) part.text = 'The sea. '.repeat(20_000);
    const { usageMetadata, ...rest } = reply;
    return JSON.stringify(usageFirst ? { usageMetadata, ...rest } : reply);
  };

  test('a 180 KB answer: the counts at its end', async () => {
    const text = await long(false);
    expect(text.length).toBeGreaterThan(150_000);
    const usage = scanBodyUsage(new TextEncoder().encode(text).buffer as ArrayBuffer);
    expect(usage).toEqual(lastUsage(text));
    expect(usage.promptTokens).not.toBeNull();
  });

  test('counts placed before a long answer are still found', async () => {
    const text = await long(true);
    expect(scanBodyUsage(new TextEncoder().encode(text).buffer as ArrayBuffer)).toEqual(lastUsage(text));
  });
});

describe('why an answer ended, for the request log', () => {
  test('a refused prompt (recorded): blockReason, marked as a block', async () => {
    for (const name of ['streaming-failure-prompt-blocked-safety.txt', 'issue-19758-prompt-block.json']) {
      const text = await fixture(name);
      const reason = /"blockReason"\s*:\s*"(\w+)"/.exec(text)?.[1];
      expect(scanUsage(text, NO_USAGE).finishReason).toBe(`blocked: ${reason}`);
    }
  });

  test('MAX_TOKENS and SAFETY (recorded) as Google names them; OpenAI-shaped answers (/openai/v1) too, their null reasons skipped', async () => {
    expect(scanBodyUsage(new TextEncoder().encode(await fixture('test_google_model_max_tokens.response-body.json')).buffer as ArrayBuffer).finishReason).toBe('MAX_TOKENS');
    expect(scanUsage(await fixture('unary-failure-finish-reason-safety.json'), NO_USAGE).finishReason).toBe('SAFETY');
    const chunks = ['data: {"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}', 'data: {"choices":[{"delta":{},"finish_reason":"length"}]}', 'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9}}'];
    expect(chunks.reduce((u, c) => scanUsage(c, u), NO_USAGE)).toEqual({ promptTokens: 3, candidatesTokens: 9, thoughtsTokens: null, finishReason: 'length' });
  });

  test('a "finishReason" inside the answer text is not taken for the real one', () => {
    const body = JSON.stringify({ candidates: [{ content: { parts: [{ text: 'Write "finishReason": "SAFETY" in the file.' }] }, finishReason: 'STOP' }] });
    expect(scanUsage(body, NO_USAGE).finishReason).toBe('STOP');
    expect(scanUsage(JSON.stringify({ candidates: [{ content: { parts: [{ text: '"finishReason": "SAFETY"' }] } }] }), NO_USAGE).finishReason).toBeNull();
  });
});

describe('the finish reason of a long unary answer', () => {
  test('grounding metadata after it (recorded, padded past 8 KB) does not hide it; counts still come from the tail', async () => {
    const recorded = JSON.parse(await fixture('unary-success-google-search-grounding.json')) as { candidates: { groundingMetadata: Record<string, unknown> }[] };
    const candidate = recorded.candidates[0];
    if (!candidate) throw new Error('the fixture has a candidate');
    candidate.groundingMetadata = { ...candidate.groundingMetadata, searchEntryPoint: { renderedContent: 'x'.repeat(12_000) } };
    const text = JSON.stringify(recorded, null, 2);
    expect(text.length).toBeGreaterThan(12_000);
    expect(text.lastIndexOf('"finishReason"')).toBeLessThan(text.length - 8192);
    expect(scanBodyUsage(new TextEncoder().encode(text).buffer as ArrayBuffer)).toEqual(lastUsage(text));
    expect(lastUsage(text).finishReason).toBe('STOP');
  });
});
