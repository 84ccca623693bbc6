import { ProxyError, renderGoogleError, renderOpenAIError } from '../errors';

const OPENAI_TAILS = ['chat/completions', 'embeddings', 'models', 'images/generations', 'audio/speech'];

/** The address the client used, as far as the request shows it (reverse proxies set X-Forwarded-*). */
export function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || url.host;
  return `${proto}://${host}`;
}

/**
 * A 404 that says which base URL to configure. Users most often paste the base URL with a missing
 * or doubled `/v1`, or with the endpoint already on it (gemini-balance FAQ 26–27); the client then
 * adds its own suffix and calls a path that does not exist.
 */
export function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  const origin = publicOrigin(request);
  const openaiTail = OPENAI_TAILS.find((tail) => path.endsWith(`/${tail}`) || path.includes(`/${tail}/`));
  if (/\/(completions|responses)$/.test(path) && !path.endsWith('chat/completions')) {
    return renderOpenAIError(
      new ProxyError('not-found', `${path} is not served: this server speaks OpenAI's chat API. Use the base URL ${origin}/v1 with chat completions.`),
    );
  }
  if (openaiTail && !/:\w+$/.test(path)) {
    return renderOpenAIError(
      new ProxyError(
        'not-found',
        `${path} does not exist. Set your client's OpenAI base URL to ${origin}/v1 exactly — the client adds /${openaiTail} itself.`,
      ),
    );
  }
  const gemini = /(models\/[^/]+:\w+|\/models)$/.test(path);
  const hint = gemini
    ? `Gemini SDKs and clients take the base URL ${origin} (no /v1beta: they add it); OpenAI clients take ${origin}/v1.`
    : `Gemini clients use ${origin} (they add /v1beta), OpenAI clients use ${origin}/v1.`;
  return renderGoogleError(new ProxyError('not-found', `${path} does not exist on this server. ${hint}`));
}
