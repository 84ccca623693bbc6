import { Elysia } from 'elysia';
import type { Deps } from './deps';
import { checkHealth } from './health';
import { createAdminHandler, TRPC_ENDPOINT } from './admin/mount';
import { normalizedPath } from './proxy/normalize-path';
import { proxyRoutes } from './proxy/routes';
import { dashboard } from './web/dashboard-routes';
import { metricsRoute } from './metrics/route';

/** The whole HTTP surface; tests call `createApp(deps).handle(request)` or listen on a port. */
export function createApp(deps: Deps) {
  const admin = createAdminHandler(deps);
  const redispatch: { handle?: (request: Request) => Promise<Response> } = {};
  const app = new Elysia()
    // URL_NORMALIZATION_ENABLED: a mistyped path is handled as the route it meant.
    .onRequest(({ request }) => {
      if (!deps.settings.current.URL_NORMALIZATION_ENABLED) return;
      const url = new URL(request.url);
      const meant = normalizedPath(request.method, url.pathname, url.searchParams);
      if (meant === undefined) return;
      url.pathname = meant;
      return redispatch.handle?.(new Request(url.toString(), request));
    })
    .get('/health', async ({ set }) => {
      const redis = deps.keyEvents ? (deps.keyEvents.connected() ? 'connected' : 'away') : undefined;
      const { health, httpStatus } = await checkHealth(deps.repo, deps.version, redis);
      set.status = httpStatus;
      set.headers['cache-control'] = 'no-store';
      return health;
    })
    .all(`${TRPC_ENDPOINT}/*`, ({ request, server }) => admin(request, server?.requestIP(request)?.address), { parse: 'none' })
    .use(metricsRoute(deps))
    .use(proxyRoutes(deps))
    .use(dashboard());
  redispatch.handle = (request) => app.handle(request);
  return app;
}

export type App = ReturnType<typeof createApp>;
