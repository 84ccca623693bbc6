import { Elysia } from 'elysia';
import type { Deps } from '../deps';
import { ProxyError, renderGoogleError } from '../errors';
import { CORS_HEADERS, withCors } from './cors';
import { parseNativePath } from './native-route';
import { proxyNative } from './pipeline';

async function native(request: Request, prefix: string, deps: Deps): Promise<Response> {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
  const url = new URL(request.url);
  const route = parseNativePath(url.pathname.slice(prefix.length));
  if (!route) {
    return withCors(renderGoogleError(new ProxyError('not-found', `Unknown path ${url.pathname}. Gemini calls look like /v1beta/models/{model}:generateContent.`)));
  }
  return withCors(await proxyNative(request, url, route, deps));
}

/**
 * Gemini-native routes. Google's JS SDK (@google/genai 3.x) defaults to API version v1, so
 * `/v1/models/...` carrying a Gemini credential or a `model:action` path is native too (OpenAI
 * paths never contain `:`).
 */
export function nativeRoutes(deps: Deps) {
  const isNativeV1 = (request: Request) => {
    const url = new URL(request.url);
    return url.pathname.includes(':') || request.headers.has('x-goog-api-key') || url.searchParams.has('key');
  };
  // A browser's preflight carries no credential, only its names: answer it before deciding.
  const v1 = (request: Request) =>
    request.method === 'OPTIONS' || isNativeV1(request)
      ? native(request, '/v1/', deps)
      : withCors(renderGoogleError(new ProxyError('not-found', 'This /v1 path is an OpenAI-format route, which this server does not serve yet; use /v1beta.')));
  return new Elysia()
    .all('/v1beta/*', ({ request }) => native(request, '/v1beta/', deps), { parse: 'none' })
    .all('/gemini/v1beta/*', ({ request }) => native(request, '/gemini/v1beta/', deps), { parse: 'none' })
    .all('/v1/models', ({ request }) => v1(request), { parse: 'none' })
    .all('/v1/models/*', ({ request }) => v1(request), { parse: 'none' });
}
