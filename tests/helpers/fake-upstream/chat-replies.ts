import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Answers that depend on what the request asks, in Google's recorded shapes (see
 * tests/fixtures/gemini/SOURCES.md): a function call when the request declares functions and the
 * conversation does not end with their results, an empty candidate for the `empty` behaviour.
 */
const DIR = join(import.meta.dir, '..', '..', 'fixtures', 'gemini');
const TOOL_CALL = readFileSync(join(DIR, 'google-tool-call.json'), 'utf8');
const EMPTY = readFileSync(join(DIR, 'generative-ai-js-unary-failure-empty-content.json'), 'utf8');

interface Declared {
  tools?: { functionDeclarations?: { name?: string }[] }[];
  contents?: { parts?: Record<string, unknown>[] }[];
}

/** The first declared function's name, when the model should call it now. */
export function functionToCall(body: string): string | undefined {
  let request: Declared;
  try {
    request = JSON.parse(body) as Declared;
  } catch {
    return undefined;
  }
  const name = request.tools?.flatMap((t) => t.functionDeclarations ?? [])[0]?.name;
  const lastParts = request.contents?.at(-1)?.parts ?? [];
  const answered = lastParts.some((part) => 'functionResponse' in part);
  return name && !answered ? name : undefined;
}

/** The recorded function call (args `{location: "San Francisco"}`), calling `name`. */
export function toolCallReply(name: string, model: string): Record<string, unknown> {
  const reply = JSON.parse(TOOL_CALL) as { candidates: { content: { parts: { functionCall: { name: string } }[] } }[] };
  for (const part of reply.candidates[0]?.content.parts ?? []) part.functionCall.name = name;
  return { ...reply, modelVersion: model };
}

/** A candidate with `content: {}` — no text, no call (recorded). */
export const emptyReply = (): Record<string, unknown> => JSON.parse(EMPTY) as Record<string, unknown>;

const MAX_TOKENS = readFileSync(join(DIR, 'test_google_model_max_tokens.response-body.json'), 'utf8');
export const maxTokensReply = (): Record<string, unknown> => JSON.parse(MAX_TOKENS) as Record<string, unknown>;

/**
 * Google's OpenAI-compatible endpoint (`/v1beta/openai/chat/completions`). No recording of its
 * stream exists under a usable license, so these follow OpenAI's documented shapes; the text says
 * which key answered, so tests can see the rotation.
 */
export function openaiCompatReply(body: string, key: string, stream: boolean): Response {
  const request = JSON.parse(body || '{}') as { model?: string };
  const base = { id: 'chatcmpl-google', created: 1_700_000_000, model: request.model ?? 'gemini-2.5-flash' };
  const content = `answered with key ${key.slice(-4)}`;
  if (!stream) {
    const message = { role: 'assistant', content };
    const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 };
    return Response.json({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: 'stop' }], usage });
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const text = chunk({ role: 'assistant', content }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n';
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
}
