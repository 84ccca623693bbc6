/**
 * What an answer says about itself, for the request log: token counts from Google's usageMetadata
 * and why it ended (finishReason: STOP, MAX_TOKENS, SAFETY …; a refused prompt's blockReason as
 * `blocked: <reason>`), read from the bytes as they pass (unary JSON, SSE or the JSON-array
 * stream alike). Streams repeat the running totals in every event and give the finish reason
 * last, so the last values seen are the request's. Pure: the caller keeps the state between chunks.
 */
export interface Usage {
  readonly promptTokens: number | null;
  readonly candidatesTokens: number | null;
  readonly thoughtsTokens: number | null;
  readonly finishReason: string | null;
}

export const NO_USAGE: Usage = { promptTokens: null, candidatesTokens: null, thoughtsTokens: null, finishReason: null };

// Gemini's names, and OpenAI's (answers of Google's OpenAI-compatible endpoint, /openai/v1);
// a `"finish_reason": null` (an OpenAI chunk before the last) is not a reason and does not match.
const FACTS = /"(promptTokenCount|candidatesTokenCount|thoughtsTokenCount|prompt_tokens|completion_tokens)"\s*:\s*(\d+)|"(finishReason|finish_reason|blockReason)"\s*:\s*"(\w+)"/g;

/** Scans `text`; callers pass the previous chunk's tail with it so a split value is not missed. */
export function scanUsage(text: string, previous: Usage): Usage {
  if (!text.includes('TokenCount') && !text.includes('_tokens') && !text.includes('Reason') && !text.includes('finish_reason')) return previous;
  let { promptTokens, candidatesTokens, thoughtsTokens, finishReason } = previous;
  // One pass for everything; the last value of each wins.
  for (const [, name, value, reasonName, reason] of text.matchAll(FACTS)) {
    if (reasonName !== undefined) finishReason = reasonName === 'blockReason' ? `blocked: ${reason}` : (reason ?? null);
    else if (name === 'promptTokenCount' || name === 'prompt_tokens') promptTokens = Number(value);
    else if (name === 'candidatesTokenCount' || name === 'completion_tokens') candidatesTokens = Number(value);
    else thoughtsTokens = Number(value);
  }
  return { promptTokens, candidatesTokens, thoughtsTokens, finishReason };
}

const TAIL_BYTES = 8192;
const bodyDecoder = new TextDecoder();

/**
 * Usage of a unary answer. Google puts usageMetadata after the candidates, at the end, so the last
 * 8 KB usually hold it and a long answer is not decoded and scanned whole; if the tail has no
 * counts, the whole body is scanned. The finish reason comes right after a candidate's content,
 * before its grounding, citation and logprobs metadata, which can push it out of the tail.
 */
export function scanBodyUsage(bytes: ArrayBuffer): Usage {
  if (bytes.byteLength > TAIL_BYTES) {
    const tail = scanUsage(bodyDecoder.decode(new Uint8Array(bytes, bytes.byteLength - TAIL_BYTES)), NO_USAGE);
    // No candidate counts: an answer without a finish reason (embeddings), nothing more to find.
    if (tail.promptTokens !== null) return tail.finishReason !== null || tail.candidatesTokens === null ? tail : { ...tail, finishReason: lastReason(bytes) };
  }
  return scanUsage(bodyDecoder.decode(bytes), NO_USAGE);
}

/** The last finish reason in a long body, found natively (a quote inside answer text is escaped: `\"finishReason\"`). */
function lastReason(bytes: ArrayBuffer): string | null {
  const buffer = Buffer.from(bytes);
  for (const key of ['"finishReason"', '"finish_reason"']) {
    const at = buffer.lastIndexOf(key);
    if (at >= 0) return scanUsage(buffer.toString('utf8', at, at + 64), NO_USAGE).finishReason;
  }
  return null;
}

export const completionTokens = (u: Usage) =>
  u.candidatesTokens === null && u.thoughtsTokens === null ? null : (u.candidatesTokens ?? 0) + (u.thoughtsTokens ?? 0);

const TAIL = 64;

export type StreamEnd = { kind: 'complete' } | { kind: 'cancelled' } | { kind: 'broken'; error: unknown };

/**
 * Relays `body` chunk by chunk (nothing is held back) while reading usage. `onEnd` runs once:
 * complete, cancelled by the client (the upstream read is cancelled too), or broken upstream.
 * A Bun "direct" stream: each chunk is written straight to the client's socket, with no queue in
 * between (the queued pull stream cost ~5–10 % more CPU per streamed request in `bun run bench`).
 * Waiting on flush() is the backpressure: a client that reads slowly slows the upstream reads.
 */
export function tapStream(
  body: ReadableStream<Uint8Array>,
  onChunk: () => void,
  onEnd: (usage: Usage, end: StreamEnd) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let usage = NO_USAGE;
  let tail = '';
  let ended = false;
  // A client disconnect can surface twice: as cancel(), and as the aborted upstream read.
  const end = (how: StreamEnd) => {
    if (ended) return;
    ended = true;
    onEnd(usage, how);
  };
  const source: Bun.DirectUnderlyingSource<Uint8Array> = {
    type: 'direct',
    async pull(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (ended) return;
          onChunk();
          controller.write(value);
          const text = tail + decoder.decode(value, { stream: true });
          usage = scanUsage(text, usage);
          tail = text.slice(-TAIL);
          await controller.flush();
        }
      } catch (error) {
        if (ended) return;
        end({ kind: 'broken', error });
        controller.close(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      end({ kind: 'complete' });
      controller.close();
    },
    async cancel(reason) {
      end({ kind: 'cancelled' });
      await reader.cancel(reason).catch(() => undefined);
    },
  };
  return new ReadableStream(source);
}
