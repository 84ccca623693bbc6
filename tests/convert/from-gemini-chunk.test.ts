import { describe, expect, test } from 'bun:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenCases, UPDATE_GOLDEN } from '../helpers/golden';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { endStream, onGeminiChunk, startStream, type StreamContext } from '../../server/convert/from-gemini-chunk';
import { fromGeminiResponse } from '../../server/convert/from-gemini-response';
import type { GeminiResponse } from '../../server/convert/gemini-types';
import type { ChatCompletionChunk } from '../../server/convert/openai-response';

/**
 * Golden files: golden/from-gemini-chunk/<case>.in.json names a recorded stream in
 * tests/fixtures/gemini — `sse` (one or more raw SSE bodies, read in a row), `jsonl` (one chunk per
 * line), `unary` (a whole answer as a one-event stream) — or holds `chunks` inline; <case>.out.json
 * is every chunk produced (onGeminiChunk for each, then endStream). UPDATE_GOLDEN=1 rewrites them.
 */

const GOLDEN = join(import.meta.dir, 'golden', 'from-gemini-chunk');
const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');

interface CaseContext {
  showThinking?: boolean;
  showSearchLinks?: boolean;
  model?: string;
  includeUsage?: boolean;
  uploadedImageUrl?: string;
}

interface Case {
  note?: string;
  sse?: string | string[];
  jsonl?: string;
  unary?: string;
  chunks?: GeminiResponse[];
  context?: CaseContext;
}

function contextOf(c: CaseContext = {}): StreamContext {
  const uploaded = c.uploadedImageUrl;
  return {
    id: 'chatcmpl-test',
    created: 1700000000,
    model: c.model ?? 'gemini-2.5-flash',
    showThinking: c.showThinking ?? false,
    showSearchLinks: c.showSearchLinks ?? false,
    includeUsage: c.includeUsage ?? false,
    toolCallId: (candidate, call) => `call_${candidate}_${call}`,
    ...(uploaded === undefined ? {} : { imageUrl: () => uploaded }),
  };
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (json: string) => JSON.parse(json) as GeminiResponse;

/** Events are separated by a blank line (CRLF on the wire, LF in some stored copies). */
function sseChunks(body: string): GeminiResponse[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((event) => event.trim())
    .filter((event) => event.startsWith('data:'))
    .map((event) => parse(event.slice('data:'.length)));
}

function chunksOf(c: Case): GeminiResponse[] {
  if (c.chunks !== undefined) return c.chunks;
  if (c.sse !== undefined) return [c.sse].flat().flatMap((name) => sseChunks(fixture(name)));
  if (c.jsonl !== undefined) return fixture(c.jsonl).split('\n').filter((line) => line.trim() !== '').map(parse);
  if (c.unary !== undefined) return [parse(fixture(c.unary))];
  throw new Error('a case needs "sse", "jsonl", "unary" or "chunks"');
}

function convert(chunks: GeminiResponse[], ctx: StreamContext): ChatCompletionChunk[] {
  let state = startStream();
  const out: ChatCompletionChunk[] = [];
  for (const chunk of chunks) {
    const step = onGeminiChunk(state, chunk, ctx);
    state = step.state;
    out.push(...step.chunks);
  }
  return [...out, ...endStream(state, ctx)];
}

/** What the official openai SDK's stream helper makes of the chunks (it rejects malformed streams). */
async function accumulate(chunks: ChatCompletionChunk[]) {
  const body = chunks.map((chunk) => `${JSON.stringify(chunk)}\n`).join('');
  const stream = ChatCompletionStream.fromReadableStream(new Response(body).body ?? new ReadableStream());
  return stream.finalChatCompletion();
}

const cases = goldenCases(GOLDEN);

const load = (name: string) => JSON.parse(readFileSync(join(GOLDEN, `${name}.in.json`), 'utf8')) as Case;

describe('onGeminiChunk / endStream golden files', () => {
  test('there are cases', () => expect(cases.length).toBeGreaterThan(15));

  for (const name of cases) {
    test(name, () => {
      const input = load(name);
      const actual: unknown = JSON.parse(JSON.stringify(convert(chunksOf(input), contextOf(input.context))));
      const outFile = join(GOLDEN, `${name}.out.json`);
      if (UPDATE_GOLDEN) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toStrictEqual(JSON.parse(readFileSync(outFile, 'utf8')));
    });
  }
});

describe('stream shape, for every case', () => {
  for (const name of cases) {
    test(`${name}: one id, role once per choice, finish once per choice after its content`, () => {
      const input = load(name);
      const ctx = contextOf(input.context);
      const out = convert(chunksOf(input), ctx);
      expect(new Set(out.map((c) => c.id))).toStrictEqual(new Set(['chatcmpl-test']));
      const roles = new Map<number, number>();
      const finished = new Set<number>();
      for (const chunk of out) {
        for (const choice of chunk.choices) {
          expect(finished.has(choice.index)).toBe(false);
          if (choice.delta.role !== undefined) roles.set(choice.index, (roles.get(choice.index) ?? 0) + 1);
          if (choice.finish_reason !== null) finished.add(choice.index);
        }
      }
      expect([...roles.values()].every((n) => n === 1)).toBe(true);
      expect([...finished].sort()).toStrictEqual([...roles.keys()].sort());
      const withUsage = out.filter((c) => c.usage !== undefined && c.usage !== null);
      expect(withUsage.length).toBe(ctx.includeUsage ? 1 : 0);
      if (ctx.includeUsage) expect(out.at(-1)?.choices).toStrictEqual([]);
    });

    test(`${name}: the openai SDK accumulates it`, async () => {
      const input = load(name);
      const out = convert(chunksOf(input), contextOf(input.context));
      const final = await accumulate(out);
      for (const choice of final.choices) {
        const deltas = out.flatMap((c) => c.choices.filter((x) => x.index === choice.index).map((x) => x.delta));
        const content = deltas.map((d) => d.content ?? '').join('');
        expect(choice.message.content ?? '').toBe(content);
        const calls = deltas.flatMap((d) => d.tool_calls ?? []);
        expect((choice.message.tool_calls ?? []).map((c) => c.id)).toStrictEqual(calls.map((c) => c.id));
        expect(choice.finish_reason).not.toBeNull();
      }
    });
  }
});

describe('a unary answer streamed as one chunk says the same as fromGeminiResponse', () => {
  const UNARY = join(import.meta.dir, 'golden', 'from-gemini-response');
  const unaryCases = goldenCases(UNARY);

  for (const name of unaryCases) {
    test(name, () => {
      const input = JSON.parse(readFileSync(join(UNARY, `${name}.in.json`), 'utf8')) as { file?: string; response?: GeminiResponse; context?: CaseContext };
      const response = input.response ?? parse(fixture(input.file ?? ''));
      const ctx = contextOf(input.context);
      const streamed = convert([response], ctx);
      const unary = fromGeminiResponse(response, ctx);
      for (const choice of unary.choices) {
        const mine = streamed.flatMap((c) => c.choices.filter((x) => x.index === choice.index));
        const deltas = mine.map((x) => x.delta);
        expect(deltas.map((d) => d.content ?? '').join('')).toBe(choice.message.content ?? '');
        expect(deltas.map((d) => d.reasoning_content ?? '').join('')).toBe(choice.message.reasoning_content ?? '');
        const calls = deltas.flatMap((d) => d.tool_calls ?? []).map(({ index: _index, ...call }) => call);
        expect(calls).toStrictEqual(choice.message.tool_calls ?? []);
        expect(mine.at(-1)?.finish_reason).toBe(choice.finish_reason);
      }
    });
  }
});
