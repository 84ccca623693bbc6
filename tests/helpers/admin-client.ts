import { createAdminState } from '../../server/admin/admin-state';
import { appRouter } from '../../server/admin/router';
import { createCallerFactory } from '../../server/admin/trpc';
import type { Deps } from '../../server/deps';
import { ADMIN_TOKEN, type RunningProxy } from './proxy-app';

/** A browser-like client of the admin API over plain HTTP: keeps the session cookie it is given. */
export function adminClient(p: Pick<RunningProxy, 'url'>, headers: Record<string, string> = {}) {
  let cookie: string | undefined;
  const remember = (res: Response) => {
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
  };
  const send = async (path: string, init: RequestInit) => {
    const res = await fetch(`${p.url}/api/trpc/${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...headers, ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    remember(res);
    return res;
  };
  return {
    cookie: () => cookie,
    setCookie: (value: string | undefined) => void (cookie = value),
    mutate: (path: string, input?: unknown, extra: Record<string, string> = {}) =>
      send(path, { method: 'POST', body: input === undefined ? undefined : JSON.stringify(input), headers: extra }),
    query: (path: string, input?: unknown) =>
      send(input === undefined ? path : `${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { method: 'GET' }),
  };
}

/** tRPC's answer body: `{ result: { data } }` or `{ error: { message, code, data: { code, httpStatus } } }`. */
export async function trpcData<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`tRPC error ${res.status}: ${body.error?.message}`);
  return body.result.data;
}

/** A browser that has logged in with AUTH_TOKEN. */
export async function loggedInAdmin(p: Pick<RunningProxy, 'url'>) {
  const admin = adminClient(p);
  const res = await admin.mutate('auth.login', { token: ADMIN_TOKEN });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return admin;
}

const TEST_SESSION = { id: 'test', expiresAt: Number.MAX_SAFE_INTEGER };

/** The admin API called in-process (tRPC createCaller), as a logged-in admin unless `session` is null. */
export function adminCaller(deps: Deps, session: { id: string; expiresAt: number } | null = TEST_SESSION) {
  return createCallerFactory(appRouter)({ deps, admin: createAdminState(), session, address: '127.0.0.1', https: false, crossSite: false, resHeaders: new Headers() });
}
