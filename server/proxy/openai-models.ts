import type { Deps } from '../deps';
import { ProxyError, renderOpenAIError } from '../errors';
import { type GeminiModel, type GeminiModelList, toOpenAIModels, visibleModels } from '../convert/models';
import type { Attempt, AttemptScope, Dialect, UpstreamCall } from './dialect';
import { bodyBroken } from './native-dialect';
import { JSON_HEADERS, openaiFailure } from './openai-render';

/** Google's model list rarely changes; clients (Cherry Studio, LobeChat) ask for it on every screen. */
const FRESH_MS = 10 * 60_000;

export interface ModelCache {
  /** The upstream list if it is fresh enough to serve without asking Google. */
  fresh(now: number): GeminiModelList | undefined;
  store(list: GeminiModelList, now: number): void;
}

export function createModelCache(): ModelCache {
  let cached: { list: GeminiModelList; at: number } | undefined;
  return {
    fresh: (now) => (cached && now - cached.at < FRESH_MS ? cached.list : undefined),
    store(list, now) {
      cached = { list, at: now };
    },
  };
}

/** `undefined`: the whole list; a model id: that one model (OpenAI's GET /v1/models/{id}). */
export type ModelQuery = string | undefined;

/** The OpenAI-format answer for a list Google gave (fresh or cached). */
export function renderModels(list: GeminiModelList, query: ModelQuery, deps: Deps): Response {
  const s = deps.settings.current;
  const created = Math.floor(deps.now() / 1000);
  const models = toOpenAIModels(visibleModels(list, s), created);
  // The image-chat model (chat completions answered by Imagen), as gemini-balance listed it.
  if (s.CREATE_IMAGE_MODEL !== '') models.data.push({ id: `${s.CREATE_IMAGE_MODEL}-chat`, object: 'model', created, owned_by: 'google' });
  if (query === undefined) return new Response(JSON.stringify(models), { headers: JSON_HEADERS });
  const model = models.data.find((m) => m.id === query);
  if (model) return new Response(JSON.stringify(model), { headers: JSON_HEADERS });
  return renderOpenAIError(new ProxyError('not-found', `The model ${query} does not exist or is hidden by FILTERED_MODELS.`, undefined, 'model'));
}

/** GET {BASE_URL}/models through the key pool; the answer refreshes the cache. */
export function openaiModelsDialect(cache: ModelCache, query: ModelQuery): Dialect<UpstreamCall> {
  return {
    read: async (_request, _url, deps) => {
      const s = deps.settings.current;
      return {
        model: null,
        endpoint: 'models',
        quotaModel: '',
        target: { baseUrl: s.BASE_URL, path: 'models', query: 'pageSize=1000', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
        method: 'GET',
        contentType: null,
        body: null,
        bodyText: null,
      };
    },
    answer: (upstream, _call, scope) => listAnswer(upstream, cache, query, scope),
    renderError: renderOpenAIError,
    renderFailure: openaiFailure,
  };
}

async function listAnswer(upstream: Response, cache: ModelCache, query: ModelQuery, scope: AttemptScope): Promise<Attempt> {
  let list: GeminiModelList;
  try {
    list = (await upstream.json()) as GeminiModelList;
  } catch (error) {
    return bodyBroken(error, upstream.status, scope);
  } finally {
    scope.deadline.clear();
  }
  scope.settle({ kind: 'ok', model: '' });
  scope.record(upstream.status, 'ok', null, null);
  const usable: GeminiModelList = { models: (list.models ?? []).filter((m): m is GeminiModel => typeof m?.name === 'string') };
  cache.store(usable, scope.deps.now());
  return { done: renderModels(usable, query, scope.deps) };
}
