import { describe, expect, test } from 'bun:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenCases, UPDATE_GOLDEN } from '../helpers/golden';
import { convertUsage } from '../../server/convert/convert-usage';
import { type AnswerContext, fromGeminiResponse, isEmptyAnswer } from '../../server/convert/from-gemini-response';
import type { GeminiResponse } from '../../server/convert/gemini-types';
import { mapFinishReason } from '../../server/convert/map-finish-reason';

/**
 * Golden files: golden/from-gemini-response/<case>.in.json holds a recorded Gemini answer (by file
 * name in tests/fixtures/gemini, or inline as `response`), the context and whether it counts as
 * an empty answer; <case>.out.json is the expected chat.completion. UPDATE_GOLDEN=1 rewrites them.
 */

const GOLDEN = join(import.meta.dir, 'golden', 'from-gemini-response');
const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');

interface CaseContext {
  showThinking?: boolean;
  showSearchLinks?: boolean;
  model?: string;
  /** Stands for an image host: every image is said to be uploaded at this URL. */
  uploadedImageUrl?: string;
}

interface Case {
  note?: string;
  file?: string;
  response?: GeminiResponse;
  context?: CaseContext;
  isEmptyAnswer: boolean;
}

function contextOf(c: CaseContext = {}): AnswerContext {
  const uploaded = c.uploadedImageUrl;
  return {
    id: 'chatcmpl-test',
    created: 1700000000,
    model: c.model ?? 'gemini-2.5-flash',
    showThinking: c.showThinking ?? false,
    showSearchLinks: c.showSearchLinks ?? false,
    toolCallId: (candidate, call) => `call_${candidate}_${call}`,
    ...(uploaded === undefined ? {} : { imageUrl: () => uploaded }),
  };
}

function responseOf(c: Case): GeminiResponse {
  if (c.response !== undefined) return c.response;
  if (c.file === undefined) throw new Error('a case needs "file" or "response"');
  return JSON.parse(readFileSync(join(FIXTURES, c.file), 'utf8')) as GeminiResponse;
}

const cases = goldenCases(GOLDEN);

describe('fromGeminiResponse golden files', () => {
  test('there are cases', () => expect(cases.length).toBeGreaterThan(20));

  for (const name of cases) {
    test(name, () => {
      const input = JSON.parse(readFileSync(join(GOLDEN, `${name}.in.json`), 'utf8')) as Case;
      const response = responseOf(input);
      // Round-trip through JSON: the golden file is what goes on the wire (no undefined keys).
      const actual: unknown = JSON.parse(JSON.stringify(fromGeminiResponse(response, contextOf(input.context))));
      const outFile = join(GOLDEN, `${name}.out.json`);
      if (UPDATE_GOLDEN) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toStrictEqual(JSON.parse(readFileSync(outFile, 'utf8')));
      expect(isEmptyAnswer(response)).toBe(input.isEmptyAnswer);
    });
  }
});

describe('mapFinishReason', () => {
  const table: [string | undefined, boolean, string][] = [
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    [undefined, false, 'stop'],
    [undefined, true, 'tool_calls'],
    ['FINISH_REASON_UNSPECIFIED', false, 'stop'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['CONTINUATION', false, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['IMAGE_PROHIBITED_CONTENT', false, 'content_filter'],
    ['IMAGE_RECITATION', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['UNEXPECTED_TOOL_CALL', false, 'stop'],
    ['TOO_MANY_TOOL_CALLS', true, 'stop'],
    ['OTHER', false, 'stop'],
    ['LANGUAGE', false, 'stop'],
    ['NO_IMAGE', false, 'stop'],
    ['FAKE_ENUM', false, 'stop'],
  ];
  for (const [reason, calls, expected] of table) {
    test(`${reason ?? 'missing'}${calls ? ' with function calls' : ''} → ${expected}`, () => {
      expect(mapFinishReason(reason, calls)).toBe(expected as ReturnType<typeof mapFinishReason>);
    });
  }
});

describe('convertUsage', () => {
  test('missing usage is all zeros, with no details', () => {
    expect(convertUsage(undefined)).toStrictEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });

  test('without totalTokenCount the total is the sum', () => {
    expect(convertUsage({ promptTokenCount: 3, candidatesTokenCount: 4, thoughtsTokenCount: 5 }).total_tokens).toBe(12);
  });

  test('prompt + completion = total for every recorded answer that has a total', () => {
    for (const name of cases) {
      const input = JSON.parse(readFileSync(join(GOLDEN, `${name}.in.json`), 'utf8')) as Case;
      const usage = responseOf(input).usageMetadata;
      if (usage?.totalTokenCount === undefined) continue;
      const out = convertUsage(usage);
      expect({ name, sum: out.prompt_tokens + out.completion_tokens }).toStrictEqual({ name, sum: out.total_tokens });
    }
  });
});
