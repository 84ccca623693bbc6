/** What the OpenAI-format routes answer (chat.completion, chat.completion.chunk, usage). */

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /**
   * The functionCall part's thoughtSignature, where Google's own OpenAI-compatible endpoint puts it:
   * Gemini 3 rejects (400) a follow-up whose replayed function call lost its signature.
   */
  extra_content?: { google: { thought_signature: string } };
}

/** In a stream every tool call also carries its position in the message's tool_calls. */
export interface OpenAIToolCallDelta extends OpenAIToolCall {
  index: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; reasoning_content?: string; tool_calls?: OpenAIToolCall[] };
    finish_reason: FinishReason;
  }[];
  usage: OpenAIUsage;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string; reasoning_content?: string; tool_calls?: OpenAIToolCallDelta[] };
    finish_reason: FinishReason | null;
  }[];
  usage?: OpenAIUsage | null;
}
