import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import { fingerprint, maskKey } from '../keypool/keys';
import type { KeyState, Outcome } from '../keypool/machine';
import { requestRow } from '../proxy/log-rows';
import { classifyFailure, classifyResponse } from '../proxy/outcome';
import { fetchUpstream } from '../proxy/fetch-upstream';
import { ProxyTransportError } from '../proxy/outbound-proxy';
import { createDeadline } from '../proxy/upstream';
import { redactSecrets } from '../redact';

/** Google's answer to a Files call, read whole (metadata and upload acknowledgements are small). */
export interface FilesAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** Keys masked: Google quotes the key it was given in some errors. */
  readonly text: string;
}

export interface FilesCall {
  readonly endpoint: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: ArrayBuffer | string | ReadableStream<Uint8Array> | null;
  /**
   * The client's upload streams through as it arrives: TIME_OUT then counts from the last bytes
   * moved (a big chunk from a slow client is not a timeout), and a stall is nobody's key's fault.
   */
  readonly streamsClientBody?: boolean;
}

/**
 * A bare 403 on a Files call is about the upload or the file (an upload URL used with the wrong
 * key, another project's file), not about the key: only Google's explicit key reasons disable it.
 */
function filesOutcome(outcome: Outcome): Outcome {
  return outcome.kind === 'key-invalid' && outcome.reason.startsWith('PERMISSION_DENIED:') ? { kind: 'client-error' } : outcome;
}

/** The configured key with this fingerprint (the key a file or an upload belongs to). */
export function keyByFingerprint(keys: readonly KeyState[], keyFingerprint: string): string | undefined {
  return keys.find((k) => fingerprint(k.key) === keyFingerprint)?.key;
}

/**
 * One Files call to Google with `key`: TIME_OUT applies, CUSTOM_HEADERS are sent, the key's state
 * is settled as for any call (a rejected key is disabled), and a request-log row is written.
 */
export async function callFiles(deps: Deps, tokenLabel: string, key: string, call: FilesCall, clientSignal: AbortSignal): Promise<FilesAnswer> {
  const s = deps.settings.current;
  const headers = new Headers(s.CUSTOM_HEADERS);
  for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
  headers.set('x-goog-api-key', key);
  const facts = { at: deps.now(), tokenLabel, key, model: null, endpoint: call.endpoint, attempt: 1 };
  const deadline = createDeadline(s.TIME_OUT * 1000, clientSignal);
  const body = call.streamsClientBody && call.body instanceof ReadableStream ? call.body.pipeThrough(touching(deadline.touch)) : (call.body ?? null);
  try {
    const init = { method: call.method, headers, body, signal: deadline.signal, redirect: 'manual' as const, duplex: 'half' as const };
    const response = await fetchUpstream(deps, new Request(call.url, init), key);
    const text = redactSecrets((await response.text()).replaceAll(key, maskKey(key)));
    const outcome = filesOutcome(classifyResponse(response.status, text, '', response.headers.get('retry-after')));
    if (outcome.kind !== 'ok') deps.pool.settle(key, outcome);
    deps.recorder.request(requestRow(facts, response.status, outcome.kind, deps.now() - facts.at, null, outcome.kind === 'ok' ? null : outcome.kind));
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    const why = deadline.reason();
    const outcome = classifyFailure(error, why === 'client');
    // A stalled client or a failed proxy is not the key's doing.
    if (!call.streamsClientBody && !(error instanceof ProxyTransportError)) deps.pool.settle(key, outcome);
    deps.recorder.request(requestRow(facts, null, outcome.kind, deps.now() - facts.at, null, outcome.kind));
    if (why === 'timeout') throw new ProxyError('upstream-timeout', `Gemini did not answer within TIME_OUT (${s.TIME_OUT} s).`);
    throw new ProxyError('upstream-unreachable', 'Could not reach Gemini.');
  } finally {
    deadline.clear();
  }
}

/** Passes the bytes on, restarting the deadline's idle timer at each. */
function touching(touch: () => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      touch();
      controller.enqueue(chunk);
    },
  });
}

/** The upload protocol's headers, readable by browser clients (Google's JS SDK reads x-goog-upload-url). */
const EXPOSED = 'x-goog-upload-url, x-goog-upload-status, x-goog-upload-size-received, x-goog-upload-chunk-granularity';

/** Google's answer passed on: its status, body and the headers a Files client reads. */
export function relayFiles(answer: FilesAnswer, extra: Readonly<Record<string, string>> = {}): Response {
  const headers = new Headers({ 'content-type': answer.headers.get('content-type') ?? 'application/json', 'access-control-expose-headers': EXPOSED });
  for (const name of ['x-goog-upload-status', 'x-goog-upload-size-received', 'x-goog-upload-chunk-granularity', 'retry-after']) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(answer.text, { status: answer.status, headers });
}
