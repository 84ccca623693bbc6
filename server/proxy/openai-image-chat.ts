/**
 * The image-chat model `<CREATE_IMAGE_MODEL>-chat` on /v1/chat/completions (proxy-behaviour.md
 * §3.13): the last message is the prompt for Imagen (with the paid keys), and the answer is a
 * chat completion whose content is one markdown image per picture — uploaded to the image host
 * when one is configured, a data URL otherwise. Unlike gemini-balance, a stream sends the
 * markdown in one chunk (it paced megabytes of base64 five characters at a time).
 */
import { randomUUID } from 'node:crypto';
import { toImagenCall } from '../convert/image-request';
import type { ChatRequest } from '../convert/openai-request';
import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import { UploadError } from '../images/image-hosts';
import type { Attempt, AttemptScope } from './dialect';
import type { ChatCall } from './openai-chat';
import { failure, imagenAnswer, renderImage } from './openai-images';
import { JSON_HEADERS, openaiFailure } from './openai-render';
import { SSE_HEADERS } from './paced-sse';

export const isImageChatModel = (model: string, createImageModel: string) => createImageModel !== '' && model === `${createImageModel}-chat`;

/** The text of the last message: a string, or its text parts joined. */
function lastText(chat: ChatRequest): string {
  const content = chat.messages.at(-1)?.content;
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('\n');
}

/** `unary`: fake streaming is on, and the fake stream is made from the whole answer. */
export function imageChatCall(chat: ChatRequest, bodyText: string, deps: Deps, unary: boolean): ChatCall {
  const s = deps.settings.current;
  const plan = toImagenCall({ prompt: lastText(chat).trim(), response_format: 'url' }, s.CREATE_IMAGE_MODEL);
  if (!plan.ok) throw new ProxyError('bad-request', `The last message is the image prompt: ${plan.message}`, undefined, 'messages');
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  return {
    model: chat.model,
    endpoint: 'chat/completions',
    quotaModel: plan.call.model,
    target: { baseUrl: s.BASE_URL, path: `models/${plan.call.model}:predict`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(plan.call.body),
    bodyText,
    keyKind: 'paid',
    request: chat,
    stream: chat.stream === true && !unary,
    includeUsage: chat.stream_options?.include_usage === true,
    imagePrompt: plan.call.prompt,
    context: { id, created: Math.floor(deps.now() / 1000), model: chat.model, showThinking: false, showSearchLinks: false, toolCallId: () => '' },
  };
}

function completion(call: ChatCall, content: string): Response {
  const { id, created, model } = call.context;
  if (!call.stream) {
    const body = { id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
    return new Response(JSON.stringify(body), { headers: JSON_HEADERS });
  }
  const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  // stream_options.include_usage: OpenAI's last chunk with no choices and the usage (Imagen reports none).
  const usage = call.includeUsage ? `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } })}\n\n` : '';
  return new Response(`${chunk({ role: 'assistant', content }, null)}${chunk({}, 'stop')}${usage}data: [DONE]\n\n`, { headers: SSE_HEADERS });
}

export async function imageChatAnswer(upstream: Response, call: ChatCall, scope: AttemptScope): Promise<Attempt> {
  const read = await imagenAnswer(upstream, call.quotaModel, scope);
  if ('attempt' in read) return read.attempt;
  const { images } = read;
  try {
    const rendered = await Promise.all(images.map((image) => renderImage(image, { responseFormat: 'url', prompt: call.imagePrompt ?? '' }, scope.deps)));
    const lines = rendered.map((r, i) => `![Generated Image ${i + 1}](${r.url ?? `data:image/png;base64,${r.b64_json}`})`);
    scope.record(upstream.status, 'ok', null, null);
    return { done: completion(call, lines.join('\n')) };
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    scope.record(upstream.status, 'ok', null, 'upload-failed');
    scope.deps.log.warn(error.message);
    return { done: openaiFailure(failure(502, error.message, 'UPLOAD_FAILED')) };
  }
}
