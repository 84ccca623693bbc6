import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import { maskKey } from '../keypool/keys';
import type { Outcome } from '../keypool/machine';
import type { KeyPool, PickResult } from '../keypool/pool';
import { redactSecrets } from '../redact';
import { authenticate, checkModelAllowed, checkModelName, checkModelServed } from './auth';
import type { Attempt, AttemptScope, Dialect, Failure, UpstreamCall } from './dialect';
import { type AttemptFacts, errorRow, requestRow } from './log-rows';
import { classifyFailure, classifyResponse } from './outcome';
import type { ClientIdentity } from './tokens';
import { fetchUpstream } from './fetch-upstream';
import { ProxyTransportError } from './outbound-proxy';
import { createDeadline, upstreamRequest } from './upstream';

/**
 * THE hot path, for every dialect: authenticate → read the call → [pick a key → fetch → classify →
 * settle the key] until one answers → render → record (write-behind, not awaited).
 * `present` may wrap the pending answer (fake streaming sends keep-alives while it is on its way).
 */
export async function proxyCall<C extends UpstreamCall>(
  request: Request,
  url: URL,
  dialect: Dialect<C>,
  deps: Deps,
  present?: (call: C, answer: Promise<Response>) => Response | Promise<Response>,
): Promise<Response> {
  try {
    const authed = authenticate(request, url, deps.tokens, deps.now());
    // Only a limit counted in Redis is a Promise: the common case pays no await.
    const client = authed instanceof Promise ? await authed : authed;
    const call = await dialect.read(request, url, deps, client);
    // Only where the model goes into the upstream path (not the /openai/v1 pass-through's body).
    if (call.target.path.startsWith(`models/${call.quotaModel}`)) checkModelName(call.quotaModel);
    checkModelAllowed(client, call.model);
    checkModelServed(deps.settings.current.FILTERED_MODELS, call.model, call.quotaModel);
    const answer = tryKeys(request, call, dialect, client, deps);
    return await (present ? present(call, answer) : answer);
  } catch (error) {
    if (error instanceof ProxyError) return dialect.renderError(error);
    throw error;
  }
}

async function tryKeys<C extends UpstreamCall>(request: Request, call: C, dialect: Dialect<C>, client: ClientIdentity, deps: Deps): Promise<Response> {
  const s = deps.settings.current;
  const pool = poolFor(call, deps);
  const tried = new Set<string>();
  // MAX_RETRIES=0 means one attempt, whatever happens to it.
  const keyProblems = s.MAX_RETRIES === 0 ? 0 : Math.min(KEY_PROBLEM_RETRIES, pool.size());
  const budget = { failures: s.MAX_RETRIES + 1, empty: s.EMPTY_RESPONSE_RETRIES, keyProblems };
  let last: Failure | undefined;
  for (let attempt = 1; budget.failures > 0; attempt++) {
    const picked = call.pinnedKey === undefined ? pool.pick(call.quotaModel, tried) : pinned(call.pinnedKey, tried);
    if (picked.key === null) return last && !picked.breakerOpen ? exhausted(last, dialect) : dialect.renderError(noKeyError(picked, deps, call.keyKind));
    tried.add(picked.key);
    const result = await tryKey(request, call, dialect, { client, key: picked.key, attempt, mayRetryEmpty: budget.empty > 0 }, deps);
    if ('done' in result) return result.done;
    last = result.failed;
    if (last.emptyAnswer) budget.empty--;
    // The key's own problem (rejected, or out of quota for this model): another key will do, and
    // the request has not used up its retries — many dead keys must not fail a client's call.
    else if (last.keyFault === true && budget.keyProblems > 0) budget.keyProblems--;
    else budget.failures--;
  }
  return last ? exhausted(last, dialect) : dialect.renderError(new ProxyError('no-keys', 'No Gemini API key could be tried.'));
}

