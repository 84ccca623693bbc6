import type { Deps } from '../../deps';
import { maskProxy, validProxy } from '../../proxy/outbound-proxy';
import { socksConnect } from '../../proxy/socks-bridge';

/** One proxy's check, as the dashboard shows it; the proxy's password is masked. */
export interface ProxyCheck {
  readonly proxy: string;
  readonly ok: boolean;
  /** Round trip in ms when it answered. */
  readonly ms: number | null;
  readonly error: string | null;
}

const CHECK_TIMEOUT_MS = 10_000;
const CONCURRENCY = 5;

/**
 * Whether Google's API host answers through the proxy: a HEAD of BASE_URL/models without a key.
 * Any HTTP answer (Google's 403 for a keyless call included) proves the path works; gemini-balance
 * asked www.google.com instead, which says nothing about a relay in BASE_URL.
 */
async function checkOne(deps: Pick<Deps, 'fetch' | 'settings' | 'now'>, proxy: string): Promise<ProxyCheck> {
  const shown = maskProxy(proxy.trim());
  if (!validProxy(proxy)) return { proxy: shown, ok: false, ms: null, error: 'Invalid proxy format: use http://, https:// or socks5:// with a host (and optional user:password@ and :port).' };
  const started = deps.now();
  try {
    if (/^socks5/i.test(proxy)) {
      // Straight to SOCKS5, for its own reasons ("Socks5 Authentication failed", …).
      const target = new URL(deps.settings.current.BASE_URL);
      const socket = await socksConnect(proxy.trim(), target.hostname, Number(target.port || (target.protocol === 'https:' ? 443 : 80)), CHECK_TIMEOUT_MS);
      socket.destroy();
      return { proxy: shown, ok: true, ms: deps.now() - started, error: null };
    }
    const option = proxy.trim();
    const request = new Request(`${deps.settings.current.BASE_URL}/models`, { method: 'HEAD', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS), redirect: 'manual' });
    const response = await deps.fetch(request, { proxy: option });
    await response.arrayBuffer();
    // The proxy itself refused (bad password, no route): not an answer from Google.
    if (response.status === 407 || response.status === 502) return { proxy: shown, ok: false, ms: null, error: `The proxy answered HTTP ${response.status}.` };
    return { proxy: shown, ok: true, ms: deps.now() - started, error: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { proxy: shown, ok: false, ms: null, error: maskProxy(why).split('\n')[0] ?? why };
  }
}

/** Checks the proxies, CONCURRENCY at a time; results in the order given. */
export async function checkProxies(deps: Pick<Deps, 'fetch' | 'settings' | 'now'>, proxies: readonly string[]): Promise<ProxyCheck[]> {
  const results: ProxyCheck[] = new Array(proxies.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < proxies.length; i = next++) results[i] = await checkOne(deps, proxies[i] ?? '');
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, proxies.length) }, worker));
  return results;
}
