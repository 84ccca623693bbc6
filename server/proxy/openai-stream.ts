import { endStream, type StreamContext, onGeminiChunk, startStream, type ChunkState } from '../convert/from-gemini-chunk';
import type { GeminiResponse } from '../convert/gemini-types';
import type { ChatCompletionChunk } from '../convert/openai-response';
import { pacingFrom } from '../convert/stream-pacing';
import type { Attempt, AttemptScope, Failure } from './dialect';
import { UploadError } from '../images/image-hosts';
import { type HostedImages, hostedUrl, hostInlineImages, mayHoldImage } from '../images/inline-images';
import { retryableEmpty, usageOf } from './gemini-answer';
import type { ChatCall } from './openai-chat';
import { classifyFailure } from './outcome';
import { googleError, openaiFailure } from './openai-render';
import { paced, SSE_HEADERS } from './paced-sse';
import { createSseParser, SSE_DONE, sseEvent } from './sse';
import { NO_USAGE, type Usage } from './usage';

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/** Google's stream, event by event, converted as it comes; the state lives here, the rules in convert/. */
class Conversion {
  state: ChunkState = startStream();
  usage: Usage = NO_USAGE;
  content = false;
  /** Everything Google said, folded: what decides whether an empty stream is worth another key. */
  seen: GeminiResponse = {};
  constructor(readonly ctx: StreamContext) {}

