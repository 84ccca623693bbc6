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

export function authenticate(
  request: Request,
  url: URL,
  tokens: TokenRegistry,
  model: string | undefined,
  now: number,
): ClientIdentity {
  const token = clientToken(request, url);
  if (token === undefined) {
    throw new ProxyError('missing-token', 'Missing access token: send it as the x-goog-api-key header, ?key= or Authorization: Bearer.');
  }
  const identity = tokens.identify(token);
  if (identity === undefined) throw new ProxyError('invalid-token', 'Invalid access token.');
  if (identity.expiresAt !== null && identity.expiresAt <= now) throw new ProxyError('invalid-token', 'This access token has expired.');
  if (model !== undefined && identity.allowedModels !== null && !identity.allowedModels.includes(model)) {
    throw new ProxyError('model-not-allowed', `This access token may not use the model ${model}.`);
  }
  return identity;
}
