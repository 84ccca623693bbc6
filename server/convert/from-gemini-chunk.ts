import { candidateText, EMPTY_CURSOR, type TextCursor } from './answer-text';
import { convertUsage } from './convert-usage';
import { type AnswerContext, toolCallsOf } from './from-gemini-response';
import type { GeminiCandidate, GeminiResponse, GeminiUsage } from './gemini-types';
import { mapFinishReason } from './map-finish-reason';
import type { ChatCompletionChunk, FinishReason } from './openai-response';

/**
 * A reducer from Gemini stream chunks (each a whole GenerateContentResponse) to OpenAI
 * `chat.completion.chunk`s, in the shape OpenAI itself streams and the openai SDK accumulates:
 * one id for the whole stream, `role` only in a choice's first delta, no finish_reason and no usage
 * on content chunks, then one finish chunk per choice and (include_usage) one usage chunk.
 * The original got all of that wrong (proxy-behaviour.md §10 items 22, 28, 31). Pure.
 */

export interface StreamContext extends AnswerContext {
  /** stream_options.include_usage: a final `{choices: [], usage}` chunk, and `usage: null` before it. */
  readonly includeUsage: boolean;
}

interface ChoiceState {
  readonly roleSent: boolean;
  /** Tool calls sent so far: the next one's `index`; > 0 means the choice finishes with tool_calls. */
  readonly toolCalls: number;
  /** Gemini's last finishReason for this choice; it is sent by endStream, after all content. */
  readonly finishReason?: string;
  readonly text: TextCursor;
}

export interface ChunkState {
  /** By choice index (candidate.index, or its position when Gemini leaves the index out). */
  readonly choices: Readonly<Record<number, ChoiceState>>;
  /** usageMetadata of the last chunk that had one: Gemini's counts are cumulative. */
  readonly usage?: GeminiUsage;
}

const NEW_CHOICE: ChoiceState = { roleSent: false, toolCalls: 0, text: EMPTY_CURSOR };

type Delta = ChatCompletionChunk['choices'][number]['delta'];

export function startStream(): ChunkState {
  return { choices: {} };
}

/**
 * Every candidate with something new gives one chunk (one choice per chunk, as OpenAI streams n > 1).
 * A chunk without candidates (a blocked prompt, a usage-only tail) or whose parts show nothing
 * (Gemini 3's trailing `{"text": "", "thoughtSignature": …}`, hidden thoughts) gives no chunk.
 */
export function onGeminiChunk(
  state: ChunkState,
  chunk: GeminiResponse,
  ctx: StreamContext,
): { state: ChunkState; chunks: ChatCompletionChunk[] } {
  const choices: Record<number, ChoiceState> = { ...state.choices };
  const chunks: ChatCompletionChunk[] = [];
  (chunk.candidates ?? []).forEach((candidate, position) => {
    const index = candidate.index ?? position;
    const step = stepChoice(choices[index] ?? NEW_CHOICE, candidate, index, ctx);
    choices[index] = step.state;
    if (step.delta !== undefined) chunks.push(chunkOf(ctx, index, step.delta, null));
  });
  return { state: { choices, usage: chunk.usageMetadata ?? state.usage }, chunks };
}

function stepChoice(prev: ChoiceState, candidate: GeminiCandidate, index: number, ctx: StreamContext): { state: ChoiceState; delta?: Delta } {
  const text = candidateText(candidate, prev.text, ctx);
  const calls = toolCallsOf(candidate, index, prev.toolCalls, ctx).map((call, i) => ({ index: prev.toolCalls + i, ...call }));
  // Old (gemini-1.x) streams repeat finishReason STOP on every chunk; the last one wins.
  const finishReason = candidate.finishReason ?? prev.finishReason;
  const state: ChoiceState = { ...prev, toolCalls: prev.toolCalls + calls.length, finishReason, text: text.cursor };
  if (text.content === '' && text.reasoning === '' && calls.length === 0) return { state };
  const delta: Delta = prev.roleSent ? {} : { role: 'assistant' };
  if (text.content !== '') delta.content = text.content;
  if (text.reasoning !== '') delta.reasoning_content = text.reasoning;
  if (calls.length > 0) delta.tool_calls = calls;
  return { state: { ...state, roleSent: true }, delta };
}

/**
 * The end of the upstream stream: one `{delta: {}, finish_reason}` chunk per choice, in index order
 * (a choice that never showed anything also gets its `role` here), then the usage chunk. A stream
 * that never had a candidate was a blocked prompt: choice 0 ends with content_filter, as unary.
 */
export function endStream(state: ChunkState, ctx: StreamContext): ChatCompletionChunk[] {
  const indexes = Object.keys(state.choices).map(Number).sort((a, b) => a - b);
  const finishes =
    indexes.length === 0
      ? [chunkOf(ctx, 0, { role: 'assistant' }, 'content_filter')]
      : indexes.map((index) => finishChunk(state.choices[index] ?? NEW_CHOICE, index, ctx));
  if (!ctx.includeUsage) return finishes;
  return [...finishes, { ...header(ctx), choices: [], usage: convertUsage(state.usage) }];
}

function finishChunk(choice: ChoiceState, index: number, ctx: StreamContext): ChatCompletionChunk {
  const delta: Delta = choice.roleSent ? {} : { role: 'assistant' };
  return chunkOf(ctx, index, delta, mapFinishReason(choice.finishReason, choice.toolCalls > 0));
}

function chunkOf(ctx: StreamContext, index: number, delta: Delta, finish: FinishReason | null): ChatCompletionChunk {
  const chunk: ChatCompletionChunk = { ...header(ctx), choices: [{ index, delta, finish_reason: finish }] };
  // OpenAI: with include_usage every chunk but the last carries `usage: null`; without it, no key.
  if (ctx.includeUsage) chunk.usage = null;
  return chunk;
}

function header(ctx: StreamContext): Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> {
  return { id: ctx.id, object: 'chat.completion.chunk', created: ctx.created, model: ctx.model };
}
