import type { Outcome } from '../keypool/machine';

/**
 * What an upstream answer says about the key that made it (DESIGN §5). The key is not always at
 * fault: a 429 cools it for one model only, a bad request is the client's, and a 5xx or a network
 * error only counts toward MAX_FAILURES.
 */

interface GoogleErrorBody {
  error?: { status?: string; message?: string; details?: Array<{ reason?: string; retryDelay?: string }> };
}

function parseError(body: string): GoogleErrorBody['error'] {
  try {
    const parsed = JSON.parse(body) as GoogleErrorBody | GoogleErrorBody[];
    // Streaming errors sometimes arrive wrapped in a JSON array.
    return (Array.isArray(parsed) ? parsed[0] : parsed)?.error;
  } catch {
    return undefined;
  }
}

/** RetryInfo.retryDelay ("34.4s"), else "Please retry in 41.06s." in the message, else Retry-After. */
export function retryAfterMs(body: string, retryAfterHeader: string | null): number | null {
  const error = parseError(body);
  const delay = error?.details?.find((d) => d.retryDelay)?.retryDelay ?? /retry in ([\d.]+)s/i.exec(error?.message ?? '')?.[1];
  const seconds = delay === undefined ? Number.NaN : Number.parseFloat(delay);
  if (Number.isFinite(seconds)) return Math.ceil(seconds * 1000);
  const header = retryAfterHeader === null ? Number.NaN : Number(retryAfterHeader);
  return Number.isFinite(header) ? header * 1000 : null;
}

// 400 "API key not valid" / "API key expired"; 403 suspended consumers, disabled services.
const KEY_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'SERVICE_DISABLED', 'CONSUMER_SUSPENDED', 'API_KEY_SERVICE_BLOCKED']);

function keyProblem(status: number, error: GoogleErrorBody['error']): string | undefined {
  const reason = error?.details?.find((d) => d.reason && KEY_REASONS.has(d.reason))?.reason;
  const message = error?.message ?? '';
  if (reason) return `${reason}: ${message}`;
  if (status === 400 && /api key (not valid|expired)/i.test(message)) return `API_KEY_INVALID: ${message}`;
  if (status === 401) return `UNAUTHENTICATED: ${message}`;
  // A 403 about a file or a tuned model belongs to the request (another key's upload), not the key.
  if (status === 403 && !/\b(file|tunedModel|cachedContent)s?\b/i.test(message)) return `PERMISSION_DENIED: ${message}`;
  return undefined;
}

export function classifyResponse(status: number, body: string, model: string, retryAfterHeader: string | null): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok', model };
  if (status === 429) return { kind: 'rate-limited', model, retryAfterMs: retryAfterMs(body, retryAfterHeader) };
  if (status >= 500 || status === 408) return { kind: 'transient', reason: `${status}: ${parseError(body)?.message ?? body.slice(0, 200)}` };
  const error = parseError(body);
  // Google answers in its JSON error shape. A 407, or a 401/403 page that is not Google's, comes
  // from a proxy or a gateway in between: nothing about the key, and another path may work.
  if (status === 407 || ((status === 401 || status === 403) && error === undefined)) {
    return { kind: 'transient', reason: `${status} from a proxy or gateway, not Google: ${body.slice(0, 200)}` };
  }
  const problem = keyProblem(status, error);
  return problem === undefined ? { kind: 'client-error' } : { kind: 'key-invalid', reason: problem.slice(0, 1000) };
}

/** Transport failures: the client going away is not the key's fault; anything else is transient. */
export function classifyFailure(error: unknown, clientAborted: boolean): Outcome {
  if (clientAborted) return { kind: 'cancelled' };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'transient', reason: text.slice(0, 500) };
}
