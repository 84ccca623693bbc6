import { endStream, type StreamContext, onGeminiChunk, startStream, type ChunkState } from '../convert/from-gemini-chunk';
import type { GeminiResponse } from '../convert/gemini-types';
import type { ChatCompletionChunk } from '../convert/openai-response';
import { pacingFrom, paceText, type PacingSettings } from '../convert/stream-pacing';
import { CORS_HEADERS } from './cors';
import type { Attempt, AttemptScope, Failure } from './dialect';
import type { ChatCall } from './openai-chat';
import { usageOf } from './openai-chat';
import { classifyFailure } from './outcome';
import { googleError } from './openai-render';
import { createSseParser, SSE_DONE, sseEvent } from './sse';
import { NO_USAGE, type Usage } from './usage';

type Reader = ReadableStreamDefaultReader<Uint8Array>;

export const SSE_HEADERS = { ...CORS_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };

/** Google's stream, event by event, converted as it comes; the state lives here, the rules in convert/. */
class Conversion {
  state: ChunkState = startStream();
  usage: Usage = NO_USAGE;
  content = false;
  /** Google blocked the prompt: every key would say the same, so an empty answer is not retried. */
  blocked = false;
  constructor(readonly ctx: StreamContext) {}

  /** OpenAI chunks for one Google event; a Google error object in the stream is thrown. */
  convert(data: string): ChatCompletionChunk[] {
    const event = JSON.parse(data) as GeminiResponse & { error?: unknown };
    if (event.error !== undefined) throw new StreamError(data);
    if (event.usageMetadata) this.usage = usageOf(event);
    if (event.promptFeedback?.blockReason) this.blocked = true;
    const { state, chunks } = onGeminiChunk(this.state, event, this.ctx);
    this.state = state;
    if (chunks.some(hasContent)) this.content = true;
    return chunks;
  }
  finish = (): ChatCompletionChunk[] => endStream(this.state, this.ctx);
}

/** Google reported an error inside a 200 stream (e.g. 499 CANCELLED, 500 INTERNAL mid-answer). */
class StreamError extends Error {
  constructor(readonly body: string) {
    super(googleError(body).message);
  }
}

const hasContent = (chunk: ChatCompletionChunk) =>
  chunk.choices.some((c) => Boolean(c.delta.content || c.delta.reasoning_content || c.delta.tool_calls?.length));

/**
 * A real stream. Nothing is sent until the first event with content: an upstream that fails or
 * ends empty before that is retried on another key (the client has seen nothing yet). After that,
 * chunks go out as they come; a later failure ends the stream with an error event the OpenAI SDK
 * raises, never a silent truncation.
 */
