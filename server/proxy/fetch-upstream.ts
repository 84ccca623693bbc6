import type { Deps } from '../deps';
import { proxyFor } from './outbound-proxy';

/** The fetch `proxy` option: an HTTP(S) proxy URL, or the local SOCKS5 bridge with its route header. */
export type ProxyOption = string | { readonly url: string; readonly headers: Record<string, string> };
export interface UpstreamInit {
  readonly proxy?: ProxyOption;
}

/** A call to Google with `key`, through the proxy PROXIES gives that key (none: straight). */
export async function fetchUpstream(deps: Pick<Deps, 'fetch' | 'settings' | 'socks'>, request: Request, key: string): Promise<Response> {
  const s = deps.settings.current;
  const proxy = proxyFor(key, s.PROXIES, s.PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY, Math.random);
  if (proxy === undefined) return deps.fetch(request);
  return deps.fetch(request, { proxy: /^socks5/i.test(proxy) ? await deps.socks.proxyOption(proxy) : proxy });
}
