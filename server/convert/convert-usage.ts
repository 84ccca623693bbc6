import type { GeminiUsage } from './gemini-types';
import type { OpenAIUsage } from './openai-response';

/**
 * Gemini `usageMetadata` → OpenAI `usage`.
 *
 * Gemini bills thinking separately (`thoughtsTokenCount`) and counts it in `totalTokenCount` but not
 * in `candidatesTokenCount`; OpenAI counts reasoning inside `completion_tokens`. Likewise tool-use
 * prompt tokens (the search results / code output fed back to the model) are in Gemini's total but
 * not in `promptTokenCount`. Adding both keeps `prompt + completion = total`, which the original
 * broke (proxy-behaviour.md §10 item 31). Every count is optional in real answers (a blocked prompt
 * has no candidatesTokenCount; some Vertex answers have no usage at all), so missing counts are 0.
 */
export function convertUsage(usage: GeminiUsage | undefined): OpenAIUsage {
  const u = usage ?? {};
  const prompt = (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0);
  const completion = (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0);
  const out: OpenAIUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: u.totalTokenCount ?? prompt + completion,
  };
  // cachedContentTokenCount is part of promptTokenCount, like OpenAI's cached_tokens.
  if (u.cachedContentTokenCount !== undefined) out.prompt_tokens_details = { cached_tokens: u.cachedContentTokenCount };
  if (u.thoughtsTokenCount !== undefined) out.completion_tokens_details = { reasoning_tokens: u.thoughtsTokenCount };
  return out;
}
