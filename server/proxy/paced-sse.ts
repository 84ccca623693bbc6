import type { ChatCompletionChunk } from '../convert/openai-response';
import { paceText, type PacingSettings } from '../convert/stream-pacing';
import { CORS_HEADERS } from './cors';
import { sseEvent } from './sse';

export const SSE_HEADERS = { ...CORS_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };

/**
 * Longer texts go out as they are: re-chunking is for the look of typing, and a markdown image
 * with a data URL (megabytes) would take the original's optimizer an hour to send (§10.48).
 */
const MAX_PACED_CHARS = 2000;

/** SSE strings, with pauses (ms) between the pieces of a text when the stream optimizer is on. */
export function* paced(chunks: readonly ChatCompletionChunk[], pacing: PacingSettings | undefined): Generator<string | number> {
  for (const chunk of chunks) {
    const choice = chunk.choices[0];
    const { role, content, ...rest } = choice?.delta ?? {};
    // Only plain text is re-chunked: a delta that also carries reasoning or tool calls goes as it is.
    const plain = content && content.length <= MAX_PACED_CHARS && !content.includes('](data:') && Object.keys(rest).length === 0;
    if (!pacing || !choice || !plain || chunk.choices.length !== 1) {
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
