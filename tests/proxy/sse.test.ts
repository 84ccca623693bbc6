import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { createSseParser } from '../../server/proxy/sse';

const fixture = (name: string) => Bun.file(join(import.meta.dir, '..', 'fixtures', 'gemini', name)).text();

function parseInPieces(text: string, size: number): string[] {
  const parser = createSseParser();
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  return [...out, ...parser.end()];
}

describe('SSE parsing', () => {
  test('a recorded Gemini stream gives one JSON document per event, however it is split', async () => {
    const text = await fixture('streaming-success-basic-reply-short.txt');
    const whole = parseInPieces(text, text.length);
    expect(whole.length).toBeGreaterThan(0);
    for (const data of whole) expect(() => JSON.parse(data)).not.toThrow();
    for (const size of [1, 3, 17, 256]) expect(parseInPieces(text, size)).toEqual(whole);
  });

  test('an error Google appends after the events, as bare JSON, is returned too', async () => {
    const events = parseInPieces(await fixture('streaming-failure-error-mid-stream.txt'), 5);
    expect(JSON.parse(events.at(-1) ?? '{}')).toMatchObject({ error: { code: 499, status: 'CANCELLED' } });
    expect(events.slice(0, -1).every((e) => 'candidates' in JSON.parse(e))).toBe(true);
  });

  test('CRLF and LF separators, multi-line data, comments and blank events', () => {
    const text = 'data: {"a":1}\r\n\r\n: keep-alive\n\ndata: {"b":\ndata: 2}\n\ndata: \n\ndata:{"c":3}';
    expect(parseInPieces(text, 2)).toEqual(['{"a":1}', '{"b":\n2}', '{"c":3}']);
  });
});
