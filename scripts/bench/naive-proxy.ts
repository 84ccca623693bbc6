/**
 * The benchmark's baseline: the least a Bun proxy in front of Gemini can do. It forwards every
 * request to UPSTREAM with the same method, path, query and body, swaps the client's
 * `x-goog-api-key` for the fixed KEY, and streams the answer back as it arrives (status and
 * content-type copied, the answer never buffered). No auth, no key pool, no retries, no logging.
 *
 *   UPSTREAM=http://127.0.0.1:8001 KEY=AIza… PORT=0 bun scripts/bench/naive-proxy.ts
 */

const upstream = process.env.UPSTREAM;
const key = process.env.KEY;
if (!upstream || !key) {
  console.error('naive proxy: set UPSTREAM (e.g. http://127.0.0.1:8001) and KEY');
  process.exit(1);
}
const base = upstream.replace(/\/+$/, '');

/**
 * The client's request, pointed at the upstream with the fixed key. The body is read whole first:
 * for a small JSON body that is cheaper in Bun than a streamed (chunked) upload, and our server does it too.
 */
async function forwarded(request: Request): Promise<Request> {
  const url = new URL(request.url);
  const headers = new Headers();
  const contentType = request.headers.get('content-type');
  if (contentType) headers.set('content-type', contentType);
  headers.set('x-goog-api-key', key ?? '');
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(`${base}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : null,
    redirect: 'manual',
    signal: request.signal,
  });
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 0),
  async fetch(request) {
    try {
      const answer = await fetch(await forwarded(request));
      const headers = new Headers();
      const contentType = answer.headers.get('content-type');
      if (contentType) headers.set('content-type', contentType);
      return new Response(answer.body, { status: answer.status, headers });
    } catch {
      return new Response('{"error":{"code":502,"message":"upstream unreachable"}}', {
        status: 502,
        headers: { 'content-type': 'application/json' },
      });
    }
  },
});

const stop = () => {
  void server.stop(true).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

console.log(`naive proxy listening on http://127.0.0.1:${server.port}`);
