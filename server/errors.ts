/**
 * The proxy's own errors, one catalogue, rendered in the dialect the client spoke. Upstream
 * errors are not in here: they pass through with Google's status and body (keys redacted).
 */
export type ProxyErrorCode =
  | 'missing-token'
  | 'invalid-token'
  | 'model-not-allowed'
  | 'no-keys'
  | 'all-keys-cooling'
  | 'circuit-open'
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'bad-request'
  | 'not-found';

interface CatalogueEntry {
  readonly status: number;
  /** Google's canonical status name for the HTTP status. */
  readonly googleStatus: string;
}

const CATALOGUE: Record<ProxyErrorCode, CatalogueEntry> = {
  'missing-token': { status: 401, googleStatus: 'UNAUTHENTICATED' },
  'invalid-token': { status: 401, googleStatus: 'UNAUTHENTICATED' },
  'model-not-allowed': { status: 403, googleStatus: 'PERMISSION_DENIED' },
  'no-keys': { status: 503, googleStatus: 'UNAVAILABLE' },
  'all-keys-cooling': { status: 503, googleStatus: 'UNAVAILABLE' },
  'circuit-open': { status: 503, googleStatus: 'UNAVAILABLE' },
  'upstream-unreachable': { status: 502, googleStatus: 'UNAVAILABLE' },
  'upstream-timeout': { status: 504, googleStatus: 'DEADLINE_EXCEEDED' },
  'bad-request': { status: 400, googleStatus: 'INVALID_ARGUMENT' },
  'not-found': { status: 404, googleStatus: 'NOT_FOUND' },
};

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    /** Seconds, for Retry-After on 503s. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): number {
    return CATALOGUE[this.code].status;
  }
}

function retryHeaders(error: ProxyError): Record<string, string> {
  return error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
}

/** Google's error shape: `{error:{code,message,status}}`. */
export function renderGoogleError(error: ProxyError): Response {
  const body = { error: { code: error.status, message: error.message, status: CATALOGUE[error.code].googleStatus } };
  return Response.json(body, { status: error.status, headers: retryHeaders(error) });
}
