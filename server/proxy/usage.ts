/**
 * Token counts from Google's usageMetadata, read from the bytes as they pass (unary JSON, SSE or
 * the JSON-array stream alike). Streams repeat the running totals in every event, so the last
 * values seen are the request's. Pure: the caller keeps the state between chunks.
 */
export interface Usage {
  readonly promptTokens: number | null;
  readonly candidatesTokens: number | null;
  readonly thoughtsTokens: number | null;
}

export const NO_USAGE: Usage = { promptTokens: null, candidatesTokens: null, thoughtsTokens: null };

function last(pattern: RegExp, text: string, previous: number | null): number | null {
  let found = previous;
  for (const match of text.matchAll(pattern)) found = Number(match[1]);
  return found;
}

/** Scans `text`; callers pass the previous chunk's tail with it so a split number is not missed. */
export function scanUsage(text: string, previous: Usage): Usage {
  if (!text.includes('TokenCount')) return previous;
  return {
    promptTokens: last(/"promptTokenCount"\s*:\s*(\d+)/g, text, previous.promptTokens),
    candidatesTokens: last(/"candidatesTokenCount"\s*:\s*(\d+)/g, text, previous.candidatesTokens),
    thoughtsTokens: last(/"thoughtsTokenCount"\s*:\s*(\d+)/g, text, previous.thoughtsTokens),
  };
}

export const completionTokens = (u: Usage) =>
  u.candidatesTokens === null && u.thoughtsTokens === null ? null : (u.candidatesTokens ?? 0) + (u.thoughtsTokens ?? 0);

const TAIL = 64;

export type StreamEnd = { kind: 'complete' } | { kind: 'cancelled' } | { kind: 'broken'; error: unknown };

/**
 * Relays `body` chunk by chunk (nothing is held back) while reading usage. `onEnd` runs once:
 * complete, cancelled by the client (the upstream read is cancelled too), or broken upstream.
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
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          end({ kind: 'complete' });
          return;
        }
        controller.enqueue(value);
        onChunk();
        const text = tail + decoder.decode(value, { stream: true });
        usage = scanUsage(text, usage);
        tail = text.slice(-TAIL);
      } catch (error) {
        end({ kind: 'broken', error });
        controller.error(error);
      }
    },
    async cancel(reason) {
      end({ kind: 'cancelled' });
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}
