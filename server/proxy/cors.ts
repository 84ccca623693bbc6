/** Browser clients (LobeChat, NextChat in client mode) call the proxy cross-origin; no cookies are involved. */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '600',
} as const;

/**
 * Adds the CORS headers to a response built without them. The hot path builds its answers with
 * them already (setting four headers afterwards cost ~2 % of a request's CPU in profiles).
 */
export function withCors(response: Response): Response {
  if (response.headers.has('access-control-allow-origin')) return response;
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}
