/**
 * PROXIES: which outbound proxy a call to Google goes through. Pure. With
 * PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY each key always uses the same proxy — by a stable hash
 * (FNV-1a), so the mapping survives restarts and is the same on every instance (gemini-balance
 * used Python's per-process salted hash, which changed at every restart); otherwise a random one.
 */

const PROXY_URL = /^(https?|socks5h?):\/\/([^/?#]+@)?[^/?#:@]+(:\d+)?\/?$/i;

/** http(s)://[user:pass@]host[:port] or socks5://[user:pass@]host[:port]. */
export const validProxy = (text: string) => PROXY_URL.test(text.trim());

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The key's proxy; one that failed lately (`isDown`) is passed over for the next one in the list,
 * so a dead proxy does not take its keys (or, through the breaker, the whole pool) down with it.
 * When every proxy is down, the key's own is used.
 */
export function proxyFor(key: string, proxies: readonly string[], consistent: boolean, random: () => number, isDown: (proxy: string) => boolean = () => false): string | undefined {
  const usable = proxies.map((p) => p.trim()).filter(validProxy);
  if (usable.length === 0) return undefined;
  const start = consistent ? fnv1a(key) % usable.length : Math.floor(random() * usable.length);
  for (let i = 0; i < usable.length; i++) {
    const proxy = usable[(start + i) % usable.length];
    if (proxy !== undefined && !isDown(proxy)) return proxy;
  }
  return usable[start];
}

/** Proxies that failed at the network level lately: skipped for DOWN_MS. */
export function createProxyHealth(now: () => number, downMs = 30_000) {
  const downUntil = new Map<string, number>();
  return {
    failed: (proxy: string) => void downUntil.set(proxy, now() + downMs),
    isDown: (proxy: string) => (downUntil.get(proxy) ?? 0) > now(),
  };
}
export type ProxyHealth = ReturnType<typeof createProxyHealth>;

/** The proxy failed (no connection, refused, dropped): not the key's fault. */
export class ProxyTransportError extends Error {
  override readonly name = 'ProxyTransportError';
  constructor(readonly proxy: string, cause: unknown) {
    super(`the outbound proxy ${maskProxy(proxy)} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A proxy as logs and the dashboard may show it: any credentials hidden. */
export function maskProxy(proxy: string): string {
  const at = proxy.lastIndexOf('@');
  const scheme = proxy.indexOf('://');
  if (at < 0 || scheme < 0 || at < scheme) return proxy;
  const credentials = proxy.slice(scheme + 3, at);
  const user = credentials.includes(':') ? credentials.slice(0, credentials.indexOf(':')) : '***';
  return `${proxy.slice(0, scheme + 3)}${user}:***@${proxy.slice(at + 1)}`;
}
