import type { Deps } from '../deps';
import { ProxyError, renderGoogleError } from '../errors';
import { maskKey } from '../keypool/keys';
import type { Outcome } from '../keypool/machine';
import type { PickResult } from '../keypool/pool';
import { redactSecrets } from '../redact';
import { authenticate } from './auth';
import { CORS_HEADERS } from './cors';
import { type AttemptFacts, errorRow, requestRow } from './log-rows';
import { prepareNativeRequest } from './native-request';
import { type NativeRoute, routeEndpoint, routeModel } from './native-route';
import { classifyFailure, classifyResponse } from './outcome';
import type { ClientIdentity } from './tokens';
import { createDeadline, type Deadline, queryWithoutKey, upstreamRequest, type UpstreamTarget } from './upstream';
import { scanBodyUsage, tapStream } from './usage';

const decoder = new TextDecoder();

/** The client's call, read once: a retry on another key resends the same bytes. */
interface Call {
  readonly route: NativeRoute;
  /** Google's quotas (429) are per upstream model: `x-search` and `x` share one. */
  readonly quotaModel: string;
  readonly target: UpstreamTarget;
  readonly body: ArrayBuffer | string | null;
  readonly bodyText: string | null;
}

/** An attempt that failed in a way another key might not: the last one is what the client sees. */
interface Failure {
  readonly status: number;
  readonly body: string;
  readonly retryAfterMs: number | null;
  /** Google rejected the key itself: its "API key not valid" must not reach a client whose token is fine. */
  readonly keyRejected: boolean;
}

type Attempt = { done: Response } | { failed: Failure };

/**
 * THE hot path for Gemini-native calls: authenticate → read the call → [pick a key → fetch →
 * classify → settle the key] until one answers → relay → record (write-behind, not awaited).
 */
export async function proxyNative(request: Request, url: URL, route: NativeRoute, deps: Deps): Promise<Response> {
  try {
    const client = authenticate(request, url, deps.tokens, routeModel(route), deps.now());
    const call = await readCall(request, url, route, deps);
    const tried = new Set<string>();
    let last: Failure | undefined;
    for (let attempt = 1; attempt <= deps.settings.current.MAX_RETRIES + 1; attempt++) {
      const picked = deps.pool.pick(call.quotaModel, tried);
      if (picked.key === null) return last && !picked.breakerOpen ? exhausted(last) : renderGoogleError(noKeyError(picked, deps));
      tried.add(picked.key);
      const result = await tryKey(request, call, client, picked.key, attempt, deps);
      if ('done' in result) return result.done;
      last = result.failed;
    }
    return last ? exhausted(last) : renderGoogleError(new ProxyError('no-keys', 'No Gemini API key could be tried.'));
  } catch (error) {
    if (error instanceof ProxyError) return renderGoogleError(error);
    throw error;
  }
}

async function readCall(request: Request, url: URL, route: NativeRoute, deps: Deps): Promise<Call> {
  const s = deps.settings.current;
  const raw = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const bodyText = raw === null ? null : decoder.decode(raw);
  const prepared = route.kind === 'list-models' ? undefined : prepareNativeRequest(route.model, routeEndpoint(route), bodyText ?? '', s);
  const path =
    route.kind === 'list-models' ? 'models' : `models/${prepared?.upstreamModel}${route.kind === 'model-action' ? `:${route.action}` : ''}`;
  return {
    route,
    quotaModel: prepared?.upstreamModel ?? '',
    target: { baseUrl: s.BASE_URL, path, query: queryWithoutKey(url), customHeaders: s.CUSTOM_HEADERS },
    body: prepared?.rewrittenBody ?? raw,
    bodyText,
  };
}

async function tryKey(request: Request, call: Call, client: ClientIdentity, key: string, attempt: number, deps: Deps): Promise<Attempt> {
  const s = deps.settings.current;
  const facts: AttemptFacts = { at: deps.now(), tokenLabel: client.label, key, model: routeModel(call.route) ?? null, endpoint: routeEndpoint(call.route), attempt };
  const deadline = createDeadline(s.TIME_OUT * 1000, request.signal);
  const settle = (status: number | null, outcome: Outcome, message: string | null) => {
    deps.pool.settle(key, outcome);
    deps.recorder.request(requestRow(facts, status, outcome.kind, deps.now() - facts.at, null, message === null ? null : outcome.kind));
    if (message !== null) deps.recorder.error(errorRow(facts, status, message, s.ERROR_LOG_RECORD_REQUEST_BODY ? call.bodyText : null));
  };

  let upstream: Response;
  try {
    const contentType = request.headers.get('content-type') ?? (call.body === null ? null : 'application/json');
    upstream = await deps.fetch(upstreamRequest(call.target, key, request.method, contentType, call.body, deadline.signal));
  } catch (error) {
    deadline.clear();
    const why = deadline.reason();
    const outcome = classifyFailure(error, why === 'client');
    settle(null, outcome, outcome.kind === 'cancelled' ? null : redactFor(key, String(error)));
    if (outcome.kind === 'cancelled') return { done: new Response(null, { status: 499 }) };
    const status = why === 'timeout' ? 504 : 502;
    const message = why === 'timeout' ? `Gemini did not answer within TIME_OUT (${s.TIME_OUT} s).` : 'Could not reach Gemini.';
    return { failed: { status, body: googleBody(status, message), retryAfterMs: null, keyRejected: false } };
  }

  if (upstream.ok && isStream(upstream)) {
    deps.pool.settle(key, { kind: 'ok', model: call.quotaModel });
    return { done: relay(upstream, facts, key, deadline, deps) };
  }
  if (upstream.ok) return answerWhole(upstream, call, facts, key, deadline, deps);
  const text = await upstream.text().catch(() => '');
  deadline.clear();
  const outcome = classifyResponse(upstream.status, text, call.quotaModel, upstream.headers.get('retry-after'));
  const body = redactFor(key, text);
  settle(upstream.status, outcome, body);
  const failure: Failure = {
    status: upstream.status,
    body,
    retryAfterMs: outcome.kind === 'rate-limited' ? outcome.retryAfterMs : null,
    keyRejected: outcome.kind === 'key-invalid',
  };
  // The client's own mistake: another key would get the same answer.
  return outcome.kind === 'client-error' ? { done: failureResponse(failure) } : { failed: failure };
}

