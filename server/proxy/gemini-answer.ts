import type { GeminiResponse } from '../convert/gemini-types';
import type { Usage } from './usage';

/**
 * Whether an empty answer is one key's bad luck, worth another key: Gemini finished normally with
 * nothing. A blocked prompt, MAX_TOKENS spent on thoughts, SAFETY or RECITATION would come back
 * the same from every key, and each retry costs quota.
 */
export function retryableEmpty(response: GeminiResponse): boolean {
  if (response.promptFeedback?.blockReason) return false;
  return (response.candidates ?? []).every((c) => c.finishReason === undefined || c.finishReason === 'STOP');
}

/** usageMetadata and why the answer ended, in the shape the request log keeps (usage.ts). */
export function usageOf(response: GeminiResponse): Usage {
  const u = response.usageMetadata;
  const blocked = response.promptFeedback?.blockReason;
  // The last candidate's, as scanUsage reads it from the bytes (one rule for both ways).
  const finishReason = blocked ? `blocked: ${blocked}` : (response.candidates?.findLast((c) => c.finishReason !== undefined)?.finishReason ?? null);
  return { promptTokens: u?.promptTokenCount ?? null, candidatesTokens: u?.candidatesTokenCount ?? null, thoughtsTokens: u?.thoughtsTokenCount ?? null, finishReason };
}

