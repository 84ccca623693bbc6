import { ProxyError } from '../errors';
import type { ClientIdentity, TokenRegistry } from './tokens';

/** The client's credential: `x-goog-api-key`, `Authorization: Bearer`, or `?key=` (Google's SDKs use all three). */
export function clientToken(request: Request, url: URL): string | undefined {
  const header = request.headers.get('x-goog-api-key');
  if (header) return header.trim();
  const authorization = request.headers.get('authorization');
  const bearer = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim())?.[1] : undefined;
  if (bearer) return bearer.trim();
  return url.searchParams.get('key')?.trim() || undefined;
}

/**
 * Who is calling; checked before the body is read, so an unknown client costs nothing. The call
 * counts against the token's per-minute limit here (once per HTTP request, however often asked).
 */
export function authenticate(request: Request, url: URL, tokens: TokenRegistry, now: number): ClientIdentity | Promise<ClientIdentity> {
  const token = clientToken(request, url);
  if (token === undefined) {
    throw new ProxyError('missing-token', 'Missing access token: send it as Authorization: Bearer, the x-goog-api-key header, or ?key=.');
  }
  const identity = tokens.identify(token);
  if (identity === undefined) throw new ProxyError('invalid-token', 'Invalid access token.');
  if (identity.expiresAt !== null && identity.expiresAt <= now) throw new ProxyError('invalid-token', 'This access token has expired.');
  const waitMs = tokens.admit(identity, request, now);
  // Shared through Redis the count is a round trip; counted here it is not, and no await is paid.
  return waitMs instanceof Promise ? waitMs.then((ms) => admitted(identity, ms)) : admitted(identity, waitMs);
}

function admitted(identity: ClientIdentity, waitMs: number | null): ClientIdentity {
  if (waitMs === null) return identity;
  const seconds = Math.ceil(waitMs / 1000);
  throw new ProxyError('token-rate-limited', `This access token is limited to ${identity.rpmLimit} requests a minute; try again in ${seconds} s.`, seconds);
}

const bareModel = (name: string) => name.replace(/^models\//, '');

/**
 * A token may be limited to some models; the model is known only once the call is read (OpenAI
 * puts it in the body). `models/x` and `x` are the same model (clients send both spellings).
 */
export function checkModelAllowed(identity: ClientIdentity, model: string | null): void {
  if (model !== null && identity.allowedModels !== null && !identity.allowedModels.some((allowed) => bareModel(allowed) === bareModel(model))) {
    throw new ProxyError('model-not-allowed', `This access token may not use the model ${model}.`);
  }
}

/**
 * The model becomes part of the upstream URL (`models/{model}:action`): a name with `/`, `?`, `#`
 * or `..` in it would call another path of Google's host with one of our keys.
 */
export function checkModelName(upstreamModel: string): void {
  if (upstreamModel !== '' && !/^[A-Za-z0-9._-]+$/.test(upstreamModel)) {
    throw new ProxyError('bad-request', `Invalid model name ${JSON.stringify(upstreamModel.slice(0, 100))}: model names are letters, digits, ".", "_" and "-".`, undefined, 'model');
  }
}

/**
 * FILTERED_MODELS are hidden from the model lists and refused (as gemini-balance refuses them),
 * before any key is used; the model as asked and the one Google would be asked both count.
 */
export function checkModelServed(filtered: readonly string[], model: string | null, upstreamModel: string): void {
  const hit = [model, upstreamModel].find((name) => name && filtered.includes(bareModel(name)));
  if (hit) throw new ProxyError('not-found', `The model ${bareModel(hit)} is not available on this server (FILTERED_MODELS).`, undefined, 'model');
}