  /** OpenAI chunks for one Google event; a Google error object in the stream is thrown. */
  convert(data: string): ChatCompletionChunk[] {
    const event = JSON.parse(data) as GeminiResponse & { error?: unknown };
    if (event.error !== undefined) throw new StreamError(data);
    const facts = usageOf(event);
    // Counts come with (almost) every event, the finish reason with the last: keep each as last seen.
    this.usage = { ...(event.usageMetadata ? facts : this.usage), finishReason: facts.finishReason ?? this.usage.finishReason };
    this.seen = { ...this.seen, ...event };
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

// Thoughts count as content: a client showing reasoning_content sees them at once instead of
// waiting for the answer text.
const hasContent = (chunk: ChatCompletionChunk) =>
  chunk.choices.some((c) => Boolean(c.delta.content || c.delta.reasoning_content || c.delta.tool_calls?.length));

interface Relay {
  /** Images of `-image` models already on the image host (empty when none is configured). */
  readonly hosted: HostedImages;
  readonly reader: Reader | undefined;
  readonly parser: ReturnType<typeof createSseParser>;
  readonly decoder: TextDecoder;
  readonly conversion: Conversion;
  readonly scope: AttemptScope;
  readonly status: number;
}

/** Reads and converts the next piece of Google's stream; `done` once it has ended. */
async function step(r: Relay): Promise<{ chunks: ChatCompletionChunk[]; done: boolean }> {
  r.scope.deadline.touch();
  const { done, value } = (await r.reader?.read()) ?? { done: true, value: undefined };
  const events = done ? r.parser.end() : r.parser.push(r.decoder.decode(value, { stream: true }));
  for (const data of events) if (mayHoldImage(data)) await hostImagesOf(data, r);
  return { chunks: events.flatMap((data) => r.conversion.convert(data)), done };
}

/** Uploads an event's images before it is converted; an UploadError (the host's fault, not the key's) ends the answer. */
async function hostImagesOf(data: string, r: Relay): Promise<void> {
  let event: GeminiResponse;
  try {
    event = JSON.parse(data) as GeminiResponse;
  } catch {
    return;
  }
  await hostInlineImages(event, r.hosted, r.scope.deps);
  // The upload is the image host's time, not Google's: it must not count against TIME_OUT.
  r.scope.deadline.touch();
}

/**
 * A real stream. Nothing is sent until the first event with content: an upstream that fails or
 * ends empty before that is retried on another key (the client has seen nothing yet). After that,
 * chunks go out as they come; a later failure ends the stream with an error event the OpenAI SDK
 * raises, never a silent truncation.
 */
export async function streamAnswer(upstream: Response, call: ChatCall, scope: AttemptScope): Promise<Attempt> {
  const hosted: HostedImages = new Map();
  const r: Relay = {
    hosted,
    reader: upstream.body?.getReader() as Reader | undefined,
    parser: createSseParser(),
    decoder: new TextDecoder(),
    conversion: new Conversion({ ...call.context, includeUsage: call.includeUsage, imageUrl: hostedUrl(hosted) }),
    scope,
    status: upstream.status,
  };
  const held: ChatCompletionChunk[] = [];
  try {
    for (let done = false; !done && !r.conversion.content; ) {
      const next = await step(r);
      held.push(...next.chunks);
      done = next.done;
    }
  } catch (error) {
    return failedBeforeContent(error, r);
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  if (!r.conversion.content) return emptyStream(held, r);
  return { done: new Response(clientStream(r, held), { headers: SSE_HEADERS }) };
}

function emptyStream(held: ChatCompletionChunk[], r: Relay): Attempt {
  r.scope.deadline.clear();
  r.scope.record(r.status, 'ok', r.conversion.usage, 'empty-response');
  const answer = new Response([...held, ...r.conversion.finish()].map(sseEvent).join('') + SSE_DONE, { headers: SSE_HEADERS });
  const retry = r.scope.mayRetryEmpty && retryableEmpty(r.conversion.seen);
  return retry ? { failed: { status: 200, body: '', retryAfterMs: null, keyRejected: false, emptyAnswer: answer } } : { done: answer };
}

function failedBeforeContent(error: unknown, r: Relay): Attempt {
  const { scope } = r;
  scope.deadline.clear();
  void r.reader?.cancel().catch(() => undefined);
  if (error instanceof UploadError) {
    scope.record(r.status, 'ok', null, 'upload-failed');
    scope.deps.log.warn(error.message);
    return { done: openaiFailure({ status: 502, body: JSON.stringify({ error: { message: error.message, status: 'UPLOAD_FAILED' } }), retryAfterMs: null, keyRejected: false }) };
  }
  const why = scope.deadline.reason();
  if (why === 'client') {
    scope.record(r.status, 'cancelled', null, null);
    return { done: new Response(null, { status: 499 }) };
  }
  const inStream = error instanceof StreamError;
  const reason = inStream ? `error inside the stream: ${error.message}` : why === 'timeout' ? 'no data within TIME_OUT' : String(error);
  scope.settle(inStream ? { kind: 'transient', reason: reason.slice(0, 500) } : classifyFailure(error, false));
  scope.record(r.status, 'transient', null, 'stream-broken');
  const status = why === 'timeout' ? 504 : 502;
  const fallback = JSON.stringify({ error: { code: status, message: status === 504 ? 'Gemini stopped sending within TIME_OUT.' : 'Gemini closed the stream before answering.', status: 'UNAVAILABLE' } });
  const body = scope.logError(status, inStream ? error.body : fallback);
  const failure: Failure = { status, body, retryAfterMs: null, keyRejected: false };
  return { failed: failure };
}

/** The client's SSE body: the held chunks, then the rest of Google's stream, converted as it arrives. */
function clientStream(r: Relay, held: ChatCompletionChunk[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const s = r.scope.deps.settings.current;
  const pacing = s.STREAM_OPTIMIZER_ENABLED ? pacingFrom(s) : undefined;
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
        for (const piece of paced(chunks, pacing)) {
          if (ended) return;
          if (typeof piece === 'number') {
            await Bun.sleep(piece);
            // Pacing is our delay, not Google's: it must not count against TIME_OUT.
            r.scope.deadline.touch();
          } else controller.enqueue(encoder.encode(piece));
        }
      };
      try {
        if (first) {
          first = false;
          return await send(held);
        }
        const next = await step(r);
        await send(next.chunks);
        if (!next.done || ended) return;
        await send(r.conversion.finish());
        controller.enqueue(encoder.encode(SSE_DONE));
        controller.close();
        end('ok', null);
      } catch (error) {
        if (ended || r.scope.deadline.reason() === 'client') return end('cancelled', null);
        void r.reader?.cancel().catch(() => undefined);
        controller.enqueue(encoder.encode(sseEvent({ error: brokenMidStream(error, r) })));
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

/** Settles the key and logs the failure; returns the error event the OpenAI SDK raises as an APIError. */
function brokenMidStream(error: unknown, r: Relay) {
  const timeout = r.scope.deadline.reason() === 'timeout';
  if (error instanceof UploadError) {
    r.scope.logError(r.status, error.message);
    return { message: error.message, type: 'server_error', code: 'upload_failed', param: null };
  }
  if (error instanceof StreamError) {
    r.scope.settle({ kind: 'transient', reason: `error inside the stream: ${error.message}`.slice(0, 500) });
    const message = r.scope.logError(r.status, error.body);
    return { message: `Gemini failed mid-answer: ${googleError(message).message}`, type: 'server_error', code: 'stream_interrupted', param: null };
  }
  if (error instanceof SyntaxError) {
    r.scope.logError(r.status, `Gemini sent an event that is not JSON: ${error.message}`);
    return { message: 'Gemini sent a malformed event mid-answer.', type: 'server_error', code: 'stream_interrupted', param: null };
  }
  r.scope.settle(classifyFailure(error, false));
  r.scope.logError(r.status, timeout ? 'no data within TIME_OUT mid-stream' : String(error));
  const message = timeout ? 'Gemini stopped sending mid-answer (TIME_OUT).' : 'Gemini closed the stream mid-answer.';
  return { message, type: 'server_error', code: 'stream_interrupted', param: null };
}