/** Attempts per request on keys with a clear fault of their own (isKeyFault), on top of MAX_RETRIES. */
const KEY_PROBLEM_RETRIES = 10;
/** Google's reasons that are the key's alone (a bare PERMISSION_DENIED may be about the request). */
const KEY_FAULT = /^(API_KEY_INVALID|API_KEY_EXPIRED|UNAUTHENTICATED|CONSUMER_SUSPENDED|SERVICE_DISABLED|API_KEY_SERVICE_BLOCKED):/;

/** A 429 with "limit: 0" is a model the project may not use at all: every key would answer the same. */
function isKeyFault(outcome: Outcome, text: string): boolean {
  if (outcome.kind === 'key-invalid') return KEY_FAULT.test(outcome.reason);
  return outcome.kind === 'rate-limited' && !/limit: 0\b/.test(text);
}

/** The keys that serve a call: Vertex Express has its own. */
const poolFor = (call: UpstreamCall, deps: Deps): KeyPool => (call.keyKind === undefined ? deps.pool : deps.pools[call.keyKind]);

/** A pinned key is tried once, whatever its state: no other key can see the call's file. */
const pinned = (key: string, tried: ReadonlySet<string>): PickResult => (tried.has(key) ? { key: null, retryAt: null, breakerOpen: false } : { key });

interface AttemptInput {
  readonly client: ClientIdentity;
  readonly key: string;
  readonly attempt: number;
  readonly mayRetryEmpty: boolean;
}

/** One attempt's scope: its deadline, and how it settles the key and writes its log rows. */
function attemptScope(request: Request, call: UpstreamCall, input: AttemptInput, deps: Deps): AttemptScope {
  const s = deps.settings.current;
  const { key } = input;
  const facts: AttemptFacts = { at: deps.now(), tokenLabel: input.client.label, key, model: call.model, endpoint: call.endpoint, attempt: input.attempt };
  return {
    facts,
    deadline: createDeadline(s.TIME_OUT * 1000, request.signal),
    deps,
    mayRetryEmpty: input.mayRetryEmpty,
    settle: (outcome) => poolFor(call, deps).settle(key, outcome),
    record: (status, outcome, usage, errorCode) => deps.recorder.request(requestRow(facts, status, outcome, deps.now() - facts.at, usage, errorCode)),
    logError(status, text) {
      const redacted = redactFor(key, text);
      deps.recorder.error(errorRow(facts, status, redacted, s.ERROR_LOG_RECORD_REQUEST_BODY ? call.bodyText : null));
      return redacted;
    },
  };
}

async function tryKey<C extends UpstreamCall>(request: Request, call: C, dialect: Dialect<C>, input: AttemptInput, deps: Deps): Promise<Attempt> {
  const scope = attemptScope(request, call, input, deps);
  let upstream: Response;
  try {
    upstream = await fetchUpstream(deps, upstreamRequest(call.target, input.key, call.method, call.contentType, call.body, scope.deadline.signal), input.key);
  } catch (error) {
    return transportFailure(error, scope);
  }
  if (upstream.ok) return dialect.answer(upstream, call, scope);
  const text = await upstream.text().catch(() => '');
  scope.deadline.clear();
  const outcome = classifyResponse(upstream.status, text, call.quotaModel, upstream.headers.get('retry-after'));
  scope.settle(outcome);
  scope.record(upstream.status, outcome.kind, null, outcome.kind);
  const failure: Failure = {
    status: upstream.status,
    body: scope.logError(upstream.status, text),
    retryAfterMs: outcome.kind === 'rate-limited' ? outcome.retryAfterMs : null,
    keyRejected: outcome.kind === 'key-invalid',
    keyFault: isKeyFault(outcome, text),
  };
  // The client's own mistake: another key would get the same answer.
  return outcome.kind === 'client-error' ? { done: dialect.renderFailure(failure) } : { failed: failure };
}

