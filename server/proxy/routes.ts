import type { Server } from 'bun';
import { Elysia } from 'elysia';
import { clientAddress } from '../client-address';
import { createFailureLimiter } from '../failure-limiter';
import type { Deps } from '../deps';
import { ProxyError, renderGoogleError, renderOpenAIError } from '../errors';
import { authenticate } from './auth';
import { CORS_HEADERS, withCors } from './cors';
import { fakeStream } from './fake-stream';
import { filesCall, isFilesPath, uploadCall } from '../files/files-routes';
import { nativeDialect } from './native-dialect';
import { type NativeRoute, parseNativePath, safeDecode } from './native-route';
import { notFound } from './not-found';
import { openaiChatDialect } from './openai-chat';
import { openaiEmbeddings } from './openai-embeddings';
import { createModelCache, openaiModelsDialect, renderModels } from './openai-models';
import { openaiImagesDialect } from './openai-images';
import { openaiPassthroughDialect } from './openai-passthrough';
import { openaiSpeechDialect } from './openai-speech';
import { createWarningLog } from './openai-render';
import { pacingFrom } from '../convert/stream-pacing';
import { proxyCall } from './pipeline';

const preflight = () => new Response(null, { status: 204, headers: CORS_HEADERS });

async function native(request: Request, url: URL, prefix: string, deps: Deps): Promise<Response> {
  const rest = url.pathname.slice(prefix.length);
  if (isFilesPath(rest)) return filesCall(request, url, rest, deps);
  const route = parseNativePath(rest);
  if (!route || !methodFits(route, request.method)) {
    return renderGoogleError(new ProxyError('not-found', `Unknown path ${request.method} ${url.pathname}. Gemini calls look like POST /v1beta/models/{model}:generateContent; model lists are GET.`));
  }
  return proxyCall(request, url, nativeDialect(route), deps);
}

/** Model lists and a model's details are read with GET; anything else there is not a Gemini call (and not sent on). */
const methodFits = (route: NativeRoute, method: string) => route.kind === 'model-action' || method === 'GET' || method === 'HEAD';

/** Vertex AI Express calls the original served; other actions are not part of Express mode's surface here. */
const VERTEX_ACTIONS = new Set(['generateContent', 'streamGenerateContent', 'countTokens']);

/**
 * `/vertex-express/v1beta/...` as gemini-balance served it: generate, stream (and countTokens) go to
 * VERTEX_EXPRESS_BASE_URL with a Vertex key; the model list is Gemini's (as in the original).
 */
async function vertex(request: Request, url: URL, deps: Deps): Promise<Response> {
  const rest = url.pathname.slice('/vertex-express/'.length);
  const route = rest.startsWith('v1beta/') ? parseNativePath(rest.slice('v1beta/'.length)) : undefined;
  if (!route || !methodFits(route, request.method) || (route.kind === 'model-action' && !VERTEX_ACTIONS.has(route.action))) {
    return renderGoogleError(new ProxyError('not-found', `Unknown path ${url.pathname}. Vertex Express calls look like /vertex-express/v1beta/models/{model}:generateContent.`));
  }
  return proxyCall(request, url, nativeDialect(route, route.kind === 'model-action' ? 'vertex' : 'gemini'), deps);
}

/**
 * Google's JS SDK (@google/genai 3.x) defaults to API version v1, so `/v1/models/...` carrying a
 * Gemini credential (x-goog-api-key, ?key=) or a `model:action` path is a native call; OpenAI
 * paths never contain `:` and OpenAI clients send Authorization: Bearer.
 */
function isNativeV1(request: Request, url: URL): boolean {
  return url.pathname.includes(':') || request.headers.has('x-goog-api-key') || url.searchParams.has('key');
}

