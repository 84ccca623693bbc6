import type { FinishReason } from './openai-response';

/**
 * Gemini `finishReason` → OpenAI `finish_reason` (the original always said "stop", or nothing at
 * all when streaming; proxy-behaviour.md §10 item 22).
 *
 * Gemini says STOP after a function call too ("Model generated function call(s)." in finishMessage),
 * so a candidate that called functions finishes with `tool_calls`, which is what OpenAI agent loops
 * wait for.
 */

/** Gemini stopped because something was (or might be) filtered: OpenAI clients show a refusal. */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/** The token budget ran out (CONTINUATION: the per-request limit, generation could go on). */
const TRUNCATED = new Set(['MAX_TOKENS', 'CONTINUATION']);

/**
 * `reason` missing means the answer ended without Gemini saying why: old (gemini-1.x) unary answers
 * and every stream chunk but the last carry none, so at the end of an answer it reads as a normal stop.
 *
 * Everything else — MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, LANGUAGE,
 * OTHER, NO_IMAGE, IMAGE_OTHER, MALFORMED_RESPONSE and values Google adds later — becomes `stop`:
 * OpenAI has no word for "the model failed", and `stop` keeps clients reading whatever text came.
 * A malformed call has no usable functionCall part, so it is not `tool_calls` either.
 */
export function mapFinishReason(reason: string | undefined, hasFunctionCalls: boolean): FinishReason {
  if (reason === undefined || reason === '' || reason === 'STOP' || reason === 'FINISH_REASON_UNSPECIFIED') {
    return hasFunctionCalls ? 'tool_calls' : 'stop';
  }
  if (TRUNCATED.has(reason)) return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  return 'stop';
}
