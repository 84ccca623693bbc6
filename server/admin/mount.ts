import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Deps } from '../deps';
import { createAdminState } from './admin-state';
import { createAdminContext } from './context';
import { appRouter } from './router';

export const TRPC_ENDPOINT = '/api/trpc';

/** The admin API over HTTP: tRPC's fetch adapter, with its own status mapping (UNAUTHORIZED → 401). */
export function createAdminHandler(deps: Deps) {
  const admin = createAdminState();
  return (request: Request, peer: string | undefined) =>
    fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) => createAdminContext({ request, resHeaders, peer }, deps, admin),
      onError: ({ error }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error(`admin API: ${error.message}`);
      },
    });
}
