/**
 * The proxy's own errors, one catalogue, rendered in the dialect the client spoke. Upstream
 * errors are not in here: they pass through with Google's status and body (keys redacted).
 */
export type ProxyErrorCode =
  | 'missing-token'
  | 'invalid-token'
  | 'model-not-allowed'
  | 'token-rate-limited'
  | 'too-many-wrong-tokens'
  | 'no-keys'
  | 'all-keys-cooling'
  | 'circuit-open'
  | 'upstream-unreachable'
  | 'upstream-timeout'
  | 'bad-request'
  | 'failed-precondition'
  | 'not-found';

interface CatalogueEntry {
  readonly status: number;
  /** Google's canonical status name for the HTTP status. */
  readonly googleStatus: string;
  /** OpenAI's error `type` and `code` for the same situation (what its SDKs and clients read). */
  readonly openai: { readonly type: string; readonly code: string | null };
}

const CATALOGUE: Record<ProxyErrorCode, CatalogueEntry> = {
  'missing-token': { status: 401, googleStatus: 'UNAUTHENTICATED', openai: { type: 'invalid_request_error', code: 'missing_api_key' } },
  'invalid-token': { status: 401, googleStatus: 'UNAUTHENTICATED', openai: { type: 'invalid_request_error', code: 'invalid_api_key' } },
  'model-not-allowed': { status: 403, googleStatus: 'PERMISSION_DENIED', openai: { type: 'permission_error', code: 'model_not_allowed' } },
  'too-many-wrong-tokens': { status: 429, googleStatus: 'RESOURCE_EXHAUSTED', openai: { type: 'rate_limit_error', code: 'too_many_wrong_tokens' } },
  'token-rate-limited': { status: 429, googleStatus: 'RESOURCE_EXHAUSTED', openai: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } },
  'no-keys': { status: 503, googleStatus: 'UNAVAILABLE', openai: { type: 'server_error', code: 'no_keys_available' } },
  'all-keys-cooling': { status: 503, googleStatus: 'UNAVAILABLE', openai: { type: 'server_error', code: 'all_keys_cooling' } },
  'circuit-open': { status: 503, googleStatus: 'UNAVAILABLE', openai: { type: 'server_error', code: 'circuit_open' } },
  'upstream-unreachable': { status: 502, googleStatus: 'UNAVAILABLE', openai: { type: 'server_error', code: 'upstream_unreachable' } },
  'upstream-timeout': { status: 504, googleStatus: 'DEADLINE_EXCEEDED', openai: { type: 'server_error', code: 'upstream_timeout' } },
  'bad-request': { status: 400, googleStatus: 'INVALID_ARGUMENT', openai: { type: 'invalid_request_error', code: null } },
  'failed-precondition': { status: 400, googleStatus: 'FAILED_PRECONDITION', openai: { type: 'invalid_request_error', code: 'failed_precondition' } },
  'not-found': { status: 404, googleStatus: 'NOT_FOUND', openai: { type: 'invalid_request_error', code: 'not_found' } },
};

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    /** Seconds, for Retry-After on 429s and 503s. */
    readonly retryAfterSeconds?: number,
    /** The request field at fault, for OpenAI's `param`. */
    readonly param?: string,
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

/** OpenAI's error shape: `{error:{message,type,code,param}}`, which its SDKs turn into typed exceptions. */
export function renderOpenAIError(error: ProxyError): Response {
  const { type, code } = CATALOGUE[error.code].openai;
  const body = { error: { message: error.message, type, code, param: error.param ?? null } };
  return Response.json(body, { status: error.status, headers: retryHeaders(error) });
}