const isStream = (upstream: Response) => upstream.headers.get('content-type')?.includes('text/event-stream') || upstream.url.includes(':streamGenerateContent');

/**
 * A unary answer is one JSON document, complete only at its end: read it whole (Bun then sends
 * it natively, far cheaper than relaying a JS stream), and a body cut off mid-way can still be
 * retried on another key because nothing reached the client yet.
 */
async function answerWhole(upstream: Response, call: Call, facts: AttemptFacts, key: string, deadline: Deadline, deps: Deps): Promise<Attempt> {
  let bytes: ArrayBuffer;
  try {
    bytes = await upstream.arrayBuffer();
  } catch (error) {
    const outcome = classifyFailure(error, deadline.reason() === 'client');
    deps.pool.settle(key, outcome);
    deps.recorder.request(requestRow(facts, upstream.status, outcome.kind, deps.now() - facts.at, null, 'body-broken'));
    if (outcome.kind === 'cancelled') return { done: new Response(null, { status: 499 }) };
    return { failed: { status: 502, body: googleBody(502, 'Gemini closed the connection mid-answer.'), retryAfterMs: null, keyRejected: false } };
  } finally {
    deadline.clear();
  }
  deps.pool.settle(key, { kind: 'ok', model: call.quotaModel });
  const usage = scanBodyUsage(bytes);
  deps.recorder.request(requestRow(facts, upstream.status, 'ok', deps.now() - facts.at, usage, null));
  const contentType = upstream.headers.get('content-type') ?? 'application/json';
  return { done: new Response(bytes, { status: upstream.status, headers: { ...CORS_HEADERS, 'content-type': contentType } }) };
}

/** Streams the upstream body to the client as it arrives; the request row is written at the end. */
function relay(upstream: Response, facts: AttemptFacts, key: string, deadline: Deadline, deps: Deps): Response {
  const headers = new Headers({ ...CORS_HEADERS, 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  if (headers.get('content-type')?.includes('text/event-stream')) {
    headers.set('cache-control', 'no-cache');
    headers.set('x-accel-buffering', 'no');
  }
  if (!upstream.body) {
    deadline.clear();
    deps.recorder.request(requestRow(facts, upstream.status, 'ok', deps.now() - facts.at, null, null));
    return new Response(null, { status: upstream.status, headers });
  }
  const body = tapStream(upstream.body, deadline.touch, (usage, end) => {
    deadline.clear();
    const broken = end.kind === 'broken' && deadline.reason() !== 'client';
    if (broken) deps.pool.settle(key, classifyFailure(end.kind === 'broken' ? end.error : undefined, false));
    const outcome = end.kind === 'complete' ? 'ok' : broken ? 'stream-broken' : 'cancelled';
    deps.recorder.request(requestRow(facts, upstream.status, outcome, deps.now() - facts.at, usage, broken ? 'stream-broken' : null));
  });
  return new Response(body, { status: upstream.status, headers });
}

function noKeyError(picked: Extract<PickResult, { key: null }>, deps: Deps): ProxyError {
  const now = deps.now();
  const seconds = picked.retryAt === null ? undefined : Math.max(1, Math.ceil((picked.retryAt - now) / 1000));
  if (picked.breakerOpen) {
    return new ProxyError('circuit-open', 'Most API keys are failing at once (network or upstream trouble); the proxy is pausing before trying again.', seconds);
  }
  if (deps.pool.size() === 0) return new ProxyError('no-keys', 'No Gemini API keys are configured. Add keys in the dashboard or with API_KEYS.');
  if (seconds === undefined) return new ProxyError('no-keys', 'Every Gemini API key is disabled. Check the keys in the dashboard.');
  return new ProxyError('all-keys-cooling', `Every Gemini API key is resting after rate limits or errors; try again in ${seconds} s.`, seconds);
}

/** Out of attempts: Google's last answer, unless it was about our key rather than the request. */
function exhausted(last: Failure): Response {
  if (!last.keyRejected) return failureResponse(last);
  return renderGoogleError(
    new ProxyError('no-keys', 'Google rejected the Gemini API keys tried for this request (invalid or suspended); they are now disabled and no other key was available.'),
  );
}

function failureResponse(f: Failure): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (f.retryAfterMs !== null) headers['retry-after'] = String(Math.max(1, Math.ceil(f.retryAfterMs / 1000)));
  return new Response(f.body, { status: f.status, headers });
}

const googleBody = (code: number, message: string) =>
  JSON.stringify({ error: { code, message, status: code === 504 ? 'DEADLINE_EXCEEDED' : 'UNAVAILABLE' } });

/** Google quotes the key it was given ("Invalid API key: …"): never pass that on. */
const redactFor = (key: string, text: string) => redactSecrets(text.replaceAll(key, maskKey(key)));
