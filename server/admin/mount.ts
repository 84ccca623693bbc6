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
      onError: ({ error, path }) => {
        // Ours, naming only the database's state (trpc.ts): safe to log as it is.
        if (error.code === 'SERVICE_UNAVAILABLE') return deps.log.warn(`admin API ${path ?? ''}: ${error.message}`);
        if (error.code !== 'INTERNAL_SERVER_ERROR') return;
        // Drizzle's message is "Failed query: <SQL> params: <values>": the values may be secrets.
        const cause = error.cause instanceof Error ? error.cause : error;
        const line = (cause.message.split('\n')[0] ?? '').replace(/params:.*$/s, 'params: (hidden)').slice(0, 500);
        deps.log.error(`admin API ${path ?? ''}: ${line}`);
      },
      // Answers hold keys, tokens and settings: no shared cache (a CDN's "cache everything") may keep them.
      responseMeta: () => ({ headers: { 'cache-control': 'no-store' } }),
    });
}
