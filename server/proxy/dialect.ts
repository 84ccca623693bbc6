import type { Deps } from '../deps';
import type { ProxyError } from '../errors';
import type { Outcome } from '../keypool/machine';
import type { AttemptFacts } from './log-rows';
import type { ClientIdentity } from './tokens';
import type { Deadline, UpstreamTarget } from './upstream';
import type { Usage } from './usage';

/** One client call, read once: a retry on another key resends the same bytes. */
export interface UpstreamCall {
  /** The model as the client named it (logs, token model limits); null when the call has none. */
  readonly model: string | null;
  /** For logs: generateContent, chat/completions, … */
  readonly endpoint: string;
  /** Google's quotas (429) are per upstream model: `x-search` and `x` share one. */
  readonly quotaModel: string;
  readonly target: UpstreamTarget;
  readonly method: string;
  readonly contentType: string | null;
  readonly body: ArrayBuffer | string | null;
  /** The request body as text, for error logs (ERROR_LOG_RECORD_REQUEST_BODY). */
  readonly bodyText: string | null;
  /** The only key that may serve the call (it uses a file uploaded with that key); no other is tried. */
  readonly pinnedKey?: string;
  /** Vertex Express calls use VERTEX_API_KEYS, Imagen the paid keys; every other call the Gemini keys. */
  readonly keyKind?: 'vertex' | 'paid';
}

/** An attempt that failed in a way another key might not: the last one is what the client sees. */
export interface Failure {
  readonly status: number;
  /** Google's error body (keys redacted). */
  readonly body: string;
  readonly retryAfterMs: number | null;
  /** Google rejected the key itself: its "API key not valid" must not reach a client whose token is fine. */
  readonly keyRejected: boolean;
  /**
   * The key's own fault, clear from Google's answer — the key is invalid, expired or suspended, or
   * out of its quota for the model (a 429 without "limit: 0") — so another key will do.
   */
  readonly keyFault?: boolean;
  /** Set for an answer that came back empty: what the client gets if no retry is left. */
  readonly emptyAnswer?: Response;
}

export type Attempt = { done: Response } | { failed: Failure };

/** What a dialect's answer() may do to the attempt in progress. */
export interface AttemptScope {
  readonly facts: AttemptFacts;
  readonly deadline: Deadline;
  readonly deps: Deps;
  /** Whether an empty answer may still be retried on another key (EMPTY_RESPONSE_RETRIES left). */
  readonly mayRetryEmpty: boolean;
  settle(outcome: Outcome): void;
  record(status: number | null, outcome: Outcome['kind'] | 'stream-broken', usage: Usage | null, errorCode: string | null): void;
  /** Writes an error-log row; returns the text with the attempt's key masked, safe to show the client. */
  logError(status: number | null, text: string): string;
}

/**
 * How one client protocol reads a call and renders answers and errors. The pipeline does the rest
 * (auth, keys, retries, logging) the same way for every dialect.
 */
export interface Dialect<C extends UpstreamCall> {
  /** Reads the call of an authenticated client (model limits are checked again by the pipeline). */
  read(request: Request, url: URL, deps: Deps, client: ClientIdentity): Promise<C>;
  /** Called for a 2xx upstream answer. */
  answer(upstream: Response, call: C, scope: AttemptScope): Promise<Attempt>;
  renderError(error: ProxyError): Response;
  renderFailure(failure: Failure): Response;
}