export async function streamAnswer(upstream: Response, call: ChatCall, scope: AttemptScope): Promise<Attempt> {
  const conversion = new Conversion({ ...call.context, includeUsage: call.includeUsage });
  const reader = upstream.body?.getReader() as Reader | undefined;
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const held: ChatCompletionChunk[] = [];
  try {
    while (reader && !conversion.content) {
      scope.deadline.touch();
      const { done, value } = await reader.read();
      const events = done ? parser.end() : parser.push(decoder.decode(value, { stream: true }));
      for (const data of events) held.push(...conversion.convert(data));
      if (done) break;
    }
  } catch (error) {
    return failedBeforeContent(error, upstream.status, scope, reader);
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  if (!conversion.content) {
    scope.deadline.clear();
    scope.record(upstream.status, 'ok', conversion.usage, 'empty-response');
    const answer = new Response([...held, ...conversion.finish()].map(sseEvent).join('') + SSE_DONE, { headers: SSE_HEADERS });
    return scope.mayRetryEmpty && !conversion.blocked ? { failed: { status: 200, body: '', retryAfterMs: null, keyRejected: false, emptyAnswer: answer } } : { done: answer };
  }
  const pacing = scope.deps.settings.current.STREAM_OPTIMIZER_ENABLED ? pacingFrom(scope.deps.settings.current) : undefined;
  return { done: new Response(clientStream({ reader, parser, decoder, conversion, held, scope, status: upstream.status, pacing }), { headers: SSE_HEADERS }) };
}

function failedBeforeContent(error: unknown, status: number, scope: AttemptScope, reader: Reader | undefined): Attempt {
  scope.deadline.clear();
  void reader?.cancel().catch(() => undefined);
  if (error instanceof StreamError) {
    scope.settle({ kind: 'transient', reason: `error inside the stream: ${error.message}`.slice(0, 500) });
    scope.record(status, 'transient', null, 'stream-error');
    return { failed: { status: 502, body: error.body, retryAfterMs: null, keyRejected: false } };
  }
  const outcome = classifyFailure(error, scope.deadline.reason() === 'client');
  scope.settle(outcome);
  scope.record(status, outcome.kind, null, 'stream-broken');
  if (outcome.kind === 'cancelled') return { done: new Response(null, { status: 499 }) };
  const failure: Failure = { status: 502, body: JSON.stringify({ error: { code: 502, message: 'Gemini closed the stream before answering.', status: 'UNAVAILABLE' } }), retryAfterMs: null, keyRejected: false };
  return { failed: failure };
}

interface Relay {
  readonly reader: Reader | undefined;
  readonly parser: ReturnType<typeof createSseParser>;
  readonly decoder: TextDecoder;
  readonly conversion: Conversion;
  readonly held: ChatCompletionChunk[];
  readonly scope: AttemptScope;
  readonly status: number;
  readonly pacing: PacingSettings | undefined;
}

/** The client's SSE body: the held chunks, then the rest of Google's stream, converted as it arrives. */
function clientStream(r: Relay): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let ended = false;
  const end = (outcome: 'ok' | 'stream-broken' | 'cancelled', errorCode: string | null) => {
    if (ended) return;
    ended = true;
    r.scope.deadline.clear();
    r.scope.record(r.status, outcome, r.conversion.usage, errorCode);
  };
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const send = async (chunks: ChatCompletionChunk[]) => {
        for (const text of paced(chunks, r.pacing)) {
          if (typeof text === 'number') await Bun.sleep(text);
          else controller.enqueue(encoder.encode(text));
        }
      };
      if (first) {
        first = false;
        await send(r.held);
        return;
      }
      try {
        r.scope.deadline.touch();
        const { done, value } = (await r.reader?.read()) ?? { done: true, value: undefined };
        const events = done ? r.parser.end() : r.parser.push(r.decoder.decode(value, { stream: true }));
        for (const data of events) await send(r.conversion.convert(data));
        if (!done) return;
        await send(r.conversion.finish());
        controller.enqueue(encoder.encode(SSE_DONE));
        controller.close();
        end('ok', null);
      } catch (error) {
        brokenMidStream(error, r);
        controller.enqueue(encoder.encode(sseEvent({ error: errorEvent(error) })));
        controller.close();
        end('stream-broken', 'stream-broken');
      }
    },
    async cancel(reason) {
      end('cancelled', null);
      await r.reader?.cancel(reason).catch(() => undefined);
    },
  });
}

function brokenMidStream(error: unknown, r: Relay) {
  if (error instanceof StreamError) r.scope.settle({ kind: 'transient', reason: `error inside the stream: ${error.message}`.slice(0, 500) });
  else r.scope.settle(classifyFailure(error, false));
}

/** What the OpenAI SDK raises as an APIError when a stream event carries `error`. */
function errorEvent(error: unknown) {
  const message = error instanceof StreamError ? `Gemini failed mid-answer: ${error.message}` : 'Gemini closed the stream mid-answer.';
  return { message, type: 'server_error', code: 'stream_interrupted', param: null };
}

/** SSE strings, with pauses (ms) between the pieces of a text when the stream optimizer is on. */
export function* paced(chunks: readonly ChatCompletionChunk[], pacing: PacingSettings | undefined): Generator<string | number> {
  for (const chunk of chunks) {
    const choice = chunk.choices[0];
    const { role, content, ...rest } = choice?.delta ?? {};
    // Only plain text is re-chunked: a delta that also carries reasoning or tool calls goes as it is.
    if (!pacing || !choice || !content || chunk.choices.length !== 1 || Object.keys(rest).length > 0) {
      yield sseEvent(chunk);
      continue;
    }
    const { pieces, delayMs } = paceText(content, pacing);
    for (const [i, piece] of pieces.entries()) {
      const delta = i === 0 && role ? { role, content: piece } : { content: piece };
      yield sseEvent({ ...chunk, choices: [{ ...choice, delta }] });
      yield delayMs;
    }
  }
}