/** No HTTP answer at all: the client left (nothing to settle), the deadline passed, or the network failed. */
function transportFailure(error: unknown, scope: AttemptScope): Attempt {
  scope.deadline.clear();
  const why = scope.deadline.reason();
  if (error instanceof ProxyTransportError && why === undefined) {
    // The proxy failed, not the key: nothing settled (the breaker is about keys); another key,
    // on another proxy now that this one is marked down, gets the next attempt.
    scope.record(null, 'transient', null, 'proxy-failed');
    scope.logError(null, error.message);
    return { failed: { status: 502, body: googleBody(502, 'The outbound proxy failed (PROXIES).'), retryAfterMs: null, keyRejected: false } };
  }
  const outcome = classifyFailure(error, why === 'client');
  scope.settle(outcome);
  if (outcome.kind === 'cancelled') {
    scope.record(null, 'cancelled', null, null);
    return { done: new Response(null, { status: 499 }) };
  }
  scope.record(null, outcome.kind, null, outcome.kind);
  scope.logError(null, String(error));
  const status = why === 'timeout' ? 504 : 502;
  const timeout = scope.deps.settings.current.TIME_OUT;
  const message = why === 'timeout' ? `Gemini did not answer within TIME_OUT (${timeout} s).` : 'Could not reach Gemini.';
  return { failed: { status, body: googleBody(status, message), retryAfterMs: null, keyRejected: false } };
}

export function noKeyError(picked: Extract<PickResult, { key: null }>, deps: Deps, kind?: 'vertex' | 'paid'): ProxyError {
  const now = deps.now();
  if (kind !== undefined) return noOtherKeyError(picked, deps, kind);
  const seconds = picked.retryAt === null ? undefined : Math.max(1, Math.ceil((picked.retryAt - now) / 1000));
  if (picked.breakerOpen) {
    return new ProxyError('circuit-open', 'Most API keys are failing at once (network or upstream trouble); the proxy is pausing before trying again.', seconds);
  }
  if (deps.pool.size() === 0) return new ProxyError('no-keys', 'No Gemini API keys are configured. Add keys in the dashboard or with API_KEYS.');
  if (seconds === undefined) return new ProxyError('no-keys', 'Every Gemini API key is disabled. Check the keys in the dashboard.');
  return new ProxyError('all-keys-cooling', `Every Gemini API key is resting after rate limits or errors; try again in ${seconds} s.`, seconds);
}

const OTHER_KEYS = {
  vertex: { name: 'Vertex Express keys', setting: 'No Vertex Express keys are configured. Set VERTEX_API_KEYS.' },
  paid: { name: 'paid keys', setting: 'No paid key is configured: image generation (Imagen) needs PAID_KEY.' },
} as const;

function noOtherKeyError(picked: Extract<PickResult, { key: null }>, deps: Deps, kind: 'vertex' | 'paid'): ProxyError {
  const seconds = picked.retryAt === null ? undefined : Math.max(1, Math.ceil((picked.retryAt - deps.now()) / 1000));
  const { name, setting } = OTHER_KEYS[kind];
  if (picked.breakerOpen) return new ProxyError('circuit-open', `Most ${name} are failing at once; the proxy is pausing before trying again.`, seconds);
  if (deps.pools[kind].size() === 0) return new ProxyError('no-keys', setting);
  if (seconds === undefined) return new ProxyError('no-keys', `Every one of the ${name} is disabled. Check the keys in the dashboard.`);
  return new ProxyError('all-keys-cooling', `Every one of the ${name} is resting after rate limits or errors; try again in ${seconds} s.`, seconds);
}

/** Out of attempts: Google's last answer, unless it was about our key rather than the request. */
function exhausted<C extends UpstreamCall>(last: Failure, dialect: Dialect<C>): Response {
  if (last.emptyAnswer) return last.emptyAnswer;
  if (!last.keyRejected) return dialect.renderFailure(last);
  return dialect.renderError(
    new ProxyError('no-keys', 'Google rejected the Gemini API keys tried for this request (invalid or suspended); they are now disabled and no other key was available.'),
  );
}

const googleBody = (code: number, message: string) =>
  JSON.stringify({ error: { code, message, status: code === 504 ? 'DEADLINE_EXCEEDED' : 'UNAVAILABLE' } });

/** Google quotes the key it was given ("Invalid API key: …"): never pass that on. */
const redactFor = (key: string, text: string) => redactSecrets(text.replaceAll(key, maskKey(key)));
