import type { Deps } from '../deps';
import { type GeminiModelList, toGeminiModelList, visibleModels } from '../convert/models';
import { renderGoogleError } from '../errors';
import { pinnedKeyFor } from '../files/file-pin';
import { referencedFiles } from '../files/file-record';
import { CORS_HEADERS } from './cors';
import type { ClientIdentity } from './tokens';
import type { Attempt, AttemptScope, Dialect, Failure, UpstreamCall } from './dialect';
import { prepareNativeRequest } from './native-request';
import { type NativeRoute, routeEndpoint, routeModel } from './native-route';
import { classifyFailure } from './outcome';
import { queryWithoutKey } from './upstream';
import { scanBodyUsage, tapStream } from './usage';

const decoder = new TextDecoder();

/** Where a native call goes: Google's Gemini API, or Vertex AI Express mode (/vertex-express) with VERTEX_API_KEYS. */
export type NativeUpstream = 'gemini' | 'vertex';

/**
 * Gemini-native calls: the client's body and query go upstream as they are (only the key and the
 * configured injections change), and Google's answer comes back byte for byte.
 */
export function nativeDialect(route: NativeRoute, upstream: NativeUpstream = 'gemini'): Dialect<UpstreamCall> {
  return {
    read: (request, url, deps, client) => readNative(request, url, { route, upstream }, deps, client),
    answer: (upstream, call, scope) => relayAnswer(upstream, call, scope, route.kind === 'list-models' ? withAliases : undefined),
    renderError: renderGoogleError,
    renderFailure: googleFailure,
  };
}

