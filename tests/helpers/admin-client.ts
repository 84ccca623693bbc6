import type { RunningProxy } from './proxy-app';

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
