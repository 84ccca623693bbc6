/**
 * Server-sent events, both ways. Pure: the caller feeds decoded text and writes the strings out.
 * Google separates events with `\r\n\r\n`; other servers (and tests) use `\n\n`; both are accepted,
 * and an event split across network chunks is held until its blank line arrives.
 */
export interface SseParser {
  /** The `data` payloads of every event completed by this text. */
  push(text: string): string[];
  /** What is left when the stream ends (an event without its final blank line). */
  end(): string[];
}

function eventData(block: string): string | undefined {
  const lines = block.split(/\r?\n/).filter((line) => line.startsWith('data:'));
  // Google appends a failure as a bare JSON object after the events, not as an event
  // (recorded: streaming-failure-error-mid-stream.txt, 499 CANCELLED); it is returned as data.
  if (lines.length === 0) return /^\s*[{[]/.test(block) ? block.trim() : undefined;
  return lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
}

export function createSseParser(): SseParser {
  let buffer = '';
  const take = (final: boolean): string[] => {
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = final ? '' : (blocks.pop() ?? '');
    return blocks.map(eventData).filter((data): data is string => data !== undefined && data.trim() !== '');
  };
  return {
    push(text) {
      buffer += text;
      return take(false);
    },
    end: () => take(true),
  };
}

/** One event as OpenAI sends it: `data: <json>` and a blank line. */
export const sseEvent = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

export const SSE_DONE = 'data: [DONE]\n\n';
