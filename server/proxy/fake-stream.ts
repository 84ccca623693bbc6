import { completionToChunks } from '../convert/completion-to-chunks';
import type { ChatCompletion } from '../convert/openai-response';
import type { PacingSettings } from '../convert/stream-pacing';
import type { ChatCall } from './openai-chat';
import { paced, SSE_HEADERS } from './paced-sse';
import { SSE_DONE, sseEvent } from './sse';

export interface FakeStreamOptions {
  readonly intervalMs: number;
  readonly pacing: PacingSettings | undefined;
}

/** The answer if it is ready before `ms`, else undefined. */
async function readyWithin(answer: Promise<Response>, ms: number): Promise<Response | undefined> {
  let timer: Timer | undefined;
  const due = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    return await Promise.race([answer, due]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * FAKE_STREAM_ENABLED: the client asked for a stream, Google is asked for the whole answer (some
 * networks cut long-lived upstream streams). Keep-alive chunks (`choices: []`, which OpenAI SDKs
 * skip) go out every interval while the answer is on its way — including its retries on other
 * keys — then the answer as a stream. An error known before the first keep-alive keeps its real
 * status and Retry-After (so SDKs back off on a 429); a later one becomes an error event. The
 * original converted only the first part of each candidate here, losing the answer of thinking
 * models; this sends every part.
 */
export async function fakeStream(call: ChatCall, answer: Promise<Response>, options: FakeStreamOptions): Promise<Response> {
  const early = await readyWithin(answer, options.intervalMs);
  if (early && !early.ok) return early;
  const { id, created, model } = call.context;
  const encoder = new TextEncoder();
  let timer: Timer | undefined;
  // The client may leave while the answer is on its way: nothing may be written after that.
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        clearInterval(timer);
        if (!closed) controller.close();
        closed = true;
      };
      if (!early) timer = setInterval(() => send(sseEvent({ id, object: 'chat.completion.chunk', created, model, choices: [] })), options.intervalMs);
      if (!early) send(sseEvent({ id, object: 'chat.completion.chunk', created, model, choices: [] }));
      void answer
        .then(async (response) => {
          clearInterval(timer);
          const text = await response.text();
          if (!response.ok) return send(sseEvent(errorOf(text, response.status)));
          for (const piece of paced(completionToChunks(JSON.parse(text) as ChatCompletion, id, call.includeUsage), options.pacing)) {
            if (closed) return;
            if (typeof piece === 'number') await Bun.sleep(piece);
            else send(piece);
          }
          send(SSE_DONE);
        })
        .catch((error: unknown) => send(sseEvent({ error: { message: `The answer could not be completed (${String(error)}).`, type: 'server_error', code: null, param: null } })))
        .finally(close);
    },
    cancel() {
      closed = true;
      clearInterval(timer);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

/** The OpenAI-shaped error the pipeline rendered, as the stream's last event. */
function errorOf(text: string, status: number): { error: unknown } {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (parsed.error !== undefined) return { error: parsed.error };
  } catch {
    // Not JSON: the text itself is the message.
  }
  return { error: { message: text || `HTTP ${status}`, type: 'server_error', code: null, param: null } };
}
