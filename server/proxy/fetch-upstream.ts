import type { Deps } from '../deps';
import { ProxyTransportError, proxyFor } from './outbound-proxy';

/** The fetch `proxy` option: an HTTP(S) proxy URL, or the local SOCKS5 bridge with its route header. */
export type ProxyOption = string | { readonly url: string; readonly headers: Record<string, string> };
export interface UpstreamInit {
  readonly proxy?: ProxyOption;
}

/**
 * A call to Google with `key`, through the proxy PROXIES gives that key (none: straight). A
 * network failure through a proxy (not the client leaving, not our timeout) marks the proxy down
 * and is thrown as a ProxyTransportError: the key is not to blame.
 */
export async function fetchUpstream(deps: Pick<Deps, 'fetch' | 'settings' | 'socks' | 'proxyHealth'>, request: Request, key: string): Promise<Response> {
  const s = deps.settings.current;
  const proxy = proxyFor(key, s.PROXIES, s.PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY, Math.random, deps.proxyHealth.isDown);
  if (proxy === undefined) return deps.fetch(request);
  try {
    return await deps.fetch(request, { proxy: /^socks5/i.test(proxy) ? await deps.socks.proxyOption(proxy) : proxy });
  } catch (error) {
    if (request.signal.aborted) throw error;
    deps.proxyHealth.failed(proxy);
    throw new ProxyTransportError(proxy, error);
  }
}
