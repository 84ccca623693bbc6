import { join, normalize, sep } from 'node:path';
import { Elysia } from 'elysia';
import { notFound } from '../proxy/not-found';

export const DASHBOARD_DIR = join(import.meta.dir, '..', '..', 'web', 'dist', 'client');

/** Paths that are never dashboard pages: an unknown one is a JSON 404 naming the right base URL. */
const API_PREFIXES = ['/v1', '/hf/', '/openai/', '/gemini/', '/api/', '/health', '/upload/', '/vertex-express/', '/_build/'];
const OPENAI_TAILS = /\/(chat\/completions|completions|embeddings|models|responses|images\/generations|audio\/speech)$|:\w+$/;

const isApiPath = (path: string) => API_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p)) || OPENAI_TAILS.test(path);

/** A file inside the build folder, never outside it (`..` in a URL). */
function fileIn(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(dir, decoded));
  return path.startsWith(dir + sep) ? path : undefined;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Gemini Balance</title>
<p>The dashboard has not been built. Run <code>bun install</code> (it builds it) or <code>bun run build:web</code>, then reload.</p>
<p>仪表盘尚未构建。请运行 <code>bun install</code>(会自动构建)或 <code>bun run build:web</code>,然后刷新。</p>`;

/**
 * The dashboard: built files from web/dist/client. Hashed assets (/_build/…) are cached forever and
 * a missing one is a 404 (never index.html, which would be served as broken JavaScript);
 * every page path gets index.html with no-cache, so an upgrade shows at once without Ctrl+F5.
 */
export function dashboard(dir: string = DASHBOARD_DIR) {
  const asset = async (request: Request, immutable: boolean) => {
    const path = fileIn(dir, new URL(request.url).pathname);
    const file = path ? Bun.file(path) : undefined;
    if (!file || !(await file.exists())) return undefined;
    return new Response(file, { headers: { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' } });
  };
  const page = async () => {
    const index = Bun.file(join(dir, 'index.html'));
    if (!(await index.exists())) return new Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    return new Response(index, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  };
  /**
   * Whatever no route matched: an API-looking path is a JSON 404 naming the right base URL; a GET
   * of anything else is a page of the app (or a file at the top of the build, like favicon.ico).
   * As the not-found handler, not a `GET /*` route: that would shadow the proxy's wildcard routes.
   */
  const fallback = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (isApiPath(path) || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound(request);
    return (path.includes('.') ? await asset(request, false) : undefined) ?? page();
  };
  return new Elysia()
    .get('/_build/*', async ({ request }) => (await asset(request, true)) ?? new Response('Not found', { status: 404 }))
    .onError({ as: 'global' }, async ({ code, request, set }) => {
      if (code !== 'NOT_FOUND') return undefined;
      const response = await fallback(request);
      // Elysia answers with the error's 404 unless told otherwise: a page is a 200.
      set.status = response.status;
      return response;
    });
}
