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

export function proxyFor(key: string, proxies: readonly string[], consistent: boolean, random: () => number): string | undefined {
  const usable = proxies.map((p) => p.trim()).filter(validProxy);
  if (usable.length === 0) return undefined;
  const index = consistent ? fnv1a(key) % usable.length : Math.floor(random() * usable.length);
  return usable[index];
}

/** A proxy as logs and the dashboard may show it: its password hidden. */
export function maskProxy(proxy: string): string {
  return proxy.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
