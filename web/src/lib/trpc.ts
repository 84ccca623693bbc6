import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
// Type-only: the router's types check every call at compile time, and no server code is bundled.
import type { AppRouter } from '../../../server/admin/router';

export type ApiOutputs = inferRouterOutputs<AppRouter>;
export type ApiInputs = inferRouterInputs<AppRouter>;

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/** The app registers where a 401 leads (the login page); this module knows nothing of routing. */
export function handleUnauthorized(handler: UnauthorizedHandler | undefined): void {
  onUnauthorized = handler;
}

/**
 * Every answer passes here: a 401 means the session ended (expired, logged out elsewhere,
 * AUTH_TOKEN changed), so the user is sent to log in again. A wrong token at login is also a
 * 401, but that one belongs to the login form.
 */
async function watchedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (response.status === 401 && !url.includes('auth.login')) onUnauthorized?.();
  return response;
}

/** The dashboard's only way to the server. */
export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc', fetch: watchedFetch })],
});