async function readNative(request: Request, url: URL, to: { route: NativeRoute; upstream: NativeUpstream }, deps: Deps, client: ClientIdentity): Promise<UpstreamCall> {
  const { route } = to;
  const vertex = to.upstream === 'vertex';
  const s = deps.settings.current;
  const raw = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const bodyText = raw === null ? null : decoder.decode(raw);
  const prepared = route.kind === 'list-models' ? undefined : prepareNativeRequest(route.model, routeEndpoint(route), bodyText ?? '', s);
  // Files belong to the Gemini API; Vertex Express cannot use them.
  const pinning = vertex ? undefined : pinnedKey(route, bodyText, client, deps);
  const path =
    route.kind === 'list-models' ? 'models' : `models/${prepared?.upstreamModel}${route.kind === 'model-action' ? `:${route.action}` : ''}`;
  return {
    model: routeModel(route) ?? null,
    endpoint: routeEndpoint(route),
    quotaModel: prepared?.upstreamModel ?? '',
    target: { baseUrl: vertex ? s.VERTEX_EXPRESS_BASE_URL : s.BASE_URL, path, query: queryWithoutKey(url), customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
    method: request.method,
    contentType: request.headers.get('content-type') ?? (raw === null ? null : 'application/json'),
    body: prepared?.rewrittenBody ?? raw,
    bodyText,
    pinnedKey: pinning === undefined ? undefined : await pinning,
    ...(vertex ? { keyKind: 'vertex' as const } : {}),
  };
}

/** Only a call that refers to uploaded files waits for the database; every other one goes on at once. */
function pinnedKey(route: NativeRoute, bodyText: string | null, client: ClientIdentity, deps: Deps): Promise<string | undefined> | undefined {
  const names = route.kind === 'model-action' && bodyText !== null ? referencedFiles(bodyText) : [];
  return names.length === 0 ? undefined : pinnedKeyFor(names, client, deps);
}

/** Google's answer as it is: streams relayed as they arrive, a unary body whole (optionally rewritten). */
export function relayAnswer(upstream: Response, call: UpstreamCall, scope: AttemptScope, rewrite?: Rewrite): Promise<Attempt> {
  return isStream(upstream) ? Promise.resolve(relay(upstream, call, scope)) : answerWhole(upstream, call, scope, rewrite);
}

const isStream = (upstream: Response) => upstream.headers.get('content-type')?.includes('text/event-stream') || upstream.url.includes(':streamGenerateContent');

/**
 * A unary answer is one JSON document, complete only at its end: read it whole (Bun then sends
 * it natively, far cheaper than relaying a JS stream), and a body cut off mid-way can still be
 * retried on another key because nothing reached the client yet.
 */
async function answerWhole(upstream: Response, call: UpstreamCall, scope: AttemptScope, rewrite?: Rewrite): Promise<Attempt> {
  let bytes: ArrayBuffer;
  try {
    bytes = await upstream.arrayBuffer();
  } catch (error) {
    return bodyBroken(error, upstream.status, scope);
  } finally {
    scope.deadline.clear();
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  scope.record(upstream.status, 'ok', scanBodyUsage(bytes), null);
  const contentType = upstream.headers.get('content-type') ?? 'application/json';
  const body = rewrite ? rewrite(bytes, scope.deps) : bytes;
  return { done: new Response(body, { status: upstream.status, headers: { ...CORS_HEADERS, 'content-type': contentType } }) };
}

type Rewrite = (bytes: ArrayBuffer, deps: Deps) => ArrayBuffer | string;

/** Google's list minus FILTERED_MODELS, plus the -search/-image/-non-thinking aliases (as gemini-balance lists them). */
function withAliases(bytes: ArrayBuffer, deps: Deps): ArrayBuffer | string {
  let list: GeminiModelList;
  try {
    list = JSON.parse(decoder.decode(bytes)) as GeminiModelList;
  } catch {
    return bytes;
  }
  if (!Array.isArray(list.models)) return bytes;
  return JSON.stringify(toGeminiModelList(visibleModels(list, deps.settings.current), list.nextPageToken));
}

/** The upstream closed mid-answer: retried on another key, since nothing reached the client yet. */
export function bodyBroken(error: unknown, status: number, scope: AttemptScope): Attempt {
  const outcome = classifyFailure(error, scope.deadline.reason() === 'client');
  scope.settle(outcome);
  scope.record(status, outcome.kind, null, 'body-broken');
  if (outcome.kind === 'cancelled') return { done: new Response(null, { status: 499 }) };
  const body = JSON.stringify({ error: { code: 502, message: 'Gemini closed the connection mid-answer.', status: 'UNAVAILABLE' } });
  return { failed: { status: 502, body, retryAfterMs: null, keyRejected: false } };
}

/** Streams the upstream body to the client as it arrives; the request row is written at the end. */
function relay(upstream: Response, call: UpstreamCall, scope: AttemptScope): Attempt {
  scope.settle({ kind: 'ok', model: call.quotaModel });
  const headers = new Headers({ ...CORS_HEADERS, 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  if (headers.get('content-type')?.includes('text/event-stream')) {
    headers.set('cache-control', 'no-cache');
    headers.set('x-accel-buffering', 'no');
  }
  const { deadline } = scope;
  if (!upstream.body) {
    deadline.clear();
    scope.record(upstream.status, 'ok', null, null);
    return { done: new Response(null, { status: upstream.status, headers }) };
  }
  const body = tapStream(upstream.body, deadline.touch, (usage, end) => {
    deadline.clear();
    const broken = end.kind === 'broken' && deadline.reason() !== 'client';
    if (broken) scope.settle(classifyFailure(end.kind === 'broken' ? end.error : undefined, false));
    const outcome = end.kind === 'complete' ? 'ok' : broken ? 'stream-broken' : 'cancelled';
    scope.record(upstream.status, outcome, usage, broken ? 'stream-broken' : null);
  });
  return { done: new Response(body, { status: upstream.status, headers }) };
}

/** Google's own error, with its status and body, and Retry-After when it said how long to wait. */
export function googleFailure(f: Failure): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (f.retryAfterMs !== null) headers['retry-after'] = String(Math.max(1, Math.ceil(f.retryAfterMs / 1000)));
  return new Response(f.body, { status: f.status, headers });
}
