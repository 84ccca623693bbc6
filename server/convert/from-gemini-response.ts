import { candidateText, EMPTY_CURSOR } from './answer-text';
import { convertUsage } from './convert-usage';
import type { GeminiCandidate, GeminiPart, GeminiResponse } from './gemini-types';
import { mapFinishReason } from './map-finish-reason';
import type { ChatCompletion, OpenAIToolCall } from './openai-response';

/**
 * A unary Gemini generateContent answer → an OpenAI `chat.completion`. Pure: the id, the clock and
 * the tool-call ids come from the caller.
 */

export interface AnswerContext {
  readonly id: string;
  readonly created: number;
  /** As the client asked, suffix included (`gemini-2.5-flash-search`). */
  readonly model: string;
  readonly showThinking: boolean;
  readonly showSearchLinks: boolean;
  /**
   * The id of the `callIndex`-th tool call of a choice (its position in that choice's tool_calls).
   * Not the Gemini part index: in a stream that restarts at 0 in every chunk and ids would repeat.
   */
  readonly toolCallId: (candidateIndex: number, callIndex: number) => string;
  readonly imageUrl?: (part: GeminiPart) => string | undefined;
}

type Choice = ChatCompletion['choices'][number];
type Message = Choice['message'];

/**
 * Gemini answers a blocked prompt (promptFeedback.blockReason) with no candidates at all; the
 * original then sent `choices: []`, which OpenAI clients read as a crash (`choices[0]` undefined).
 * One empty choice filtered by content_filter is what OpenAI itself answers for a refused prompt.
 * Any answer without candidates is treated this way: Gemini only omits them for blocked prompts
 * (one recording has `candidates: []` with just a blockReasonMessage).
 */
function blockedChoice(): Choice {
  return { index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' };
}

export function fromGeminiResponse(res: GeminiResponse, ctx: AnswerContext): ChatCompletion {
  const candidates = res.candidates ?? [];
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: candidates.length === 0 ? [blockedChoice()] : candidates.map((c, position) => choiceOf(c, c.index ?? position, ctx)),
    usage: convertUsage(res.usageMetadata),
  };
}

function choiceOf(candidate: GeminiCandidate, index: number, ctx: AnswerContext): Choice {
  const text = candidateText(candidate, EMPTY_CURSOR, ctx);
  const calls = toolCallsOf(candidate, index, 0, ctx);
  // OpenAI: content is null only when the assistant answered with tool calls alone.
  const message: Message = { role: 'assistant', content: text.content !== '' || calls.length === 0 ? text.content : null };
  if (text.reasoning !== '') message.reasoning_content = text.reasoning;
  if (calls.length > 0) message.tool_calls = calls;
  return { index, message, finish_reason: mapFinishReason(candidate.finishReason, calls.length > 0) };
}

/**
 * The candidate's function calls as OpenAI tool calls, numbered from `firstCall` (the calls the
 * choice already had, when streaming). Gemini sends each call whole in one part. A functionCall
 * without a name is a Vertex streamed-arguments fragment (partialArgs/willContinue), which is not
 * assembled here and is skipped rather than sent as a nameless call.
 */
export function toolCallsOf(candidate: GeminiCandidate, choiceIndex: number, firstCall: number, ctx: AnswerContext): OpenAIToolCall[] {
  const calls: OpenAIToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    const call = part.functionCall;
    if (call === undefined || !call.name) continue;
    calls.push(toolCall(part, call, ctx.toolCallId(choiceIndex, firstCall + calls.length)));
  }
  return calls;
}

function toolCall(part: GeminiPart, call: NonNullable<GeminiPart['functionCall']>, id: string): OpenAIToolCall {
  // Compact JSON, non-ASCII kept as is (the original used Python's `", "` spacing and \u escapes).
  const out: OpenAIToolCall = { id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) } };
  if (part.thoughtSignature) out.extra_content = { google: { thought_signature: part.thoughtSignature } };
  return out;
}

/**
 * True when no candidate holds anything a client can use — visible text, a function call, an image
 * or code-execution output — so the proxy may retry on another key. Thought-only answers (thinking
 * ate the whole MAX_TOKENS budget), empty `content: {}` and blocked prompts are empty.
 */
export function isEmptyAnswer(res: GeminiResponse): boolean {
  return !(res.candidates ?? []).some((c) => (c.content?.parts ?? []).some(isAnswerPart));
}

function isAnswerPart(part: GeminiPart): boolean {
  if (part.text !== undefined) return part.text !== '' && part.thought !== true;
  return Boolean(part.functionCall?.name || part.inlineData || part.executableCode || part.codeExecutionResult);
}
