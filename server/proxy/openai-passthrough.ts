import type { Deps } from '../deps';
import { renderOpenAIError } from '../errors';
import type { Dialect, UpstreamCall } from './dialect';
import { relayAnswer } from './native-dialect';
import { openaiFailure } from './openai-render';
import { queryWithoutKey } from './upstream';

const decoder = new TextDecoder();

/** The model a JSON body names, for per-model 429 cooldowns; '' when there is none. */
function bodyModel(text: string | null): string {
  if (!text) return '';
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'model' in parsed && typeof parsed.model === 'string' ? parsed.model : '';
  } catch {
    return '';
  }
}

/**
 * `/openai/v1/*`: Google's own OpenAI-compatible endpoint (`{BASE_URL}/openai/...`), with the key
 * as a Bearer token. Body, query and answer pass unchanged — unlike the original, which rebuilt the
 * body and dropped `stream_options`, `max_completion_tokens`, `seed` and the rest.
 */
export function openaiPassthroughDialect(rest: string): Dialect<UpstreamCall> {
  return {
    read: (request, url, deps) => readPassthrough(request, url, rest, deps),
    // Bytes relayed as the native routes relay them (streams unbuffered); only the route differs.
    answer: (upstream, call, scope) => relayAnswer(upstream, call, scope),
    renderError: renderOpenAIError,
    renderFailure: openaiFailure,
  };
}

async function readPassthrough(request: Request, url: URL, rest: string, deps: Deps): Promise<UpstreamCall> {
  const s = deps.settings.current;
  const raw = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const bodyText = raw === null ? null : decoder.decode(raw);
  const model = bodyModel(bodyText).replace(/^models\//, '');
  return {
    model: model || null,
    endpoint: `openai/${rest}`,
    quotaModel: model,
    target: { baseUrl: `${s.BASE_URL}/openai`, path: rest, query: queryWithoutKey(url), customHeaders: s.CUSTOM_HEADERS, auth: 'bearer' },
    method: request.method,
    contentType: request.headers.get('content-type') ?? (raw === null ? null : 'application/json'),
    body: raw,
    bodyText,
  };
}
