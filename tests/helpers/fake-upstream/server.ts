import type { Outcome } from './answers';
import { createFakeFiles, type FakeFiles } from './files';
import { respond } from './routes';
import { dropped, Gate, hang, pacedBody } from './stream';

export type Behaviour =
  | { kind: 'ok' }
  /** 400 INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID (recorded body). */
  | { kind: 'invalid-key' }
  /** 403 PERMISSION_DENIED, SERVICE_DISABLED (recorded body). */
  | { kind: 'permission-denied' }
  /** 429 RESOURCE_EXHAUSTED with RetryInfo; only for `models` when given (others answer normally). */
  | { kind: 'rate-limited'; retryDelay?: string; models?: string[] }
  | { kind: 'server-error'; status: 500 | 503 }
  /** Accepts the request and never answers, until the client aborts. */
  | { kind: 'hang' }
  /** Closes the connection without an HTTP answer. */
  | { kind: 'drop' }
  /** Streams send `events` events, then Google's mid-stream error object, then end; unary calls are fine. */
  | { kind: 'stream-fail-after'; events: number }
  /** generateContent and streams answer a candidate with no content (recorded `content: {}`). */
  | { kind: 'empty' }
  /** generateContent and streams answer a text cut off at the token limit (recorded, finishReason MAX_TOKENS). */
  | { kind: 'max-tokens' };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  key: string | null;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface FakeUpstream {
  /** http://127.0.0.1:PORT — point BASE_URL at `${url}/v1beta`. */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  setKey(key: string, behaviour: Behaviour): void;
  /** Behaviour of keys never set with setKey; starts as invalid-key, as Google treats an unknown key. */
  setDefault(behaviour: Behaviour): void;
  /**
   * Stream pacing: delay between SSE events / array elements, and an optional gate: streams pause after
   * their first event until release(). Replaces the previous pacing; both default to off.
   */
  setStreamPacing(pacing: { delayMs?: number; holdAfterFirst?: boolean }): void;
  /** Lets every stream started so far continue past the gate; later streams wait for the next release(). */
  release(): void;
  /** Requests whose response has not finished and whose client is still there. */
  openRequests(): number;
  /** The files uploaded to it (by name), with the key that uploaded each. */
  readonly files: FakeFiles['files'];
  /** Closes every connection and the listener; ends hangs, held streams and pacing timers. */
  stop(): Promise<void>;
}

/** Google's OpenAI-compatible endpoint takes the key as a Bearer token. */
const bearer = (header: string | null) => (header?.startsWith('Bearer ') ? header.slice(7) : null);

async function record(req: Request): Promise<RecordedRequest> {
  const url = new URL(req.url);
  return {
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    // The proxy sends the header; SDKs and curl users often pass ?key=. Empty values count as no key.
    key: req.headers.get('x-goog-api-key') || url.searchParams.get('key') || bearer(req.headers.get('authorization')) || null,
    headers: Object.fromEntries(req.headers),
    body: await req.text(),
    at: Date.now(),
  };
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  let fallback: Behaviour = { kind: 'invalid-key' };
  let pacing = { delayMs: 0, holdAfterFirst: false };
  const gate = new Gate();
  const stopping = new AbortController();
  let open = 0;
  let origin = '';
  const files = createFakeFiles(() => origin);

  const track = () => {
    open += 1;
    let finished = false;
    return () => {
      if (!finished) open -= 1;
      finished = true;
    };
  };

  const deliver = (outcome: Outcome, req: Request, done: () => void): Response | Promise<Response> => {
    if (outcome.kind === 'hang') return hang(req.signal, stopping.signal, done);
    if (outcome.kind === 'stream') {
      const held = pacing.holdAfterFirst ? gate.waitable : undefined;
      const body = pacedBody(outcome.pieces, { delayMs: pacing.delayMs, gate: held, stop: stopping.signal, done });
      return new Response(body, { status: 200, headers: outcome.headers });
    }
    done();
    return outcome.kind === 'drop' ? dropped() : outcome.response;
  };

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    // Hangs and held streams must last as long as a test wants; Bun would cut idle requests after 10 s.
    idleTimeout: 0,
    async fetch(req) {
      const done = track();
      try {
        const recorded = await record(req);
        requests.push(recorded);
        return deliver(respond(recorded, (key) => behaviours.get(key) ?? fallback, files), req, done);
      } catch {
        // Only reading the body can throw: the client went away while sending it.
        done();
        return dropped();
      }
    },
  });

  origin = `http://127.0.0.1:${server.port}`;
  return {
    url: origin,
    requests,
    files: files.files,
    setKey: (key, behaviour) => void behaviours.set(key, behaviour),
    setDefault: (behaviour) => void (fallback = behaviour),
    setStreamPacing: (next) => void (pacing = { delayMs: next.delayMs ?? 0, holdAfterFirst: next.holdAfterFirst ?? false }),
    release: () => gate.release(),
    openRequests: () => open,
    async stop() {
      stopping.abort();
      await server.stop(true);
    },
  };
}
