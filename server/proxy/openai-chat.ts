import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { ProxyError, renderOpenAIError } from '../errors';
import type { GeminiResponse } from '../convert/gemini-types';
import { type AnswerContext, fromGeminiResponse, isEmptyAnswer } from '../convert/from-gemini-response';
import { type ChatRequest, ChatRequestSchema } from '../convert/openai-request';
import { mediaUrls } from '../convert/to-gemini-contents';
import { ConvertError } from '../convert/convert-error';
import { toGeminiRequest } from '../convert/to-gemini-request';
import type { Attempt, AttemptScope, Dialect, UpstreamCall } from './dialect';
import type { ClientIdentity } from './tokens';
import { checkModelAllowed, checkModelServed } from './auth';
import { bodyBroken } from './native-dialect';
import { retryableEmpty, usageOf } from './gemini-answer';
import { JSON_HEADERS, openaiFailure, readJson, validate } from './openai-render';
import { UploadError } from '../images/image-hosts';
import { type HostedImages, hostedUrl, hostInlineImages } from '../images/inline-images';
import { imageChatAnswer, imageChatCall, isImageChatModel } from './openai-image-chat';
import { streamAnswer } from './openai-stream';

export interface ChatCall extends UpstreamCall {
  readonly request: ChatRequest;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly context: AnswerContext;
  /** Set for the image-chat model (`<CREATE_IMAGE_MODEL>-chat`): Imagen's prompt. */
  readonly imagePrompt?: string;
}

export interface ChatOptions {
  /** Fake streaming: ask Google for the whole answer, whatever the client asked. */
  readonly unary: boolean;
  readonly warn: (context: string, warnings: readonly string[]) => void;
}

/** OpenAI chat completions: converted to Gemini's generateContent and back. */
export function openaiChatDialect(options: ChatOptions): Dialect<ChatCall> {
  return {
    read: (request, _url, deps, client) => readChat(request, deps, client, options),
    answer: (upstream, call, scope) =>
      call.imagePrompt !== undefined ? imageChatAnswer(upstream, call, scope) : call.stream ? streamAnswer(upstream, call, scope) : unaryAnswer(upstream, call, scope),
    renderError: renderOpenAIError,
    renderFailure: openaiFailure,
  };
}

async function readChat(request: Request, deps: Deps, client: ClientIdentity, options: ChatOptions): Promise<ChatCall> {
  const { json, text } = await readJson(request);
  const chat = validate(ChatRequestSchema, json);
  const s = deps.settings.current;
  // Before any download: a refused model must not cost the server a fetch.
  checkModelAllowed(client, chat.model);
  checkModelServed(s.FILTERED_MODELS, chat.model, chat.model);
  if (isImageChatModel(chat.model, s.CREATE_IMAGE_MODEL)) return imageChatCall(chat, text, deps, options.unary);
  const urls = mediaUrls(chat);
  const media = urls.length === 0 ? new Map() : await deps.fetchMedia(urls, request.signal);
  let converted: ReturnType<typeof toGeminiRequest>;
  try {
    // Some clients name models as Google lists them (`models/gemini-2.5-flash`).
    converted = toGeminiRequest({ ...chat, model: chat.model.replace(/^models\//, '') }, { settings: s, media });
  } catch (error) {
    if (error instanceof ConvertError) throw new ProxyError('bad-request', error.message, undefined, error.param ?? undefined);
    throw error;
  }
  options.warn(`OpenAI chat (${chat.model})`, converted.warnings);
  const stream = chat.stream === true && !options.unary;
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  return {
    model: chat.model,
    endpoint: 'chat/completions',
    quotaModel: converted.upstreamModel,
    target: {
      baseUrl: s.BASE_URL,
      path: `models/${converted.upstreamModel}:${stream ? 'streamGenerateContent' : 'generateContent'}`,
      query: stream ? 'alt=sse' : '',
      customHeaders: s.CUSTOM_HEADERS,
      auth: 'goog-api-key',
    },
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(converted.body),
    bodyText: text,
    request: chat,
    stream,
    includeUsage: chat.stream_options?.include_usage === true,
    context: {
      id,
      created: Math.floor(deps.now() / 1000),
      model: chat.model,
      showThinking: s.SHOW_THINKING_PROCESS,
      showSearchLinks: s.SHOW_SEARCH_LINK,
      toolCallId: (candidate, call) => `call_${id.slice(9, 25)}_${candidate}_${call}`,
    },
  };
}


async function unaryAnswer(upstream: Response, call: ChatCall, scope: AttemptScope): Promise<Attempt> {
  let text: string;
  try {
    text = await upstream.text();
  } catch (error) {
    return bodyBroken(error, upstream.status, scope);
  } finally {
    scope.deadline.clear();
  }
  let gemini: GeminiResponse;
  try {
    gemini = JSON.parse(text) as GeminiResponse;
  } catch {
    scope.settle({ kind: 'transient', reason: 'Gemini answered 200 with a body that is not JSON' });
    scope.record(upstream.status, 'transient', null, 'bad-json');
    return { failed: { status: 502, body: 'Gemini answered with a body that is not JSON.', retryAfterMs: null, keyRejected: false } };
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  const hosted: HostedImages = new Map();
  try {
    await hostInlineImages(gemini, hosted, scope.deps);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    scope.record(upstream.status, 'ok', usageOf(gemini), 'upload-failed');
    scope.deps.log.warn(error.message);
    return { done: openaiFailure({ status: 502, body: JSON.stringify({ error: { message: error.message, status: 'UPLOAD_FAILED' } }), retryAfterMs: null, keyRejected: false }) };
  }
  const context = hosted.size === 0 ? call.context : { ...call.context, imageUrl: hostedUrl(hosted) };
  const answer = new Response(JSON.stringify(fromGeminiResponse(gemini, context)), { status: 200, headers: JSON_HEADERS });
  const empty = isEmptyAnswer(gemini);
  scope.record(upstream.status, 'ok', usageOf(gemini), empty ? 'empty-response' : null);
  // An empty candidate (no text, no tool call) is usually one key's bad luck: another key may answer.
  if (empty && scope.mayRetryEmpty && retryableEmpty(gemini)) return { failed: { status: 200, body: '', retryAfterMs: null, keyRejected: false, emptyAnswer: answer } };
  return { done: answer };
}
