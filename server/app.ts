import { Elysia } from 'elysia';
import type { Deps } from './deps';
import { checkHealth } from './health';
import { createAdminHandler, TRPC_ENDPOINT } from './admin/mount';
import { proxyRoutes } from './proxy/routes';
import { dashboard } from './web/dashboard-routes';
import { metricsRoute } from './metrics/route';

/** The whole HTTP surface; tests call `createApp(deps).handle(request)` or listen on a port. */
export function createApp(deps: Deps) {
  const admin = createAdminHandler(deps);
  return new Elysia()
    .get('/health', async ({ set }) => {
      const { health, httpStatus } = await checkHealth(deps.repo, deps.version);
      set.status = httpStatus;
      set.headers['cache-control'] = 'no-store';
      return health;
    })
    .all(`${TRPC_ENDPOINT}/*`, ({ request, server }) => admin(request, server?.requestIP(request)?.address), { parse: 'none' })
    .use(metricsRoute(deps))
    .use(proxyRoutes(deps))
    .use(dashboard());
}

export type App = ReturnType<typeof createApp>;