/** The OpenAI-format routes, the same under /v1 and /hf/v1. */
function openaiRoutes(deps: Deps) {
  const warn = createWarningLog(deps.log);
  const models = createModelCache();
  const chat = (request: Request, url: URL) => {
    const s = deps.settings.current;
    if (!s.FAKE_STREAM_ENABLED) return proxyCall(request, url, openaiChatDialect({ unary: false, warn }), deps);
    const options = { intervalMs: s.FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS * 1000, pacing: s.STREAM_OPTIMIZER_ENABLED ? pacingFrom(s) : undefined };
    return proxyCall(request, url, openaiChatDialect({ unary: true, warn }), deps, (call, answer) =>
      call.request.stream === true ? fakeStream(call, answer, options) : answer,
    );
  };
  const listModels = async (request: Request, url: URL, query: string | undefined) => {
    const cached = models.fresh(deps.now());
    if (!cached) return proxyCall(request, url, openaiModelsDialect(models, query), deps);
    try {
      await authenticate(request, url, deps.tokens, deps.now());
    } catch (error) {
      if (error instanceof ProxyError) return renderOpenAIError(error);
      throw error;
    }
    return renderModels(cached, query, deps);
  };
  return async (request: Request, url: URL, rest: string): Promise<Response> => {
    const post = request.method === 'POST';
    if (post && rest === 'chat/completions') return chat(request, url);
    if (post && rest === 'embeddings') return openaiEmbeddings(request, url, deps);
    if (post && rest === 'audio/speech') return proxyCall(request, url, openaiSpeechDialect, deps);
    if (post && rest === 'images/generations') return proxyCall(request, url, openaiImagesDialect, deps);
    if (request.method === 'GET' && rest === 'models') return listModels(request, url, undefined);
    const modelId = rest.startsWith('models/') ? safeDecode(rest.slice(7)) : undefined;
    if (request.method === 'GET' && modelId !== undefined) return listModels(request, url, modelId);
    return notFound(request);
  };
}

/** More wrong tokens than this in a minute from one address: AUTH_TOKEN works here too, so guessing must be slow. */
const WRONG_TOKENS_PER_MINUTE = 30;

type Shape = 'google' | 'openai';

export function proxyRoutes(deps: Deps) {
  const openai = openaiRoutes(deps);
  const guesses = createFailureLimiter(WRONG_TOKENS_PER_MINUTE);
  const refuse = (shape: Shape, address: string) => {
    const error = new ProxyError('too-many-wrong-tokens', 'Too many requests with a wrong access token from this address; wait a minute.', guesses.retryAfterSeconds(address, deps.now()));
    return shape === 'google' ? renderGoogleError(error) : renderOpenAIError(error);
  };
  /** Every proxy route: preflights answered at once, the URL parsed once, wrong-token guesses limited, CORS on every answer. */
  const route =
    (prefix: string, shape: (request: Request, url: URL) => Shape, work: (request: Request, url: URL, rest: string) => Promise<Response>) =>
    async ({ request, server }: { request: Request; server: Server<unknown> | null }) => {
      if (request.method === 'OPTIONS') return preflight();
      const url = new URL(request.url);
      // The address costs a few µs to work out: only while someone has been guessing, or after a 401.
      const address = () => clientAddress(request, server?.requestIP(request)?.address);
      if (guesses.active()) {
        const from = address();
        if (guesses.blocked(from, deps.now())) return withCors(refuse(shape(request, url), from));
      }
      const response = await work(request, url, url.pathname.slice(prefix.length).replace(/\/+$/, ''));
      if (response.status === 401) guesses.fail(address(), deps.now());
      return withCors(response);
    };
  const google = () => 'google' as const;
  const openaiShape = () => 'openai' as const;
  const v1Shape = (request: Request, url: URL): Shape => (isNativeV1(request, url) ? 'google' : 'openai');
  const options = { parse: 'none' } as const;
  return new Elysia()
    .all('/v1beta/*', route('/v1beta/', google, (request, url) => native(request, url, '/v1beta/', deps)), options)
    .all('/gemini/v1beta/*', route('/gemini/v1beta/', google, (request, url) => native(request, url, '/gemini/v1beta/', deps)), options)
    .all('/v1/*', route('/v1/', v1Shape, (request, url, rest) => (isNativeV1(request, url) ? native(request, url, '/v1/', deps) : openai(request, url, rest))), options)
    .all('/hf/v1/*', route('/hf/v1/', openaiShape, openai), options)
    .all('/vertex-express/*', route('/vertex-express/', google, (request, url) => vertex(request, url, deps)), options)
    .all('/upload/*', route('/upload/', google, (request, url) => uploadCall(request, url, '/upload/', deps)), options)
    .all('/gemini/upload/*', route('/gemini/upload/', google, (request, url) => uploadCall(request, url, '/gemini/upload/', deps)), options)
    .all('/openai/v1/*', route('/openai/v1/', openaiShape, (request, url, rest) => proxyCall(request, url, openaiPassthroughDialect(rest), deps)), options);
}
