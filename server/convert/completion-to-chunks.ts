import type { ChatCompletion, ChatCompletionChunk } from './openai-response';

/**
 * A whole chat.completion told as a stream, for fake streaming (the answer was fetched without
 * streaming): per choice one delta with everything, then one chunk with its finish_reason, then
 * the usage chunk when the client asked for it. All parts survive — the original sent only the
 * first part of each candidate, which lost the answer of thinking models. Pure.
 */
export function completionToChunks(completion: ChatCompletion, id: string, includeUsage: boolean): ChatCompletionChunk[] {
  const base = { id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const usage = includeUsage ? { usage: null } : {};
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices) {
    const m = choice.message;
    const delta: ChatCompletionChunk['choices'][number]['delta'] = { role: 'assistant' };
    if (m.reasoning_content) delta.reasoning_content = m.reasoning_content;
    if (m.content) delta.content = m.content;
    if (m.tool_calls?.length) delta.tool_calls = m.tool_calls.map((call, index) => ({ index, ...call }));
    chunks.push({ ...base, choices: [{ index: choice.index, delta, finish_reason: null }], ...usage });
  }
  for (const choice of completion.choices) {
    chunks.push({ ...base, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }], ...usage });
  }
  if (includeUsage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}
