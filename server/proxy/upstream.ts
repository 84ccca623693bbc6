/**
 * One upstream call: the URL and headers for a key, and a deadline that aborts it when TIME_OUT
 * passes without progress (for a stream, between two chunks) or when the client goes away.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Progress was made: restart the idle timer. */
  touch(): void;
  clear(): void;
  /** Why the call was aborted, if it was. */
  reason(): 'timeout' | 'client' | undefined;
}

export function createDeadline(timeoutMs: number, clientSignal: AbortSignal): Deadline {
  const controller = new AbortController();
  let why: 'timeout' | 'client' | undefined;
  let timer: Timer | undefined;
  const abort = (reason: 'timeout' | 'client') => {
    if (why) return;
    why = reason;
    controller.abort(reason === 'timeout' ? new DOMException('upstream timed out', 'TimeoutError') : new DOMException('client went away', 'AbortError'));
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort('timeout'), timeoutMs);
  };
  const onClient = () => abort('client');
  if (clientSignal.aborted) abort('client');
  else clientSignal.addEventListener('abort', onClient, { once: true });
  arm();
  return {
    signal: controller.signal,
    touch: arm,
    clear() {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', onClient);
    },
    reason: () => why,
  };
}

export interface UpstreamTarget {
  readonly baseUrl: string;
  /** e.g. `models/gemini-2.5-flash:generateContent` */
  readonly path: string;
  /** The client's query without its credential. */
  readonly query: string;
  readonly customHeaders: Readonly<Record<string, string>>;
  /** Google's native API takes the key as x-goog-api-key; its OpenAI-compatible endpoint as a Bearer token. */
  readonly auth: 'goog-api-key' | 'bearer';
}

/** The key travels in a header, not the URL, so it never shows up in a logged or quoted URL. */
export function upstreamRequest(
  target: UpstreamTarget,
  key: string,
  method: string,
  contentType: string | null,
  body: ArrayBuffer | string | null,
  signal: AbortSignal,
): Request {
  const headers = new Headers(target.customHeaders);
  if (target.auth === 'bearer') headers.set('authorization', `Bearer ${key}`);
  else headers.set('x-goog-api-key', key);
  if (contentType) headers.set('content-type', contentType);
  const url = `${target.baseUrl}/${target.path}${target.query ? `?${target.query}` : ''}`;
  return new Request(url, { method, headers, body, signal, redirect: 'manual' });
}

/** The client's query string minus its credential (`key`). */
export function queryWithoutKey(url: URL): string {
  if (!url.search) return '';
  const params = new URLSearchParams(url.search);
  params.delete('key');
  return params.toString();
}
